using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Enrichment.Modules;

/// <summary>
/// M11 displacement: every competitor product on the tenant's competitive list that M02 detected becomes a
/// displacement target: which of our products replaces it, the evidence line, and a priority from
/// <see cref="DisplacementPlanner"/> (timing from M07 triggers and M06 hiring when they ran).
/// </summary>
public sealed class DisplacementModule(IDbContextFactory<PartnerForgeDbContext> contexts) : IEnrichmentModule
{
    public string Code => ModuleCatalog.Displacement;

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lines = await db.DisplacementRules.AsNoTracking().Where(r => r.TenantId == context.TenantId).ToListAsync(cancellationToken);
        if (lines.Count == 0)
        {
            return ModuleResult.NoData("Your competitive list is empty: add the competitor products you displace under Admin → Sales playbook.");
        }

        var ours = lines.GroupBy(l => l.CompetitorProduct, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(" / ", g.Select(l => l.OurProduct).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)), StringComparer.OrdinalIgnoreCase);
        var triggers = Triggers(context);
        var hiring = context.Earlier.TryGetValue(ModuleCatalog.Hiring, out var m06) ? m06.Facts : [];
        var today = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
        var facts = new List<Fact>();
        foreach (var tech in context.Earlier[ModuleCatalog.TechStack].Facts.Where(f => f.Path.StartsWith("tech[", StringComparison.Ordinal) && f.Path.EndsWith(']')))
        {
            var name = tech.Path[5..^1];
            if (!ours.TryGetValue(name, out var ourProduct))
            {
                continue;
            }

            var evidence = string.IsNullOrWhiteSpace(tech.Source.Excerpt) ? tech.Value : tech.Source.Excerpt;
            var mentions = hiring.Count(f => f.Path.Equals($"hiring.tech_role[{name}]", StringComparison.OrdinalIgnoreCase)
                || (f.Path.StartsWith("hiring.tech_role[", StringComparison.Ordinal) && f.Value.Contains(name, StringComparison.OrdinalIgnoreCase)));
            var target = DisplacementPlanner.Plan(new DisplacementSignals(name, ourProduct, evidence, [tech.Source.Method], triggers, mentions), today);
            facts.Add(new Fact($"displacement[{name}].priority", target.PriorityCode, tech.Source));
            facts.Add(new Fact($"displacement[{name}].replacedBy", target.OurProduct, tech.Source));
            facts.Add(new Fact($"displacement[{name}].evidence", target.EvidenceLine, tech.Source));
            facts.Add(new Fact($"displacement[{name}].reason", $"score {target.Score}: {string.Join("; ", target.Reasons)}", tech.Source));
        }

        return facts.Count == 0
            ? ModuleResult.NoData($"None of the {ours.Count} competitor products on your list was detected.")
            : ModuleResult.Ok(facts);
    }

    /// <summary>M07's triggers as (kind, date) from paths <c>trigger[Kind][yyyy-MM-dd]</c>.</summary>
    internal static IReadOnlyList<(string Kind, DateOnly? Date)> Triggers(ModuleContext context)
    {
        if (!context.Earlier.TryGetValue(ModuleCatalog.Triggers, out var m07))
        {
            return [];
        }

        return m07.Facts.Where(f => f.Path.StartsWith("trigger[", StringComparison.Ordinal))
            .Select(f =>
            {
                var parts = f.Path[8..].Split("][");
                var kind = parts[0].TrimEnd(']');
                DateOnly? date = parts.Length > 1 && DateOnly.TryParseExact(parts[1].TrimEnd(']'), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
                return (kind, date);
            }).ToList();
    }
}
