using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Playbook;

namespace PartnerForge.Infrastructure.Enrichment.Modules;

/// <summary>
/// M10 buying committee: each M09 executive mapped to economic buyer, technical buyer, champion or user by the
/// tenant's title rules (first matching rule wins). A user's override of one person on this account wins over
/// the rules on every run; its source says so.
/// </summary>
public sealed class BuyingCommitteeModule(IDbContextFactory<PartnerForgeDbContext> contexts) : IEnrichmentModule
{
    public string Code => ModuleCatalog.BuyingCommittee;

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var executives = BuyingCommittee.Executives(context.Earlier[ModuleCatalog.Executives].Facts).ToList();
        if (executives.Count == 0)
        {
            return ModuleResult.NoData("No executives found (M09), so there is no committee to map.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rules = await TitleRuleService.SpecsAsync(db, cancellationToken);
        var overrides = await db.CommitteeOverrides.AsNoTracking().Where(o => o.CompanyId == context.CompanyId)
            .ToDictionaryAsync(o => o.PersonName, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var facts = new List<Fact>();
        foreach (var (name, title, source) in executives)
        {
            SourceRef cited;
            CommitteeRole role;
            if (overrides.TryGetValue(name, out var chosen))
            {
                role = chosen.Role;
                cited = new SourceRef(source.Url, chosen.SetAtUtc, "user-override", $"{name} ({title}) set to {role.Label()} by a user of this workspace");
            }
            else
            {
                var match = TitleRules.Map(title, rules);
                role = match.Role;
                cited = new SourceRef(source.Url, source.FetchedAtUtc, "title-rule", $"{title}: {match.Reason}");
            }

            facts.Add(new Fact($"committee[{name}].role", role.Code(), cited));
            facts.Add(new Fact($"committee[{name}].title", title, source));
        }

        return ModuleResult.Ok(facts);
    }
}
