using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// One running sync: the run (counts), its connection and field map, the CRM session, the owner map, and the record
/// outcomes not yet saved. <see cref="FlushAsync"/> saves them with the run's counts and tells the page.
/// </summary>
internal sealed class SyncContext(
    SyncRun run,
    CrmConnection connection,
    IReadOnlyList<CrmFieldMapping> mappings,
    CrmSession session,
    ICrmConnector connector,
    IDbContextFactory<PartnerForgeDbContext> contexts,
    IEventBus events,
    TimeProvider time)
{
    private readonly List<SyncRecord> pending = [];
    private readonly Dictionary<(CrmObjectKind, SyncDirection), IReadOnlyList<CrmFieldMapping>> byKind = [];

    public SyncRun Run { get; } = run;

    public CrmConnection Connection { get; } = connection;

    public CrmSession Session { get; } = session;

    public ICrmConnector Connector { get; } = connector;

    public IDbContextFactory<PartnerForgeDbContext> Contexts { get; } = contexts;

    /// <summary>CRM owner id → our user id (matched by e-mail).</summary>
    public Dictionary<string, Guid> Owners { get; } = new(StringComparer.Ordinal);

    public string Phase { get; set; } = "Starting";

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public IReadOnlyList<CrmFieldMapping> Pulled(CrmObjectKind kind) => MappingsOf(kind, SyncDirection.Pull);

    public IReadOnlyList<CrmFieldMapping> Pushed(CrmObjectKind kind) => MappingsOf(kind, SyncDirection.Push);

    public IReadOnlyList<string> PulledProperties(CrmObjectKind kind) => Pulled(kind).Select(m => m.CrmProperty).Distinct(StringComparer.Ordinal).ToList();

    public Guid? OwnerOf(CrmRecord record) =>
        record.OwnerId is { Length: > 0 } id && Owners.TryGetValue(id, out var user) ? user : null;

    /// <summary>A kind's mappings one way, worked out once per run (every pulled record asks).</summary>
    private IReadOnlyList<CrmFieldMapping> MappingsOf(CrmObjectKind kind, SyncDirection direction)
    {
        if (!byKind.TryGetValue((kind, direction), out var list))
        {
            list = mappings.Where(m => m.ObjectKind == kind && m.Direction == direction).ToList();
            byKind[(kind, direction)] = list;
        }

        return list;
    }

    public void Record(CrmObjectKind kind, SyncDirection direction, string crmId, Guid? recordId, SyncOutcome outcome, string? error = null)
    {
        Run.Count(outcome);
        pending.Add(new SyncRecord(Run.Id, kind, direction, crmId, recordId, outcome, error, Now));
    }

    /// <summary>Saves the outcomes so far with the run's counts, and publishes the progress.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        await FlushAsync(db, cancellationToken);
    }

    /// <summary>As <see cref="FlushAsync(CancellationToken)"/>, in the same save as the changes <paramref name="db"/> holds (a page's links).</summary>
    public async Task FlushAsync(PartnerForgeDbContext db, CancellationToken cancellationToken)
    {
        Run.UsedCalls(Session.ApiCalls);
        db.CrmSyncRuns.Update(Run);
        db.CrmSyncRecords.AddRange(pending);
        await db.SaveChangesAsync(cancellationToken);
        pending.Clear();
        await events.PublishAsync(CrmSyncProgressed.Of(Run, Phase), cancellationToken);
    }
}
