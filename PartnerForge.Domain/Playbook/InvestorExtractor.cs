using System.Text.RegularExpressions;

namespace PartnerForge.Domain.Playbook;

/// <summary>A funding round named in a press text: round, amount as published, investors.</summary>
public sealed record FundingRound(string? Round, string? Amount, IReadOnlyList<string> Investors);

/// <summary>Reads the round, amount and investors out of a funding press release (pure, explicit patterns).</summary>
public static partial class InvestorExtractor
{
    public static FundingRound Extract(string text)
    {
        text = Regex.Replace(text ?? string.Empty, @"\s+", " ");
        var round = RoundPattern().Match(text) is { Success: true } r ? Title(r.Value) : null;
        var amount = AmountPattern().Match(text) is { Success: true } a ? a.Value.Trim() : null;
        var investors = new List<string>();
        foreach (Match m in LedBy().Matches(text))
        {
            investors.AddRange(SplitNames(m.Groups["names"].Value));
        }

        foreach (Match m in Participation().Matches(text))
        {
            investors.AddRange(SplitNames(m.Groups["names"].Value));
        }

        return new FundingRound(round, amount, investors.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }

    private static IEnumerable<string> SplitNames(string names) =>
        AndSplit().Split(names)
            .Select(n => ExistingPrefix().Replace(n.Trim().TrimEnd('.', ','), string.Empty).Trim())
            .Where(n => n.Length > 1 && char.IsUpper(n[0]) && n.Length <= 80);

    private static string Title(string round) =>
        round.Length == 0 ? round : string.Join(' ', round.Split(' ').Select(w => w.Length == 1 ? w.ToUpperInvariant() : char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));

    [GeneratedRegex(@"\b(series [a-h]|seed|pre-seed|growth equity|growth)\b(?= (round|funding|financing|investment)?)", RegexOptions.IgnoreCase, 100)]
    private static partial Regex RoundPattern();

    [GeneratedRegex(@"(US)?[$€£]\s?\d+(\.\d+)?\s?(million|billion|m|bn)\b", RegexOptions.IgnoreCase, 100)]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"\b(?:led|co-led) by (?<names>[A-Z][^.;]*?)(?=,? with participation| and existing| to | will |\.|;|$)", RegexOptions.None, 100)]
    private static partial Regex LedBy();

    [GeneratedRegex(@"\bwith participation (?:from|by) (?<names>[A-Z][^.;]*?)(?=\.|;|$)", RegexOptions.None, 100)]
    private static partial Regex Participation();

    [GeneratedRegex(@",\s*(?:and\s+)?|\s+and\s+")]
    private static partial Regex AndSplit();

    [GeneratedRegex(@"^(existing (investors?|backers?) |new investors? )", RegexOptions.IgnoreCase)]
    private static partial Regex ExistingPrefix();
}
