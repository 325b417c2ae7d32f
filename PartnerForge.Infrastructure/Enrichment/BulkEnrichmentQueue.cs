using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Enrichment;

/// <summary>A bulk run this node holds a lease on: it works the run until it ends or the lease is given back.</summary>
public sealed record ClaimedRun(Guid RunId, Guid TenantId);

/// <summary>
/// The runs of bulk enrichments as a queue every node works from. A node claims a run with one conditional update
/// (the run is active and nobody holds a live lease on it), so two nodes never both claim it; it renews the lease while
/// it works and gives it back when it stops. A node killed outright stops renewing: once its lease runs out, another
/// node claims the run and resumes it (the orchestrator does not run finished modules again). System code: it reads
/// across tenants on purpose; the work itself runs as the run's tenant.
/// </summary>
/// <remarks>
/// The lease lives in two shadow columns of <c>EnrichmentRuns</c> (<see cref="LeaseOwner"/>, <see cref="LeaseUntil"/>):
/// they are how the nodes share work, not a fact about the run.
/// </remarks>
public sealed class BulkEnrichmentQueue(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time, IOptions<EnrichmentOptions> options)
{
    public const string LeaseOwner = "LeaseOwner";
    public const string LeaseUntil = "LeaseUntilUtc";

    /// <summary>A new node name for the lease columns (host, process and a random part: a restarted process is a new owner).</summary>
    public static string NewNodeName() => $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Claims up to <paramref name="count"/> runs, oldest queued first; fewer (or none) when the queue is short.</summary>
    public async Task<IReadOnlyList<ClaimedRun>> ClaimAsync(string node, int count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = Now();
        var candidates = await Claimable(db, now).OrderBy(r => r.QueuedAtUtc).ThenBy(r => r.Id)
            .Take(count * 2).Select(r => new ClaimedRun(r.Id, r.TenantId)).ToListAsync(cancellationToken);
        var claimed = new List<ClaimedRun>(count);
        var until = now + options.Value.BulkLease;
        foreach (var candidate in candidates)
        {
            var won = await Claimable(db, now).Where(r => r.Id == candidate.RunId).ExecuteUpdateAsync(s => s
                .SetProperty(r => EF.Property<string?>(r, LeaseOwner), node)
                .SetProperty(r => EF.Property<DateTime?>(r, LeaseUntil), until), cancellationToken);
            if (won == 1)
            {
                claimed.Add(candidate);
                if (claimed.Count == count)
                {
                    break;
                }
            }
        }

        return claimed;
    }

    /// <summary>Extends the node's leases on <paramref name="runIds"/>; returns how many it still holds.</summary>
    public async Task<int> RenewAsync(string node, IReadOnlyCollection<Guid> runIds, CancellationToken cancellationToken)
    {
        if (runIds.Count == 0)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var until = Now() + options.Value.BulkLease;
        return await Held(db, node, runIds).ExecuteUpdateAsync(s => s.SetProperty(r => EF.Property<DateTime?>(r, LeaseUntil), until), cancellationToken);
    }

    /// <summary>Gives back the node's leases (shutting down): another node, or this one restarted, claims them at once.</summary>
    public async Task ReleaseAsync(string node, IReadOnlyCollection<Guid> runIds, CancellationToken cancellationToken)
    {
        if (runIds.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await Held(db, node, runIds).ExecuteUpdateAsync(s => s
            .SetProperty(r => EF.Property<string?>(r, LeaseOwner), (string?)null)
            .SetProperty(r => EF.Property<DateTime?>(r, LeaseUntil), (DateTime?)null), cancellationToken);
    }

    /// <summary>Active bulk runs nobody holds a live lease on.</summary>
    private static IQueryable<EnrichmentRun> Claimable(PartnerForgeDbContext db, DateTime now) =>
        db.EnrichmentRuns.IgnoreQueryFilters()
            .Where(r => r.BatchId != null && (r.State == RunState.Queued || r.State == RunState.Running))
            .Where(r => EF.Property<DateTime?>(r, LeaseUntil) == null || EF.Property<DateTime?>(r, LeaseUntil) < now);

    private static IQueryable<EnrichmentRun> Held(PartnerForgeDbContext db, string node, IReadOnlyCollection<Guid> runIds) =>
        db.EnrichmentRuns.IgnoreQueryFilters().Where(r => runIds.Contains(r.Id) && EF.Property<string?>(r, LeaseOwner) == node);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
