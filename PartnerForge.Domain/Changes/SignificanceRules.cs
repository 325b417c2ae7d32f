using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnerForge.Domain.Changes;

/// <summary>What the significance rules need from the tenant: the competitor products it displaces.</summary>
public sealed class SignificanceContext
{
    public static readonly SignificanceContext Empty = new([]);

    private readonly HashSet<string> _competitorProducts;

    public SignificanceContext(IEnumerable<string> competitorProducts) =>
        _competitorProducts = new HashSet<string>(competitorProducts.Select(p => p.Trim()).Where(p => p.Length > 0), StringComparer.OrdinalIgnoreCase);

    public bool IsCompetitorProduct(string? technology) => technology is not null && _competitorProducts.Contains(technology);
}

/// <summary>
/// Scores each difference 0–100 with explicit rules, first match wins (DESIGN.md §5). Path conventions the
/// modules write: <c>tech[Name]</c> and <c>tech[Name].version</c> (M02), <c>competitor_product[Name]</c> (M05/M11),
/// <c>trigger.funding[..]</c> / <c>funding.round[..]</c> (M07/M08), <c>executive[Name]</c> and <c>executive[Name].title</c> (M09),
/// <c>hiring.open_roles</c> and <c>hiring.department[..].count</c> (M06), <c>links.footer[..]</c> (M01),
/// <c>investor[Name].round</c> (M08, rated as a funding round), <c>displacement[Name].priority</c> (M11: a new target is high).
/// </summary>
public static partial class SignificanceRules
{
    public const int High = 90;
    public const int Medium = 60;
    public const int Low = 5;

    public sealed record Rule(string Name, Func<FactDifference, string?, SignificanceContext, int?> Score);

    /// <summary>The rules in the order they are tried. Each returns null when it does not apply.</summary>
    public static IReadOnlyList<Rule> All { get; } =
    [
        new("competitor-product", (d, tech, ctx) =>
            ctx.IsCompetitorProduct(tech) && d.Kind != ChangeKind.Changed && IsTechRoot(d.Path) ? High : null),
        new("displacement-target", (d, _, _) =>
            d.Kind == ChangeKind.Added && DisplacementPriority().IsMatch(d.Path) ? High : null),
        new("displacement-priority", (d, _, _) =>
            d.Kind == ChangeKind.Changed && DisplacementPriority().IsMatch(d.Path) ? Medium : null),
        new("funding-round", (d, _, _) =>
            d.Kind == ChangeKind.Added && FundingPath().IsMatch(d.Path) ? 85 : null),
        new("executive-left", (d, _, _) =>
            d.Kind == ChangeKind.Removed && ExecutiveRoot().IsMatch(d.Path) ? 85 : null),
        new("trigger-added", (d, _, _) =>
            d.Kind == ChangeKind.Added && TriggerPath().IsMatch(d.Path) ? 75 : null),
        new("executive-joined", (d, _, _) =>
            d.Kind == ChangeKind.Added && ExecutiveRoot().IsMatch(d.Path) ? 85 : null),
        new("hiring-swing", (d, _, _) => HiringSwing(d)),
        new("competitor-product-detail", (d, tech, ctx) => ctx.IsCompetitorProduct(tech) ? 40 : null),
        new("technology-added-removed", (d, tech, _) =>
            tech is not null && d.Kind != ChangeKind.Changed && IsTechRoot(d.Path) ? 45 : null),
        new("executive-title", (d, _, _) => ExecutivePath().IsMatch(d.Path) ? 50 : null),
        new("footer-link", (d, _, _) => d.Path.Contains("footer", StringComparison.OrdinalIgnoreCase) ? Low : null),
        new("social-link", (d, _, _) => d.Path.StartsWith("social", StringComparison.OrdinalIgnoreCase) ? 10 : null),
        new("technology-detail", (d, tech, _) => tech is not null ? 15 : null),
        new("default", (d, _, _) => d.Kind == ChangeKind.Changed ? 20 : 30),
    ];

    public static DetectedChange Score(FactDifference difference, SignificanceContext context)
    {
        var technology = TechnologyOf(difference.Path);
        foreach (var rule in All)
        {
            if (rule.Score(difference, technology, context) is { } score)
            {
                return new DetectedChange(difference.Module, difference.Path, difference.Kind, difference.OldValue, difference.NewValue,
                    Math.Clamp(score, 0, 100), rule.Name, technology);
            }
        }

        throw new InvalidOperationException("The default rule always applies.");
    }

    /// <summary>Diff two snapshots and score every difference, most significant first.</summary>
    public static IReadOnlyList<DetectedChange> Detect(string module, string? previousJson, string currentJson, SignificanceContext context) =>
        SnapshotDiff.Compare(module, previousJson, currentJson)
            .Where(d => !TechnologyPresence.IsMarker(d.Path))
            .Select(d => Score(d, context))
            .OrderByDescending(c => c.Significance)
            .ThenBy(c => c.Path, StringComparer.Ordinal)
            .ToList();

    /// <summary>The technology a path is about (<c>tech[Algolia].version</c> → Algolia), or null.</summary>
    public static string? TechnologyOf(string path)
    {
        var match = TechPath().Match(path);
        return match.Success ? match.Groups["name"].Value : null;
    }

    private static bool IsTechRoot(string path) => TechRoot().IsMatch(path);

    private static int? HiringSwing(FactDifference d)
    {
        if (d.Kind != ChangeKind.Changed || !HiringCount().IsMatch(d.Path))
        {
            return null;
        }

        if (!double.TryParse(d.OldValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var before)
            || !double.TryParse(d.NewValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var after))
        {
            return 20;
        }

        if (before <= 0)
        {
            return after >= 5 ? Medium : 20;
        }

        return Math.Abs(after - before) / before >= 0.5 ? Medium : 15;
    }

    [GeneratedRegex(@"^(tech|technolog(y|ies)|competitor_product)\[(?<name>[^\]]+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex TechPath();

    [GeneratedRegex(@"^(tech|technolog(y|ies)|competitor_product)\[[^\]]+\]$", RegexOptions.IgnoreCase)]
    private static partial Regex TechRoot();

    [GeneratedRegex(@"(^|[.\[])(funding|round|investment)", RegexOptions.IgnoreCase)]
    private static partial Regex FundingPath();

    [GeneratedRegex(@"^(trigger|triggers)[.\[]", RegexOptions.IgnoreCase)]
    private static partial Regex TriggerPath();

    [GeneratedRegex(@"^(executive|executives|leadership)\[[^\]]+\]$", RegexOptions.IgnoreCase)]
    private static partial Regex ExecutiveRoot();

    [GeneratedRegex(@"^(executive|executives|leadership)\[", RegexOptions.IgnoreCase)]
    private static partial Regex ExecutivePath();

    [GeneratedRegex(@"^displacement\[[^\]]+\]\.priority$", RegexOptions.IgnoreCase)]
    private static partial Regex DisplacementPriority();

    [GeneratedRegex(@"^hiring\..*(open_roles|count|total)$", RegexOptions.IgnoreCase)]
    private static partial Regex HiringCount();
}
