using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Jobs;
using Quartz;

namespace PartnerForge.Infrastructure.Accounts.Import;

/// <summary>
/// Runs one import (of accounts or of contacts: the name stays, as Quartz stores it) in the background. Requests recovery: if the app stops mid-import, Quartz fires it again
/// on start-up and <see cref="ImportRunner"/> marks the import failed (its committed batches stay, counted,
/// and can be reverted) instead of leaving it "running" forever.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ImportAccountsJob(IServiceProvider services) : TenantJob(services)
{
    public const string ImportIdKey = "importId";
    public const string Group = "imports";

    private readonly IServiceProvider _services = services;

    protected override async Task ExecuteForTenantAsync(IJobExecutionContext context, Guid tenantId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(context.MergedJobDataMap.GetString(ImportIdKey), out var importId))
        {
            throw new JobExecutionException($"Job {context.JobDetail.Key} has no {ImportIdKey}.");
        }

        await _services.GetRequiredService<ImportRunner>().RunAsync(importId, cancellationToken);
    }

    public static async Task ScheduleAsync(ISchedulerFactory schedulers, Guid tenantId, Guid? userId, Guid importId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<ImportAccountsJob>()
            .WithIdentity($"import-{importId:N}", Group)
            .UsingJobData(TenantIdKey, tenantId.ToString())
            .UsingJobData(UserIdKey, userId?.ToString() ?? string.Empty)
            .UsingJobData(ImportIdKey, importId.ToString())
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create().WithIdentity($"import-{importId:N}", Group).StartNow().Build();
        await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
    }
}
