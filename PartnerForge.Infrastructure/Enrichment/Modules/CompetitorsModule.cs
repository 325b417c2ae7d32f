using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Enrichment.Modules;

/// <summary>The tenant's competitor products: its competitive list (Admin → Sales playbook, <c>Playbook/CompetitiveList</c>).</summary>
public interface ICompetitorProducts
{
    Task<IReadOnlyList<string>> ForTenantAsync(Guid tenantId, CancellationToken cancellationToken);
}

/// <summary>
/// M05 competitors: the account's peers in the tenant's base (accounts sharing the most detected
/// technologies, same industry first) and the tenant's competitor products it runs (from M02's evidence).
/// </summary>
public sealed class CompetitorsModule(IDbContextFactory<PartnerForgeDbContext> contexts, ICompetitorProducts competitors) : IEnrichmentModule
{
    public string Code => ModuleCatalog.Competitors;

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var m02 = context.Earlier[ModuleCatalog.TechStack];
        var facts = new List<Fact>();
        var products = (await competitors.ForTenantAsync(context.TenantId, cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var tech in m02.Facts.Where(f => f.Path.StartsWith("tech[", StringComparison.Ordinal)))
        {
            var name = tech.Path[5..^1];
            if (products.Contains(name))
            {
                facts.Add(new Fact($"competitor_product[{name}]", "in use", tech.Source));
            }
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = await db.CompanyTechnologies.AsNoTracking().Where(t => t.CompanyId == context.CompanyId).Select(t => t.TechnologyId).ToListAsync(cancellationToken);
        if (mine.Count > 0)
        {
            var shared = await db.CompanyTechnologies.AsNoTracking()
                .Where(t => t.CompanyId != context.CompanyId && mine.Contains(t.TechnologyId))
                .GroupBy(t => t.CompanyId)
                .Select(g => new { CompanyId = g.Key, Count = g.Count() })
                .OrderByDescending(g => g.Count)
                .Take(5)
                .ToListAsync(cancellationToken);
            var ids = shared.Select(s => s.CompanyId).ToList();
            var names = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (c.Name, c.Domain), cancellationToken);
            var home = m02.Facts.Count > 0 ? m02.Facts[0].Source : null;
            foreach (var peer in shared.Where(s => s.Count >= Math.Min(3, mine.Count) && names.ContainsKey(s.CompanyId)))
            {
                var (name, domain) = names[peer.CompanyId];
                var source = new SourceRef($"https://{domain}/", home?.FetchedAtUtc ?? context.Time.GetUtcNow().UtcDateTime, "tech-overlap",
                    $"{name} shares {peer.Count} of {mine.Count} detected technologies with {context.CompanyName}");
                facts.Add(new Fact($"peer[{name}]", $"shares {peer.Count} technologies", source));
            }
        }

        return facts.Count == 0 ? ModuleResult.NoData("No peers in your accounts and none of your competitors' products detected.") : ModuleResult.Ok(facts);
    }
}
