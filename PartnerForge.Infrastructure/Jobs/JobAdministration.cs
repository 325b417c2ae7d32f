using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Administration;
using PartnerForge.Infrastructure.Persistence;
using Quartz;

namespace PartnerForge.Infrastructure.Jobs;

public sealed record JobRunRow(Guid Id, string JobName, string JobGroup, Guid? TenantId, string? TenantName, DateTime StartedAtUtc, long? DurationMs, JobExecutionStatus Status, string? Error);

public sealed record ScheduleRow(string TriggerName, string TriggerGroup, string JobName, string JobGroup, string State, DateTime? NextFireUtc, DateTime? PreviousFireUtc, string Description);

public sealed record SystemHealth(bool DatabaseOk, string DatabaseProvider, bool SchedulerRunning, string SchedulerName, int RunningJobs, int QueueDepth, int Runs24h, int Failures24h, double FailureRate24h, IReadOnlyList<JobRunRow> RecentErrors);

/// <summary>Platform admin view of jobs: runs across all tenants, schedules (pause/resume), retries, and system health.</summary>
public sealed class JobAdministration(IDbContextFactory<PartnerForgeDbContext> contexts, ISchedulerFactory schedulers, TimeProvider time)
{
    public async Task<IReadOnlyList<JobRunRow>> RecentRunsAsync(int take = 100, JobExecutionStatus? status = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var runs = db.JobExecutions.AsNoTracking().AsQueryable();
        if (status is { } s)
        {
            runs = runs.Where(r => r.Status == s);
        }

        var rows = await runs.OrderByDescending(r => r.StartedAtUtc).Take(take).ToListAsync(ct);
        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return rows.Select(r => new JobRunRow(r.Id, r.JobName, r.JobGroup, r.TenantId, r.TenantId is { } t && tenants.TryGetValue(t, out var n) ? n : null,
            r.StartedAtUtc, r.DurationMs, r.Status, r.Error)).ToList();
    }

    public async Task<IReadOnlyList<ScheduleRow>> SchedulesAsync(CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var triggers = (await scheduler.QueryTriggers(new TriggerQuery(), ct)).Items;
        return triggers.Select(t => new ScheduleRow(t.Key.Name, t.Key.Group, t.JobKey.Name, t.JobKey.Group, t.State.ToString(),
                t.NextFireTimeUtc?.UtcDateTime, t.PreviousFireTimeUtc?.UtcDateTime, t.Description ?? "one-off"))
            .OrderBy(r => r.JobGroup, StringComparer.Ordinal).ThenBy(r => r.JobName, StringComparer.Ordinal).ToList();
    }

    public async Task PauseAsync(string triggerName, string triggerGroup, CancellationToken ct = default) =>
        await (await schedulers.GetScheduler(ct)).PauseTrigger(new TriggerKey(triggerName, triggerGroup), ct);

    public async Task ResumeAsync(string triggerName, string triggerGroup, CancellationToken ct = default) =>
        await (await schedulers.GetScheduler(ct)).ResumeTrigger(new TriggerKey(triggerName, triggerGroup), ct);

    /// <summary>Runs a failed run's job again now, with the job's stored data (tenant included). False when the job no longer exists.</summary>
    public async Task<bool> RetryAsync(Guid executionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.JobExecutions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == executionId, ct);
        if (run is null)
        {
            return false;
        }

        var scheduler = await schedulers.GetScheduler(ct);
        var key = new JobKey(run.JobName, run.JobGroup);
        if (!await scheduler.Exists(key, ct))
        {
            return false;
        }

        var data = new JobDataMap();
        if (run.TenantId is { } tenantId)
        {
            data[TenantJob.TenantIdKey] = tenantId.ToString();
        }

        await scheduler.TriggerJob(key, data, ct);
        return true;
    }

    public async Task<SystemHealth> HealthAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        bool databaseOk;
        try
        {
            databaseOk = await db.Database.CanConnectAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            databaseOk = false;
        }

        var scheduler = await schedulers.GetScheduler(ct);
        var running = (await scheduler.QueryFireInstances(new FireInstanceQuery(), ct)).Items.Count;
        var now = time.GetUtcNow();
        // Waiting work: triggers that are due (or overdue) and not yet fired.
        var queue = (await scheduler.QueryTriggers(new TriggerQuery(), ct)).Items
            .Count(t => t.NextFireTimeUtc is { } next && next <= now && t.State == TriggerState.Normal);
        var status = await scheduler.GetStatus(ct);
        var since = now.UtcDateTime.AddHours(-24);
        var recent = await db.JobExecutions.AsNoTracking().Where(r => r.StartedAtUtc >= since && r.Status != JobExecutionStatus.Running)
            .GroupBy(r => r.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        var total = recent.Where(r => r.Status != JobExecutionStatus.Skipped).Sum(r => r.Count);
        var failed = recent.Where(r => r.Status == JobExecutionStatus.Failed).Sum(r => r.Count);
        var errors = await RecentRunsAsync(10, JobExecutionStatus.Failed, ct);
        return new SystemHealth(databaseOk, db.Database.ProviderName?.Split('.').Last() ?? "?", status == SchedulerStatus.Running,
            scheduler.SchedulerName, running, queue, total, failed, total == 0 ? 0 : (double)failed / total, errors);
    }
}
