using PartnerForge.Domain.Accounts;

namespace PartnerForge.Domain.Scoring;

/// <summary>
/// How fit and signal combine into a priority (0–100) and a tier: priority ≥ A → A, ≥ B → B, ≥ C → C, else D.
/// </summary>
public sealed record TierPolicy(int FitWeightPercent, int ThresholdA, int ThresholdB, int ThresholdC)
{
    public static TierPolicy Default { get; } = new(60, 75, 55, 35);

    public int Priority(int fit, int signal) =>
        (int)Math.Round((FitWeightPercent * Math.Clamp(fit, 0, 100) + (100 - FitWeightPercent) * Math.Clamp(signal, 0, 100)) / 100.0, MidpointRounding.AwayFromZero);

    public AccountTier Tier(int priority) =>
        priority >= ThresholdA ? AccountTier.A
        : priority >= ThresholdB ? AccountTier.B
        : priority >= ThresholdC ? AccountTier.C
        : AccountTier.D;

    /// <summary>Errors by field (empty when valid).</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (FitWeightPercent is < 0 or > 100)
        {
            errors[nameof(FitWeightPercent)] = "The fit share must be between 0 and 100 %.";
        }

        if (ThresholdA is < 1 or > 100)
        {
            errors[nameof(ThresholdA)] = "Tier A's threshold must be between 1 and 100.";
        }

        if (ThresholdB < 1 || ThresholdB >= ThresholdA)
        {
            errors[nameof(ThresholdB)] = "Tier B's threshold must be at least 1 and below tier A's.";
        }

        if (ThresholdC < 1 || ThresholdC >= ThresholdB)
        {
            errors[nameof(ThresholdC)] = "Tier C's threshold must be at least 1 and below tier B's.";
        }

        return errors;
    }
}
