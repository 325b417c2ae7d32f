using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Common;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Jobs;
using Quartz;

namespace PartnerForge.Infrastructure.Scoring;

/// <summary>Published after each batch of a re-scoring and when it ends (Done = Total, Finished).</summary>
public sealed record RescoreProgressed(Guid TenantId, int Done, int Total, bool Finished) : ITenantEvent
{
    public double Percent => Total == 0 ? 100 : 100.0 * Done / Total;
}

/// <summary>
/// Re-scores every account of a tenant (after an ICP or threshold edit) without an enrichment run, publishing
/// progress. One at a time per tenant (the job key is per tenant).
/// </summary>
[DisallowConcurrentExecution]
public sealed class RescoreAccountsJob(IServiceProvider services) : TenantJob(services)
{
    public const string Group = "scoring";

    private readonly IServiceProvider _services = services;

    protected override async Task ExecuteForTenantAsync(IJobExecutionContext context, Guid tenantId, CancellationToken cancellationToken)
    {
        var events = _services.GetRequiredService<IEventBus>();
        var scorer = _services.GetRequiredService<AccountScorer>();
        var done = await scorer.RescoreAllAsync("Re-scored after a profile change",
            (d, total) => events.PublishAsync(new RescoreProgressed(tenantId, d, total, false), cancellationToken), cancellationToken);
        await events.PublishAsync(new RescoreProgressed(tenantId, done, done, true), CancellationToken.None);
    }

    public static JobKey KeyFor(Guid tenantId) => new($"rescore-{tenantId:N}", Group);

    /// <summary>Starts a re-scoring of the tenant now (a re-scoring already running finishes first).</summary>
    public static async Task ScheduleAsync(ISchedulerFactory schedulers, Guid tenantId, Guid? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<RescoreAccountsJob>()
            .WithIdentity(KeyFor(tenantId))
            .UsingJobData(TenantIdKey, tenantId.ToString())
            .UsingJobData(UserIdKey, userId?.ToString() ?? string.Empty)
            .StoreDurably()
            .Build();
        var trigger = TriggerBuilder.Create().ForJob(job).WithIdentity($"rescore-{Guid.NewGuid():N}", Group).StartNow().Build();
        await scheduler.ScheduleJob(job, new List<ITrigger> { trigger }, new ScheduleJobOptions { Replace = true }, cancellationToken);
    }
}
