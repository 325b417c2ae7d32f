using System.Globalization;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Playbook;

/// <summary>
/// One line of a tenant's competitive list: <see cref="OurProduct"/> displaces <see cref="CompetitorProduct"/>
/// (a technology name of the fingerprint catalog, so M02 can detect it). The tenant's competitor products are
/// the set of these (M05 and M11 read them; change detection rates them).
/// </summary>
public sealed class DisplacementRule : TenantOwnedEntity, IAudited
{
    public const int MaxProductLength = 100;

    private DisplacementRule()
    {
        OurProduct = string.Empty;
        CompetitorProduct = string.Empty;
    }

    public DisplacementRule(string ourProduct, string competitorProduct)
    {
        OurProduct = ourProduct.Trim();
        CompetitorProduct = competitorProduct.Trim();
    }

    public string OurProduct { get; private set; }

    public string CompetitorProduct { get; private set; }

    public void Rename(string ourProduct) => OurProduct = ourProduct.Trim();
}

public enum DisplacementPriority
{
    Low = 0,
    Medium = 1,
    High = 2,
}

/// <summary>What the planner knows about one detected competitor product on one account.</summary>
/// <param name="EvidenceMethods">How M02 saw it (script-src, http-header, html, cookie, dns, implied…).</param>
/// <param name="RecentTriggers">Strategic triggers of the account (kind, date) from M07.</param>
/// <param name="HiringMentions">Open roles whose title names the product (M06).</param>
public sealed record DisplacementSignals(
    string CompetitorProduct,
    string OurProduct,
    string EvidenceLine,
    IReadOnlyList<string> EvidenceMethods,
    IReadOnlyList<(string Kind, DateOnly? Date)> RecentTriggers,
    int HiringMentions);

/// <summary>A competitor product in use that one of our products displaces, with its priority and reasons.</summary>
public sealed record DisplacementTarget(string CompetitorProduct, string OurProduct, string EvidenceLine, int Score, DisplacementPriority Priority, IReadOnlyList<string> Reasons)
{
    public string PriorityCode => Priority.ToString().ToLowerInvariant();
}

/// <summary>Rates displacement targets (pure): detection is the base; timing and strong evidence raise it.</summary>
public static class DisplacementPlanner
{
    public const int Base = 50;
    public const int ReplatformingBonus = 25;
    public const int LeadershipBonus = 10;
    public const int HiringBonus = 15;
    public const int StrongEvidenceBonus = 10;
    public const int WeakEvidencePenalty = 20;
    public const int HighAt = 75;
    public const int MediumAt = 50;

    /// <summary>How old a trigger may be to count as "now".</summary>
    public const int RecentDays = 365;

    private static readonly HashSet<string> StrongMethods = new(StringComparer.OrdinalIgnoreCase) { "script-src", "http-header", "cookie", "dns", "js-global" };

    public static DisplacementTarget Plan(DisplacementSignals s, DateOnly today)
    {
        var score = Base;
        var reasons = new List<string> { $"{s.CompetitorProduct} detected on their site (+{Base})" };
        var methods = s.EvidenceMethods.Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
        if (methods.Count > 0 && methods.All(m => m.Equals("implied", StringComparison.OrdinalIgnoreCase)))
        {
            score -= WeakEvidencePenalty;
            reasons.Add($"only implied by another technology (−{WeakEvidencePenalty})");
        }
        else if (methods.Any(StrongMethods.Contains))
        {
            score += StrongEvidenceBonus;
            reasons.Add($"seen in {methods.First(StrongMethods.Contains)} evidence (+{StrongEvidenceBonus})");
        }

        bool Recent((string Kind, DateOnly? Date) t) => t.Date is { } d && d <= today && today.DayNumber - d.DayNumber <= RecentDays;
        if (s.RecentTriggers.FirstOrDefault(t => t.Kind.Equals("Replatforming", StringComparison.OrdinalIgnoreCase) && Recent(t)) is { Kind: not null } re)
        {
            score += ReplatformingBonus;
            reasons.Add($"replatforming announced {re.Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (+{ReplatformingBonus})");
        }

        if (s.RecentTriggers.FirstOrDefault(t => t.Kind.Equals("LeadershipChange", StringComparison.OrdinalIgnoreCase) && Recent(t)) is { Kind: not null } lead)
        {
            score += LeadershipBonus;
            reasons.Add($"new leadership {lead.Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (+{LeadershipBonus})");
        }

        if (s.HiringMentions > 0)
        {
            score += HiringBonus;
            reasons.Add($"{s.HiringMentions} open role(s) name {s.CompetitorProduct} (+{HiringBonus})");
        }

        score = Math.Clamp(score, 0, 100);
        var priority = score >= HighAt ? DisplacementPriority.High : score >= MediumAt ? DisplacementPriority.Medium : DisplacementPriority.Low;
        return new DisplacementTarget(s.CompetitorProduct, s.OurProduct, s.EvidenceLine, score, priority, reasons);
    }
}
