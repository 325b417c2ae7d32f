using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Playbook;

namespace PartnerForge.Infrastructure.Persistence.Seeding;

/// <summary>
/// The demo tenants' sales playbook: the default title rules, a competitive list (our product displacing the
/// search products enrichment used to read from configuration) and a few realistic evidence items.
/// </summary>
internal static class DemoPlaybook
{
    /// <summary>The competitor products the configuration listed before tenants had their own list.</summary>
    public static readonly string[] FormerConfiguredCompetitors =
        ["Algolia", "Coveo", "Elasticsearch", "Bloomreach Discovery", "Constructor.io", "Klevu", "Searchspring", "Lucidworks Fusion", "Yext Answers", "Elastic App Search"];

    private static readonly Dictionary<string, string> OurProduct = new(StringComparer.Ordinal)
    {
        ["northwind"] = "Northwind Search",
        ["globex"] = "Globex Discovery",
    };

    private static readonly Dictionary<string, EvidenceInput[]> Evidence = new(StringComparer.Ordinal)
    {
        ["northwind"] =
        [
            new() { Kind = EvidenceKind.CaseStudy, Title = "Outdoor retailer lifts search conversion 18% after leaving Algolia", Customer = "Trailhead Gear Co.",
                Body = "Trailhead moved 40,000 products from Algolia to Northwind Search in five weeks. Search conversion rose 18% and zero-result searches fell by half in the first quarter.",
                Industry = "Retail", SizeBand = "1001-5000", Technologies = "Shopify, Algolia, Klaviyo", UseCase = "Search replatforming", Url = "https://northwind.example/customers/trailhead" },
            new() { Kind = EvidenceKind.Quote, Title = "Harbor Health: relevance tuning in an afternoon", Customer = "Harbor Health Network (Director of Digital)",
                Body = "“Relevance tuning used to take weeks of tickets with Coveo. With Northwind our content team does it in an afternoon.”",
                Industry = "Healthcare", SizeBand = "10001+", Technologies = "Sitecore, Coveo, Lucidworks Fusion", UseCase = "Site search modernization" },
            new() { Kind = EvidenceKind.ProofPoint, Title = "Elasticsearch migrations finish in six weeks on average",
                Body = "Across 23 migrations from self-managed Elasticsearch, the median project took six weeks from kickoff to full traffic, with no downtime.",
                Industry = "Financial services", SizeBand = "501-1000", Technologies = "Elasticsearch, Segment", UseCase = "Migration" },
            new() { Kind = EvidenceKind.CaseStudy, Title = "Community bank answers 40% more questions self-serve", Customer = "Piedmont Savings",
                Body = "Piedmont replaced Yext Answers with Northwind Search on its help centre and app; 40% more questions are now answered without a call.",
                Industry = "Banking", SizeBand = "1001-5000", Technologies = "Yext Answers, Adobe Analytics, Angular", UseCase = "Customer experience" },
        ],
        ["globex"] =
        [
            new() { Kind = EvidenceKind.CaseStudy, Title = "Fashion label grows online revenue 12% after a headless relaunch", Customer = "Maison Verde",
                Body = "Maison Verde relaunched on a headless stack and swapped Bloomreach Discovery for Globex Discovery; online revenue grew 12% year on year.",
                Industry = "Apparel", SizeBand = "501-1000", Technologies = "Salesforce Commerce Cloud, Bloomreach Discovery, Klarna", UseCase = "Headless replatforming" },
            new() { Kind = EvidenceKind.Quote, Title = "Pet retailer: merchandisers finally own search", Customer = "Paws & Co. (VP E-commerce)",
                Body = "“After Klevu, our merchandisers finally own search: boosts, synonyms and campaigns without a developer.”",
                Industry = "Retail", SizeBand = "501-1000", Technologies = "Magento, Klevu, Klaviyo", UseCase = "Merchandising" },
            new() { Kind = EvidenceKind.ProofPoint, Title = "Zero-result searches down 35% in 90 days",
                Body = "Grocers moving from Constructor.io to Globex Discovery cut zero-result searches by 35% within 90 days (median of 9 customers).",
                Industry = "Grocery", SizeBand = "10001+", Technologies = "Constructor.io, Salesforce Commerce Cloud", UseCase = "Expansion of home delivery" },
        ],
    };

    public static async Task SeedAsync(PartnerForgeDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        // Seeding runs with no current tenant, so every query names its tenant and ignores the filters.
        var tenants = await db.Tenants.OrderBy(t => t.Slug).ToListAsync(cancellationToken);
        foreach (var tenant in tenants)
        {
            if (!await db.TitleRules.IgnoreQueryFilters().AnyAsync(r => r.TenantId == tenant.Id, cancellationToken))
            {
                foreach (var spec in TitleRules.Defaults)
                {
                    var rule = new TitleRule(spec.Position, spec.Role, spec.Keywords);
                    rule.StampTenant(tenant.Id);
                    db.TitleRules.Add(rule);
                }
            }

            if (OurProduct.TryGetValue(tenant.Slug, out var ours) && !await db.DisplacementRules.IgnoreQueryFilters().AnyAsync(r => r.TenantId == tenant.Id, cancellationToken))
            {
                foreach (var competitor in FormerConfiguredCompetitors)
                {
                    var line = new DisplacementRule(ours, competitor);
                    line.StampTenant(tenant.Id);
                    db.DisplacementRules.Add(line);
                }
            }

            if (Evidence.TryGetValue(tenant.Slug, out var items) && !await db.EvidenceItems.IgnoreQueryFilters().AnyAsync(e => e.TenantId == tenant.Id, cancellationToken))
            {
                foreach (var input in items)
                {
                    var item = new EvidenceItem(input, nowUtc);
                    item.StampTenant(tenant.Id);
                    db.EvidenceItems.Add(item);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
