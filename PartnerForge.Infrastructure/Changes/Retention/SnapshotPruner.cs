using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Changes.Retention;

/// <summary>
/// Applies <see cref="SnapshotRetention"/> to the current tenant: reads the snapshots' keys (not their JSON),
/// protects the heads and every snapshot a change event refers to, deletes the rest of the plan in batches,
/// relinks the survivors' "previous" pointers past deleted ones, and records the run (<see cref="SnapshotPruneRun"/>)
/// and logs its counts.
/// </summary>
public sealed partial class SnapshotPruner(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    ICurrentTenant current,
    IOptions<SnapshotRetentionOptions> options,
    TimeProvider time,
    ILogger<SnapshotPruner> logger)
{
    public async Task<SnapshotPruneRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = current.TenantId ?? throw new InvalidOperationException("Retention runs for the current tenant; none is set.");
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var snapshots = await db.IntelSnapshots.AsNoTracking()
            .Select(s => new { s.Id, s.CompanyId, s.Module, s.CapturedAtUtc, s.PreviousSnapshotId }).ToListAsync(cancellationToken);
        var referenced = new HashSet<Guid>(await db.ChangeEvents.AsNoTracking().Select(c => c.SnapshotId).Distinct().ToListAsync(cancellationToken));
        referenced.UnionWith(await db.ChangeEvents.AsNoTracking().Where(c => c.PreviousSnapshotId != null)
            .Select(c => c.PreviousSnapshotId!.Value).Distinct().ToListAsync(cancellationToken));
        // The heads are the newest per series anyway; protecting them as well costs nothing and guards odd clocks.
        referenced.UnionWith(await db.SnapshotHeads.AsNoTracking().Select(h => h.SnapshotId).ToListAsync(cancellationToken));

        var plan = SnapshotRetention.Plan(snapshots.Select(s => new RetainedSnapshot(s.Id, s.CompanyId, s.Module, s.CapturedAtUtc)), referenced, now, o.KeepAllDays);
        var pruned = new HashSet<Guid>(plan.Prune);
        var pruneCount = 0;
        foreach (var batch in plan.Prune.Chunk(o.BatchSize))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            pruneCount += await db.IntelSnapshots.Where(s => batch.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Survivors whose previous snapshot was pruned now point to the nearest kept one before it.
        var previousOf = snapshots.ToDictionary(s => s.Id, s => s.PreviousSnapshotId);
        foreach (var survivor in snapshots.Where(s => !pruned.Contains(s.Id) && s.PreviousSnapshotId is { } p && pruned.Contains(p)))
        {
            var previous = survivor.PreviousSnapshotId;
            while (previous is { } id && pruned.Contains(id))
            {
                previous = previousOf.GetValueOrDefault(id);
            }

            await db.IntelSnapshots.Where(s => s.Id == survivor.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.PreviousSnapshotId, previous), cancellationToken);
        }

        var run = new SnapshotPruneRun(now, o.KeepAllDays, snapshots.Count, pruneCount, plan);
        db.SnapshotPruneRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        LogPruned(logger, tenantId, pruneCount, snapshots.Count, o.KeepAllDays, run.KeptRecent, run.KeptLatest, run.KeptReferenced, run.KeptWeekly);
        return run;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot retention in tenant {TenantId}: pruned {Pruned} of {Examined} snapshots (keep all {Days} days); kept {Recent} recent, {Latest} latest, {Referenced} referenced by changes, {Weekly} weekly")]
    private static partial void LogPruned(ILogger logger, Guid tenantId, int pruned, int examined, int days, int recent, int latest, int referenced, int weekly);
}
