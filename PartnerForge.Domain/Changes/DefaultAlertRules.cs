using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Domain.Changes;

/// <summary>
/// The alert rules every new user starts with, all on the accounts they own and all editable or removable like
/// any rule: tier (its fit score, M13, which decides the tier), a competitor's product added or removed (M05),
/// funding (a new investor or round, M08), leadership changes (an executive joined, left or changed title, M09) and
/// replies to the user's outreach sequences.
/// </summary>
public static class DefaultAlertRules
{
    public const string Tier = "Tier changes on my accounts";
    public const string Competitor = "Competitor technology added or removed on my accounts";
    public const string Funding = "Funding on my accounts";
    public const string Leadership = "Leadership changes on my accounts";
    public const string Replies = "Replies to my outreach";

    public static IReadOnlyList<AlertRule> For(Guid tenantId, Guid userId)
    {
        var rules = new List<AlertRule>
        {
            Rule(Tier, userId, ModuleCatalog.IcpFit, "fit.score", null),
            Rule(Competitor, userId, ModuleCatalog.Competitors, "competitor_product[", null),
            Rule(Funding, userId, ModuleCatalog.Investors, "investor[", ChangeKind.Added),
            Rule(Leadership, userId, ModuleCatalog.Executives, "executive[", null),
            // "My accounts" is, for outreach, the sequences the user sends (the recorder passes the sequence owner).
            Rule(Replies, userId, Outreach.EngagementEvents.Module, "outreach[", null, Outreach.EngagementEvents.Significance(Outreach.EngagementKind.Replied)),
        };
        foreach (var rule in rules)
        {
            rule.StampTenant(tenantId);
        }

        return rules;
    }

    private static AlertRule Rule(string name, Guid userId, string module, string pathPrefix, ChangeKind? kind, int minSignificance = 0) =>
        new(name, userId, userId, null) { Module = module, PathPrefix = pathPrefix, Kind = kind, OnlyMyAccounts = true, MinSignificance = minSignificance };
}
