using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Enrichment;

/// <summary>A run with its account's domain and the account's module statuses (which say what this run did, unless a later run wrote them since).</summary>
public sealed record EnrichmentRunReport(EnrichmentRun Run, string Domain, IReadOnlyDictionary<string, EnrichmentStatus> Statuses);

/// <summary>Reads of one enrichment run of the current tenant (the REST API's GET /runs/{id}).</summary>
public sealed class EnrichmentRunQueries(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    public async Task<EnrichmentRunReport?> FindAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.EnrichmentRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var domain = await db.Companies.Where(c => c.Id == run.CompanyId).Select(c => c.Domain).SingleOrDefaultAsync(cancellationToken) ?? string.Empty;
        var statuses = await db.EnrichmentStatuses.AsNoTracking().Where(s => s.CompanyId == run.CompanyId).ToDictionaryAsync(s => s.Module, cancellationToken);
        return new EnrichmentRunReport(run, domain, statuses);
    }
}
