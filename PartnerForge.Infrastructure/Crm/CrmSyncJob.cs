using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Jobs;
using Quartz;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// A CRM sync in the background, inside its workspace: with a run id, that queued run ("Sync now", a retry); without,
/// the connection's scheduled incremental sync (skipped while another is under way). Quartz's store fires each trigger
/// once across nodes, the run is claimed once (queued → running), and a run on a node that dies is recovered.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CrmSyncJob(IServiceProvider services) : TenantJob(services)
{
    public const string Group = "crm";
    public const string RunIdKey = "runId";
    public const string ConnectionIdKey = "connectionId";

    private readonly IServiceProvider _services = services;

    public static JobKey ScheduleKey(Guid connectionId) => new($"crm-sync-{connectionId:N}", Group);

    protected override async Task ExecuteForTenantAsync(IJobExecutionContext context, Guid tenantId, CancellationToken cancellationToken)
    {
        var sync = _services.GetRequiredService<CrmSyncService>();
        var data = context.MergedJobDataMap;
        if (Guid.TryParse(data.GetString(RunIdKey), out var runId))
        {
            await sync.RunAsync(runId, cancellationToken);
            return;
        }

        if (!Guid.TryParse(data.GetString(ConnectionIdKey), out var connectionId))
        {
            throw new JobExecutionException($"Job {context.JobDetail.Key} has neither {RunIdKey} nor {ConnectionIdKey}.");
        }

        var queued = await sync.QueueScheduledAsync(connectionId, cancellationToken);
        if (queued is { } id)
        {
            await sync.RunAsync(id, cancellationToken);
        }
    }

    /// <summary>Runs a queued run now, in the background.</summary>
    public static async Task RunNowAsync(ISchedulerFactory schedulers, Guid tenantId, Guid? userId, Guid runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<CrmSyncJob>()
            .WithIdentity($"crm-run-{runId:N}", Group)
            .UsingJobData(TenantIdKey, tenantId.ToString())
            .UsingJobData(UserIdKey, userId?.ToString() ?? string.Empty)
            .UsingJobData(RunIdKey, runId.ToString())
            .RequestRecovery()
            .Build();
        await scheduler.ScheduleJob(job, TriggerBuilder.Create().WithIdentity($"crm-run-{runId:N}", Group).StartNow().Build(), cancellationToken: cancellationToken);
    }

    /// <summary>(Re)schedules the connection's periodic sync; an interval of 0, or a connection not usable, removes it.</summary>
    public static async Task ScheduleAsync(ISchedulerFactory schedulers, CrmConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        ArgumentNullException.ThrowIfNull(connection);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = ScheduleKey(connection.Id);
        if (connection.SyncIntervalMinutes == 0 || connection.State == CrmConnectionState.Revoked)
        {
            await scheduler.DeleteJob(key, cancellationToken);
            return;
        }

        var job = JobBuilder.Create<CrmSyncJob>().WithIdentity(key)
            .UsingJobData(TenantIdKey, connection.TenantId.ToString())
            .UsingJobData(ConnectionIdKey, connection.Id.ToString())
            .StoreDurably()
            .Build();
        var interval = TimeSpan.FromMinutes(connection.SyncIntervalMinutes);
        var trigger = TriggerBuilder.Create().WithIdentity(key.Name, Group).ForJob(key)
            .StartAt(DateTimeOffset.UtcNow.Add(interval))
            .WithSimpleSchedule(x => x.WithInterval(interval).RepeatForever())
            .Build();
        await scheduler.ScheduleJob(job, new List<ITrigger> { trigger }, new ScheduleJobOptions { Replace = true }, cancellationToken);
    }
}
