using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Application;

namespace PartnerForge.Infrastructure.Crm;

public sealed partial class CrmSyncService
{
    /// <summary>A run that has been queued or running this long is taken for dead (its node stopped) and no longer blocks a new one.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(6);

    private async Task<Result<Guid>> QueueAsync(Guid connectionId, SyncRunKind kind, Guid? retryOf, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.CrmConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return Result.NotFound<Guid>("There is no such CRM connection in your workspace.");
        }

        if (!connection.IsUsable)
        {
            return Result.Conflict<Guid>(connection.State == CrmConnectionState.Revoked
                ? "This CRM was disconnected; connect it again to sync."
                : "This CRM needs to be connected again before it can sync.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var busySince = now - StaleAfter;
        if (await db.CrmSyncRuns.AnyAsync(r => r.ConnectionId == connectionId && (r.State == SyncRunState.Queued || r.State == SyncRunState.Running) && r.QueuedAtUtc > busySince,
                cancellationToken))
        {
            return Result.Conflict<Guid>("A sync of this CRM is already under way.");
        }

        if (kind == SyncRunKind.Incremental && connection.LastSyncAtUtc is null)
        {
            kind = SyncRunKind.Initial;
        }

        var run = new SyncRun(connectionId, kind, retryOf, now);
        db.CrmSyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok(run.Id);
    }

    /// <summary>
    /// For the scheduled job: queues an incremental sync unless one is under way or the connection is not usable (then
    /// null: nothing to do this time).
    /// </summary>
    internal async Task<Guid?> QueueScheduledAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        var queued = await QueueAsync(connectionId, SyncRunKind.Incremental, null, cancellationToken);
        return queued.Succeeded ? queued.Value : null;
    }

    /// <summary>Takes a queued run (one caller wins, on any node) and loads what it needs.</summary>
    private async Task<SyncContext?> ClaimAsync(Guid runId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var claimed = await db.CrmSyncRuns.Where(r => r.Id == runId && r.State == SyncRunState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, SyncRunState.Running).SetProperty(r => r.StartedAtUtc, now), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        var run = await db.CrmSyncRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        var connection = await db.CrmConnections.AsNoTracking().SingleAsync(c => c.Id == run.ConnectionId, cancellationToken);
        var mappings = await db.CrmFieldMappings.AsNoTracking().Where(m => m.ConnectionId == connection.Id).ToListAsync(cancellationToken);
        var connector = connectors.FirstOrDefault(c => c.Provider == connection.Provider)
                        ?? throw new InvalidOperationException($"There is no connector for {connection.Provider}.");
        var sync = new SyncContext(run, connection, mappings, new CrmSession(connection.Id, tokens, time), connector, contexts, events, time);
        await events.PublishAsync(CrmSyncProgressed.Of(run, "Starting"), cancellationToken);
        return sync;
    }

    private async Task FinishConnectionAsync(SyncContext sync, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.CrmConnections.SingleAsync(c => c.Id == sync.Connection.Id, cancellationToken);
        if (sync.Run.State == SyncRunState.Failed)
        {
            connection.RecordError(sync.Run.Error);
        }
        else if (sync.Run.Kind != SyncRunKind.Retry)
        {
            connection.SyncSucceeded(sync.Run.StartedAtUtc!.Value);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
