using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerForge.Domain.Crm;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;
using Quartz;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>A sync run as the sync log lists it.</summary>
public sealed record SyncRunRow(Guid Id, SyncRunKind Kind, SyncRunState State, DateTime QueuedAtUtc, DateTime? StartedAtUtc, DateTime? FinishedAtUtc,
    int Created, int Updated, int Unchanged, int Deleted, int Merged, int Failed, int Skipped, int Pushed, int ApiCalls, string? Error)
{
    /// <summary>Records handled so far, as <see cref="SyncRun.Processed"/> counts them.</summary>
    public int Processed => Created + Updated + Unchanged + Deleted + Merged + Failed + Skipped + Pushed;
}

/// <summary>One record's outcome in a run, as the sync log shows it.</summary>
public sealed record SyncRecordRow(Guid Id, CrmObjectKind Kind, SyncDirection Direction, string CrmId, Guid? RecordId, SyncOutcome Outcome, string? Error, DateTime AtUtc);

/// <summary>
/// The one write path of CRM syncs, for pages, the API and the scheduled job: queue a sync ("Sync now") or a retry of a
/// run's failed records, run a queued sync (pull owners, companies, contacts and deals page by page, apply deletes and
/// merges, push scores), and read the sync log. A run is claimed once (queued → running), so a run goes once even when
/// more than one node picks it up; one run at a time per connection.
/// </summary>
public sealed partial class CrmSyncService(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    ICurrentTenant current,
    IEnumerable<ICrmConnector> connectors,
    CrmTokens tokens,
    CrmPullWriter writer,
    CrmPusher pusher,
    IEventBus events,
    ISchedulerFactory schedulers,
    TimeProvider time,
    ILogger<CrmSyncService> logger)
{
    /// <summary>An incremental pull asks for changes from this long before the last sync started (clocks differ a little).</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private static readonly CrmObjectKind[] PullOrder = [CrmObjectKind.Company, CrmObjectKind.Contact, CrmObjectKind.Deal];

    /// <summary>Pulled records written together: five of HubSpot's pages.</summary>
    private const int WriteBatch = 500;

    /// <summary>
    /// Queues a sync of the connection and starts it in the background ("Sync now"); the run's id. An incremental sync of
    /// a connection never synced is an initial one. Refused while another sync of the connection is queued or running.
    /// </summary>
    public async Task<Result<Guid>> StartSyncAsync(Guid connectionId, SyncRunKind kind = SyncRunKind.Incremental, CancellationToken cancellationToken = default)
    {
        var queued = await QueueAsync(connectionId, kind, null, cancellationToken);
        if (queued.Succeeded)
        {
            await CrmSyncJob.RunNowAsync(schedulers, current.TenantId!.Value, current.UserId, queued.Value, cancellationToken);
        }

        return queued;
    }

    /// <summary>Queues a run that tries again the records that failed in <paramref name="runId"/>, and starts it.</summary>
    public async Task<Result<Guid>> RetryFailedAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var run = await db.CrmSyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
            if (run is null)
            {
                return Result.NotFound<Guid>("There is no such sync in your workspace.");
            }

            if (!await db.CrmSyncRecords.AnyAsync(r => r.RunId == runId && r.Outcome == SyncOutcome.Failed, cancellationToken))
            {
                return Result.Invalid<Guid>("RunId", "No record failed in that sync.");
            }

            var queued = await QueueAsync(run.ConnectionId, SyncRunKind.Retry, runId, cancellationToken);
            if (!queued.Succeeded)
            {
                return queued;
            }

            await CrmSyncJob.RunNowAsync(schedulers, current.TenantId!.Value, current.UserId, queued.Value, cancellationToken);
            return queued;
        }
    }

    /// <summary>The latest runs of a connection, newest first.</summary>
    public async Task<IReadOnlyList<SyncRunRow>> RunsAsync(Guid connectionId, int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CrmSyncRuns.AsNoTracking().Where(r => r.ConnectionId == connectionId).OrderByDescending(r => r.QueuedAtUtc).Take(Math.Clamp(take, 1, 500))
            .Select(r => new SyncRunRow(r.Id, r.Kind, r.State, r.QueuedAtUtc, r.StartedAtUtc, r.FinishedAtUtc, r.Created, r.Updated, r.Unchanged, r.Deleted, r.Merged,
                r.Failed, r.Skipped, r.Pushed, r.ApiCalls, r.Error))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A run's records (only those of one outcome, when given), failures first.</summary>
    public async Task<IReadOnlyList<SyncRecordRow>> RecordsAsync(Guid runId, SyncOutcome? outcome = null, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.CrmSyncRecords.AsNoTracking().Where(r => r.RunId == runId);
        if (outcome is { } o)
        {
            query = query.Where(r => r.Outcome == o);
        }

        return await query.OrderBy(r => r.Outcome == SyncOutcome.Failed ? 0 : 1).ThenBy(r => r.AtUtc).Take(Math.Clamp(take, 1, 5000))
            .Select(r => new SyncRecordRow(r.Id, r.ObjectKind, r.Direction, r.CrmId, r.RecordId, r.Outcome, r.Error, r.AtUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Runs a queued run to its end (the job calls this). False when the run was not queued (another node took it, or it
    /// ran already). A connection that needs reconnecting, or a CRM that cannot be reached, stops the run as failed.
    /// </summary>
    public async Task<bool> RunAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        var sync = await ClaimAsync(runId, cancellationToken);
        if (sync is null)
        {
            return false;
        }

        try
        {
            await RunStepsAsync(sync, cancellationToken);
            sync.Phase = "Done";
            sync.Run.Finish(sync.Now);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app is stopping: the run goes back to the queue and the recovered job runs it again.
            sync.Phase = "Interrupted";
            sync.Run.Requeue();
            await sync.FlushAsync(CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "CRM sync {Run} of connection {Connection} stopped.", runId, sync.Connection.Id);
            sync.Phase = "Stopped";
            sync.Run.Abort(ex is CrmReconnectRequiredException ? ex.Message : $"The CRM could not be synced: {ex.Message}", sync.Now);
        }

        await sync.FlushAsync(CancellationToken.None);
        await FinishConnectionAsync(sync, CancellationToken.None);
        return true;
    }

    private async Task RunStepsAsync(SyncContext sync, CancellationToken cancellationToken)
    {
        if (sync.Run.Kind == SyncRunKind.Retry)
        {
            await RetryRecordsAsync(sync, cancellationToken);
            return;
        }

        await OwnersAsync(sync, cancellationToken);
        var since = sync.Run.Kind == SyncRunKind.Incremental && sync.Connection.LastSyncAtUtc is { } last ? last - Overlap : (DateTime?)null;
        foreach (var kind in PullOrder)
        {
            await PullAsync(sync, kind, since, cancellationToken);
        }

        foreach (var kind in PullOrder)
        {
            await DeletesAsync(sync, kind, cancellationToken);
        }

        await pusher.PushAsync(sync, null, cancellationToken);
    }

    /// <summary>
    /// Pulls one kind page by page; the records of up to <see cref="WriteBatch"/> pulled records are written together (one
    /// lookup of links and one save for them all). When the CRM fails mid-way, what was pulled is written before the run stops.
    /// </summary>
    private async Task PullAsync(SyncContext sync, CrmObjectKind kind, DateTime? since, CancellationToken cancellationToken)
    {
        sync.Phase = PhaseName(kind);
        var properties = sync.PulledProperties(kind);
        var pulled = new List<CrmRecord>();
        string? cursor = null;
        do
        {
            CrmPage page;
            try
            {
                page = since is { } s
                    ? await sync.Connector.ChangedSinceAsync(sync.Session, kind, properties, s, cursor, cancellationToken)
                    : await sync.Connector.ReadAsync(sync.Session, kind, properties, cursor, archived: false, cancellationToken);
            }
            catch (Exception) when (pulled.Count > 0 && !cancellationToken.IsCancellationRequested)
            {
                await writer.ApplyPageAsync(sync, kind, pulled, cancellationToken);
                throw;
            }

            pulled.AddRange(page.Records);
            cursor = page.Next;
            if (pulled.Count >= WriteBatch || cursor is null)
            {
                await writer.ApplyPageAsync(sync, kind, pulled, cancellationToken);
                pulled.Clear();
            }
        }
        while (cursor is not null);
    }

    private async Task DeletesAsync(SyncContext sync, CrmObjectKind kind, CancellationToken cancellationToken)
    {
        sync.Phase = "Deleted records";
        string? cursor = null;
        do
        {
            var page = await sync.Connector.ReadAsync(sync.Session, kind, [], cursor, archived: true, cancellationToken);
            if (await writer.ApplyDeletesAsync(sync, kind, page.Records, cancellationToken))
            {
                await sync.FlushAsync(cancellationToken);
            }

            cursor = page.Next;
        }
        while (cursor is not null);
    }

    private async Task OwnersAsync(SyncContext sync, CancellationToken cancellationToken)
    {
        sync.Phase = "Owners";
        var owners = await sync.Connector.OwnersAsync(sync.Session, cancellationToken);
        var emails = owners.Where(o => !string.IsNullOrWhiteSpace(o.Email)).Select(o => o.Email!.Trim().ToUpperInvariant()).Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive && emails.Contains(u.NormalizedEmail))
            .ToDictionaryAsync(u => u.NormalizedEmail, u => u.Id, cancellationToken);
        foreach (var owner in owners)
        {
            if (owner.Email is { } email && users.TryGetValue(email.Trim().ToUpperInvariant(), out var user))
            {
                sync.Owners[owner.Id] = user;
            }
        }
    }

    private async Task RetryRecordsAsync(SyncContext sync, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var failed = await db.CrmSyncRecords.AsNoTracking().Where(r => r.RunId == sync.Run.RetryOfRunId && r.Outcome == SyncOutcome.Failed)
            .Select(r => new { r.ObjectKind, r.Direction, r.CrmId, r.RecordId }).ToListAsync(cancellationToken);
        await OwnersAsync(sync, cancellationToken);
        foreach (var kind in PullOrder)
        {
            var ids = failed.Where(f => f.ObjectKind == kind && f.Direction == SyncDirection.Pull && f.CrmId.Length > 0).Select(f => f.CrmId).Distinct().ToList();
            if (ids.Count > 0)
            {
                sync.Phase = PhaseName(kind);
                var records = await sync.Connector.ReadByIdsAsync(sync.Session, kind, sync.PulledProperties(kind), ids, cancellationToken);
                await writer.ApplyPageAsync(sync, kind, records, cancellationToken);
            }
        }

        var pushes = failed.Where(f => f.Direction == SyncDirection.Push && f.RecordId is not null).Select(f => f.RecordId!.Value).ToHashSet();
        if (pushes.Count > 0)
        {
            await pusher.PushAsync(sync, pushes, cancellationToken);
        }
    }

    private static string PhaseName(CrmObjectKind kind) => kind switch
    {
        CrmObjectKind.Company => "Companies",
        CrmObjectKind.Contact => "Contacts",
        _ => "Deals",
    };
}
