using System.Globalization;
using System.Text.RegularExpressions;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Outreach;

namespace PartnerForge.Domain.Scoring;

/// <summary>A recent change event (from change detection) that counts as a signal.</summary>
public sealed record RecentChange(string Module, string Path, string Description, int Significance, DateTime DetectedAtUtc);

/// <summary>
/// Turns module facts into dated signals for <see cref="SignalScorer"/>: hiring (M06, dated when fetched),
/// triggers (M07, dated by the press item), displacement targets (M11, when present) and significant recent
/// changes. Pure and deterministic.
/// </summary>
public static partial class SignalExtractor
{
    public const int MinChangeSignificance = 50;

    /// <summary>Engagement with outreach counts from a click up (opens are too unreliable: mail clients fetch images on their own).</summary>
    public const int MinEngagementSignificance = 40;

    /// <summary>The least significance of a change event any signal reads (what the queries load).</summary>
    public const int MinLoadedSignificance = MinEngagementSignificance;

    public static IReadOnlyList<Signal> From(IReadOnlyDictionary<string, IReadOnlyList<Fact>> facts, IEnumerable<RecentChange> changes)
    {
        var signals = new List<Signal>();
        var hiring = facts.GetValueOrDefault(ModuleCatalog.Hiring) ?? [];
        if (hiring.FirstOrDefault(f => f.Path == "hiring.trend" && f.Value == "up") is { } up)
        {
            signals.Add(new Signal(SignalKind.Hiring, "Hiring is up", SignalScorer.Weights.HiringUp, up.Source.FetchedAtUtc, ModuleCatalog.Hiring, up.Path));
        }

        if (hiring.FirstOrDefault(f => f.Path == "hiring.open_roles") is { } roles
            && int.TryParse(roles.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var open) && open >= 5)
        {
            signals.Add(new Signal(SignalKind.Hiring, $"{open} open roles", SignalScorer.Weights.HiringOpenRoles, roles.Source.FetchedAtUtc, ModuleCatalog.Hiring, roles.Path));
        }

        foreach (var techRole in hiring.Where(f => f.Path.StartsWith("hiring.tech_role[", StringComparison.Ordinal)).Take(2))
        {
            var tech = techRole.Path["hiring.tech_role[".Length..^1];
            signals.Add(new Signal(SignalKind.Hiring, $"Hiring for {tech}", SignalScorer.Weights.TechRole, techRole.Source.FetchedAtUtc, ModuleCatalog.Hiring, techRole.Path));
        }

        foreach (var trigger in facts.GetValueOrDefault(ModuleCatalog.Triggers) ?? [])
        {
            var match = TriggerPath().Match(trigger.Path);
            if (!match.Success || !Enum.TryParse<TriggerKind>(match.Groups[1].Value, out var kind))
            {
                continue;
            }

            var at = DateTime.TryParseExact(match.Groups[2].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
                ? date
                : trigger.Source.FetchedAtUtc;
            signals.Add(new Signal(SignalKind.Trigger, $"{Label(kind)}: {Short(trigger.Value)}", Weight(kind), at, ModuleCatalog.Triggers, trigger.Path));
        }

        foreach (var target in (facts.GetValueOrDefault(ModuleCatalog.Displacement) ?? []).Where(f => f.Path.StartsWith("displacement[", StringComparison.Ordinal) && f.Path.EndsWith("].priority", StringComparison.Ordinal)))
        {
            var product = target.Path["displacement[".Length..^"].priority".Length];
            var weight = target.Value switch
            {
                "high" => SignalScorer.Weights.DisplacementHigh,
                "medium" => SignalScorer.Weights.DisplacementMedium,
                _ => SignalScorer.Weights.DisplacementLow,
            };
            signals.Add(new Signal(SignalKind.Displacement, $"Runs {product} ({target.Value} displacement)", weight, target.Source.FetchedAtUtc, ModuleCatalog.Displacement, target.Path));
        }

        // Changes of the scores and the brief themselves are not signals (that would feed the score back into itself).
        var derived = new[] { ModuleCatalog.IcpFit, ModuleCatalog.SignalScore, ModuleCatalog.StrategicBrief };
        foreach (var change in changes.Where(c => c.Significance >= MinChangeSignificance && c.Module != EngagementEvents.Module && !derived.Contains(c.Module))
                     .OrderByDescending(c => c.DetectedAtUtc).Take(5))
        {
            signals.Add(new Signal(SignalKind.Change, $"Changed: {Short(change.Description)}", SignalScorer.Weights.Change, change.DetectedAtUtc, change.Module, change.Path));
        }

        foreach (var e in changes.Where(c => c.Module == EngagementEvents.Module && c.Significance >= MinEngagementSignificance).OrderByDescending(c => c.DetectedAtUtc).Take(3))
        {
            var replied = e.Path.EndsWith(".replied", StringComparison.Ordinal);
            signals.Add(new Signal(SignalKind.Engagement, Short(e.Description), replied ? SignalScorer.Weights.Replied : SignalScorer.Weights.Clicked, e.DetectedAtUtc, e.Module, e.Path));
        }

        return signals;
    }

    private static int Weight(TriggerKind kind) => kind switch
    {
        TriggerKind.Funding => SignalScorer.Weights.Funding,
        TriggerKind.Acquisition => SignalScorer.Weights.Acquisition,
        TriggerKind.LeadershipChange => SignalScorer.Weights.LeadershipChange,
        TriggerKind.Replatforming => SignalScorer.Weights.Replatforming,
        TriggerKind.Expansion => SignalScorer.Weights.Expansion,
        _ => SignalScorer.Weights.Layoffs,
    };

    private static string Label(TriggerKind kind) => kind switch
    {
        TriggerKind.LeadershipChange => "Leadership change",
        _ => kind.ToString(),
    };

    private static string Short(string text) => text.Length <= 80 ? text : text[..79].TrimEnd() + "…";

    [GeneratedRegex(@"^trigger\[(\w+)\]\[([^\]]+)\]$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex TriggerPath();
}
