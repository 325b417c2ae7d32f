using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Administration;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;
using Quartz;

namespace PartnerForge.Infrastructure.Jobs;

/// <summary>
/// Records every job run (any job, from any module) as a <see cref="JobExecution"/>: started, then finished with
/// duration and error, or skipped. Also vetoes runs of a suspended tenant's jobs (tenant id in the job data).
/// Added to the scheduler's listener manager at start-up (not persisted in the job store).
/// </summary>
public sealed class JobExecutionRecorder(IServiceScopeFactory scopes, TimeProvider time) : IJobListener, ITriggerListener
{
    private readonly ConcurrentDictionary<string, Guid> _running = new(StringComparer.Ordinal);

    public string Name => "PartnerForge.JobExecutionRecorder";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var execution = new JobExecution(context.JobDetail.Key.Name, context.JobDetail.Key.Group, context.FireInstanceId, TenantOf(context), time.GetUtcNow().UtcDateTime);
        _running[context.FireInstanceId] = execution.Id;
        await SaveAsync(db => db.JobExecutions.Add(execution), cancellationToken);
    }

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (!_running.TryRemove(context.FireInstanceId, out var id))
        {
            return;
        }

        var error = jobException is null ? null : jobException.GetBaseException().Message;
        await UpdateAsync(id, e => e.Finish(time.GetUtcNow().UtcDateTime, context.JobRunTime, error), cancellationToken);
    }

    public async ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var execution = new JobExecution(context.JobDetail.Key.Name, context.JobDetail.Key.Group, context.FireInstanceId, TenantOf(context), time.GetUtcNow().UtcDateTime);
        execution.Skip(time.GetUtcNow().UtcDateTime, "Skipped: the tenant is suspended.");
        await SaveAsync(db => db.JobExecutions.Add(execution), cancellationToken);
    }

    ValueTask ITriggerListener.TriggerFired(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>A suspended tenant's jobs stop: the run is vetoed (and recorded as skipped).</summary>
    public async ValueTask<bool> VetoJobExecution(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (TenantOf(context) is not { } tenantId)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(cancellationToken);
        return await db.Tenants.AnyAsync(t => t.Id == tenantId && t.Status == TenantStatus.Suspended, cancellationToken);
    }

    ValueTask ITriggerListener.TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask ITriggerListener.TriggerComplete(ITrigger trigger, IJobExecutionContext context, SchedulerInstruction triggerInstructionCode, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private static Guid? TenantOf(IJobExecutionContext context) =>
        Guid.TryParse(context.MergedJobDataMap.GetString(TenantJob.TenantIdKey), out var id) ? id : null;

    private async Task SaveAsync(Action<PartnerForgeDbContext> change, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(ct);
        change(db);
        await db.SaveChangesAsync(ct);
    }

    private async Task UpdateAsync(Guid id, Action<JobExecution> change, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(ct);
        var execution = await db.JobExecutions.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (execution is not null)
        {
            change(execution);
            await db.SaveChangesAsync(ct);
        }
    }
}
