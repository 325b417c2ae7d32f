using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Enrichment.Modules;

/// <summary>
/// M12 evidence match: the tenant's case studies, quotes and proof points scored against the account
/// (industry, size, shared technologies, displaced products, trigger use cases) by <see cref="EvidenceMatcher"/>;
/// the best few become facts with their score and reasons.
/// </summary>
public sealed class EvidenceMatchModule(IDbContextFactory<PartnerForgeDbContext> contexts) : IEnrichmentModule
{
    public string Code => ModuleCatalog.EvidenceMatch;

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = await db.EvidenceItems.AsNoTracking().Where(e => e.TenantId == context.TenantId).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return ModuleResult.NoData("Your evidence library is empty: add case studies, quotes and proof points under Admin → Sales playbook.");
        }

        var company = await db.Companies.AsNoTracking().Where(c => c.Id == context.CompanyId).Select(c => new { c.Industry, c.EmployeeBand }).SingleOrDefaultAsync(cancellationToken);
        var m01 = context.Earlier[ModuleCatalog.CompanyContext];
        var technologies = context.Earlier[ModuleCatalog.TechStack].Facts.Where(f => f.Path.StartsWith("tech[", StringComparison.Ordinal) && f.Path.EndsWith(']')).Select(f => f.Path[5..^1]).ToList();
        var displaced = context.Earlier.TryGetValue(ModuleCatalog.Displacement, out var m11)
            ? m11.Facts.Where(f => f.Path.EndsWith("].priority", StringComparison.Ordinal)).Select(f => f.Path["displacement[".Length..^"].priority".Length]).ToList()
            : [];
        var profile = new AccountProfileForEvidence(
            company?.Industry ?? m01.Value("company.industry"),
            company?.EmployeeBand ?? m01.Value("company.employees"),
            technologies,
            DisplacementModule.Triggers(context).Select(t => t.Kind).Distinct().ToList(),
            displaced);

        var byTitle = items.ToDictionary(i => i.Title, StringComparer.OrdinalIgnoreCase);
        var best = EvidenceMatcher.Best(items.Select(i => new EvidenceCandidate(i.Title, i.Kind, i.Industry, i.SizeBand, i.Technologies, i.UseCase)), profile);
        var now = context.Time.GetUtcNow().UtcDateTime;
        var facts = new List<Fact>();
        foreach (var match in best)
        {
            var item = byTitle[match.Item.Title];
            var source = new SourceRef(item.Url ?? $"urn:partnerforge:evidence:{item.Id}", now, "evidence-match", match.Reason);
            facts.Add(new Fact($"evidence[{item.Title}].kind", item.Kind.Code(), source));
            facts.Add(new Fact($"evidence[{item.Title}].score", match.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), source));
            facts.Add(new Fact($"evidence[{item.Title}].reason", match.Reason, source));
        }

        return facts.Count == 0
            ? ModuleResult.NoData($"None of your {items.Count} evidence items fits this account well enough (score ≥ {EvidenceMatcher.MinimumScore}).")
            : ModuleResult.Ok(facts);
    }
}
