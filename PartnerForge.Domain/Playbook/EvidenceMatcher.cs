using PartnerForge.Domain.Accounts;

namespace PartnerForge.Domain.Playbook;

/// <summary>What M12 knows about an account when it picks evidence.</summary>
/// <param name="TriggerKinds">Kinds of recent strategic triggers (M07), e.g. Replatforming.</param>
/// <param name="DisplacedProducts">Competitor products in use that we displace (M11).</param>
public sealed record AccountProfileForEvidence(
    string? Industry,
    string? SizeBand,
    IReadOnlyCollection<string> Technologies,
    IReadOnlyCollection<string> TriggerKinds,
    IReadOnlyCollection<string> DisplacedProducts);

/// <summary>The evidence fields the matcher reads.</summary>
public sealed record EvidenceCandidate(string Title, EvidenceKind Kind, string? Industry, string? SizeBand, IReadOnlyCollection<string> Technologies, string? UseCase);

public sealed record EvidenceMatch(EvidenceCandidate Item, int Score, IReadOnlyList<string> Reasons)
{
    public string Reason => string.Join("; ", Reasons);
}

/// <summary>Scores each evidence item against an account, 0–100, with the reasons (pure). Best first.</summary>
public static class EvidenceMatcher
{
    public const int SameIndustry = 35;
    public const int RelatedIndustry = 20;
    public const int SameSize = 20;
    public const int AdjacentSize = 10;
    public const int PerSharedTechnology = 10;
    public const int MaxSharedTechnology = 30;
    public const int DisplacementProof = 10;
    public const int UseCaseFit = 15;

    /// <summary>Items below this score are not worth showing.</summary>
    public const int MinimumScore = 25;

    public const int Top = 3;

    /// <summary>Words in a use case that fit each trigger kind.</summary>
    public static IReadOnlyDictionary<string, string[]> UseCaseWords { get; } = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Replatforming"] = ["replatform", "re-platform", "migration", "migrate", "relaunch", "headless"],
        ["Expansion"] = ["expansion", "international", "new market", "scale", "growth"],
        ["Acquisition"] = ["acquisition", "merger", "integration", "consolidation"],
        ["Funding"] = ["growth", "scale", "scaling"],
        ["Layoffs"] = ["cost", "efficiency", "consolidation", "savings"],
        ["LeadershipChange"] = ["transformation", "new leadership", "modernization", "modernisation"],
    };

    public static EvidenceMatch Score(EvidenceCandidate item, AccountProfileForEvidence account)
    {
        var score = 0;
        var reasons = new List<string>();

        if (!string.IsNullOrWhiteSpace(item.Industry) && !string.IsNullOrWhiteSpace(account.Industry))
        {
            if (string.Equals(item.Industry.Trim(), account.Industry.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                score += SameIndustry;
                reasons.Add($"same industry ({account.Industry.Trim()}) +{SameIndustry}");
            }
            else if (SharesWord(item.Industry, account.Industry))
            {
                score += RelatedIndustry;
                reasons.Add($"related industry ({item.Industry.Trim()} ~ {account.Industry.Trim()}) +{RelatedIndustry}");
            }
        }

        var itemBand = BandIndex(item.SizeBand);
        var accountBand = BandIndex(account.SizeBand);
        if (itemBand >= 0 && accountBand >= 0)
        {
            if (itemBand == accountBand)
            {
                score += SameSize;
                reasons.Add($"same size ({Firmographics.EmployeeBands[accountBand]} employees) +{SameSize}");
            }
            else if (Math.Abs(itemBand - accountBand) == 1)
            {
                score += AdjacentSize;
                reasons.Add($"similar size ({Firmographics.EmployeeBands[itemBand]} vs {Firmographics.EmployeeBands[accountBand]}) +{AdjacentSize}");
            }
        }

        var technologies = new HashSet<string>(account.Technologies, StringComparer.OrdinalIgnoreCase);
        var shared = item.Technologies.Where(technologies.Contains).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (shared.Count > 0)
        {
            var points = Math.Min(MaxSharedTechnology, shared.Count * PerSharedTechnology);
            score += points;
            reasons.Add($"they also run {string.Join(", ", shared)} +{points}");
        }

        var displaced = new HashSet<string>(account.DisplacedProducts, StringComparer.OrdinalIgnoreCase);
        var proof = item.Technologies.FirstOrDefault(displaced.Contains);
        if (proof is not null)
        {
            score += DisplacementProof;
            reasons.Add($"shows us replacing {proof}, which they run +{DisplacementProof}");
        }

        if (!string.IsNullOrWhiteSpace(item.UseCase))
        {
            foreach (var kind in account.TriggerKinds.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
            {
                if (UseCaseWords.TryGetValue(kind, out var words) && words.FirstOrDefault(w => item.UseCase.Contains(w, StringComparison.OrdinalIgnoreCase)) is { } word)
                {
                    score += UseCaseFit;
                    reasons.Add($"use case \"{item.UseCase.Trim()}\" fits their {kind} trigger +{UseCaseFit}");
                    break;
                }
            }
        }

        return new EvidenceMatch(item, Math.Clamp(score, 0, 100), reasons);
    }

    /// <summary>The best items for the account (score ≥ <see cref="MinimumScore"/>), at most <see cref="Top"/>, best first.</summary>
    public static IReadOnlyList<EvidenceMatch> Best(IEnumerable<EvidenceCandidate> items, AccountProfileForEvidence account, int top = Top) =>
        items.Select(i => Score(i, account))
            .Where(m => m.Score >= MinimumScore)
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Item.Kind)
            .ThenBy(m => m.Item.Title, StringComparer.OrdinalIgnoreCase)
            .Take(top)
            .ToList();

    /// <summary>Index of a band in <see cref="Firmographics.EmployeeBands"/>, from a band or text such as "1,001-5,000"; −1 if unknown.</summary>
    public static int BandIndex(string? band)
    {
        if (string.IsNullOrWhiteSpace(band))
        {
            return -1;
        }

        var (value, _) = Firmographics.NormalizeEmployeeBand(band.Replace(",", string.Empty, StringComparison.Ordinal));
        return value is null ? -1 : Firmographics.EmployeeBands.ToList().IndexOf(value);
    }

    private static bool SharesWord(string a, string b)
    {
        static IEnumerable<string> Words(string s) => s.Split([' ', ',', '&', '/', '-'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3 && !w.Equals("and", StringComparison.OrdinalIgnoreCase));
        var left = new HashSet<string>(Words(a), StringComparer.OrdinalIgnoreCase);
        return Words(b).Any(left.Contains);
    }
}
