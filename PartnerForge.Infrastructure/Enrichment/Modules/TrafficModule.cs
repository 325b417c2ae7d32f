using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Enrichment.Modules;

/// <summary>M03 traffic: the domain's rank in the top-sites list an admin imported, and its band.</summary>
public sealed class TrafficModule(IDbContextFactory<PartnerForgeDbContext> contexts) : IEnrichmentModule
{
    public string Code => ModuleCatalog.Traffic;

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var domain = context.Domain.StartsWith("www.", StringComparison.Ordinal) ? context.Domain[4..] : context.Domain;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Bench hosts (b17.acme-outdoor.test) rank as their sample site.
        var bare = PartnerForge.Infrastructure.Demo.SampleSitesServer.SiteName(domain);
        var rank = await db.TrafficRanks.AsNoTracking().Where(r => r.Domain == domain || r.Domain == bare).OrderBy(r => r.Rank).FirstOrDefaultAsync(cancellationToken);
        if (rank is null)
        {
            var any = await db.TrafficRanks.AnyAsync(cancellationToken);
            return ModuleResult.NoData(any ? $"{domain} is not in the imported top-sites list." : "No top-sites list has been imported yet (Admin → Top sites).");
        }

        var source = new SourceRef($"urn:partnerforge:top-sites:{Uri.EscapeDataString(rank.ListName)}", rank.ImportedAtUtc, "top-sites-csv", $"{rank.Rank},{rank.Domain}");
        return ModuleResult.Ok([
            new Fact("traffic.rank", rank.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), source),
            new Fact("traffic.band", TrafficRank.Band(rank.Rank), source),
        ]);
    }
}

/// <summary>Imports a top-sites CSV (<c>rank,domain</c> per line, e.g. the Tranco list), replacing the previous list.</summary>
public sealed class TrafficRankImporter(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    private const int BatchSize = 10_000;

    /// <summary>Replaces the list in one transaction, written in batches; <paramref name="stored"/> hears the rows written so far.</summary>
    public Task<int> ImportAsync(Stream csv, string listName, CancellationToken cancellationToken = default) =>
        ImportAsync(csv, listName, null, cancellationToken);

    public async Task<int> ImportAsync(Stream csv, string listName, IProgress<int>? stored, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ranks = new Dictionary<string, TrafficRank>(StringComparer.OrdinalIgnoreCase);
        using var reader = new StreamReader(csv);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var parts = line.Split(',');
            if (parts.Length >= 2 && int.TryParse(parts[0], out var rank) && rank > 0)
            {
                var domain = parts[1].Trim().ToLowerInvariant();
                if (domain.Length is > 0 and <= 253 && !ranks.ContainsKey(domain))
                {
                    ranks[domain] = new TrafficRank(domain, rank, listName, now);
                }
            }
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.TrafficRanks.ExecuteDeleteAsync(cancellationToken);
        var written = 0;
        foreach (var batch in ranks.Values.Chunk(BatchSize))
        {
            db.TrafficRanks.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            written += batch.Length;
            stored?.Report(written);
        }

        await transaction.CommitAsync(cancellationToken);
        return ranks.Count;
    }
}
