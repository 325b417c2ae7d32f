using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment.Modules;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Scoring;

/// <summary>The facts of each module's last good snapshot, per account (what scoring and the brief read between runs).</summary>
internal static class StoredFacts
{
    public static async Task<Dictionary<Guid, Dictionary<string, IReadOnlyList<Fact>>>> LoadAsync(
        PartnerForgeDbContext db, IReadOnlyCollection<Guid> companyIds, IReadOnlyCollection<string>? modules, CancellationToken cancellationToken)
    {
        var result = companyIds.Distinct().ToDictionary(id => id, _ => new Dictionary<string, IReadOnlyList<Fact>>(StringComparer.Ordinal));
        if (result.Count == 0)
        {
            return result;
        }

        var ids = result.Keys.ToList();
        var statuses = db.EnrichmentStatuses.AsNoTracking().Where(s => ids.Contains(s.CompanyId) && s.LastGoodSnapshotId != null);
        if (modules is not null)
        {
            var list = modules.ToList();
            statuses = statuses.Where(s => list.Contains(s.Module));
        }

        var snapshots = await statuses
            .Join(db.IntelSnapshots.AsNoTracking(), s => s.LastGoodSnapshotId, i => i.Id, (s, i) => new { s.CompanyId, s.Module, i.CanonicalJson, i.CapturedAtUtc })
            .ToListAsync(cancellationToken);
        foreach (var snapshot in snapshots)
        {
            result[snapshot.CompanyId][snapshot.Module] = ModuleResult.FromSnapshot(ModuleOutcome.Ok, snapshot.CanonicalJson, snapshot.CapturedAtUtc).Facts;
        }

        return result;
    }
}
