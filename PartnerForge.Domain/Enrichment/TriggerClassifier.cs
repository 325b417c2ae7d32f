using System.Text.RegularExpressions;

namespace PartnerForge.Domain.Enrichment;

public enum TriggerKind
{
    Funding,
    Acquisition,
    LeadershipChange,
    Replatforming,
    Expansion,
    Layoffs,
}

/// <summary>Classifies a press headline (and summary) into strategic triggers by explicit keyword rules.</summary>
public static class TriggerClassifier
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    private static readonly (TriggerKind Kind, Regex Pattern)[] Rules =
    [
        (TriggerKind.Funding, Rx(@"\b(raises?|raised|funding|series [a-f]\b|seed round|investment led by|growth equity|closes \$?\d+\s*(m|million|bn|billion) round)")),
        (TriggerKind.Acquisition, Rx(@"\b(acquires?|acquired|acquisition of|to acquire|merger|merges with|completes purchase of)\b")),
        (TriggerKind.LeadershipChange, Rx(@"\b(appoints?|appointed|names? .{0,40}\b(ceo|cto|cfo|coo|cmo|cio|chief|president|vp|vice president|head of)|hires? .{0,30}\b(chief|ceo|cto|cfo|cmo)|steps down|new (ceo|cto|cfo|cmo|chief)|joins as (ceo|cto|cfo|cmo|chief))")),
        (TriggerKind.Replatforming, Rx(@"\b(migrat(es|ed|ion) to|moves? to|replatform|re-platform|switch(es|ed)? to|relaunch(es|ed)? .{0,40}(site|store|platform)|new (e-?commerce|digital) platform|selects? .{0,40}(platform|commerce|search|cms))")),
        (TriggerKind.Expansion, Rx(@"\b(expands?|expansion|opens? (new|its|a|second|third)|launch(es|ed)? in|enters? .{0,20}market|new (office|headquarters|warehouse|distribution center|stores?))")),
        (TriggerKind.Layoffs, Rx(@"\b(layoffs?|lay off|laid off|job cuts|cuts? \d+ (jobs|roles|positions)|restructur(ing|es)|workforce reduction|reduces? (its )?workforce)")),
    ];

    public static IReadOnlyList<TriggerKind> Classify(string headline, string? summary = null)
    {
        var text = summary is null ? headline : headline + " \n " + summary;
        var kinds = new List<TriggerKind>();
        foreach (var (kind, pattern) in Rules)
        {
            try
            {
                if (pattern.IsMatch(text))
                {
                    kinds.Add(kind);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological text is not classified rather than stalling the run.
            }
        }

        return kinds;
    }

    private static Regex Rx(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);
}
