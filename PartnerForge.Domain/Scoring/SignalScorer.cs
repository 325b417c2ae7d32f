namespace PartnerForge.Domain.Scoring;

public enum SignalKind
{
    Hiring = 1,
    Trigger = 2,
    Displacement = 3,
    Change = 4,

    /// <summary>Someone at the account replied to or clicked in our outreach.</summary>
    Engagement = 5,
}

/// <summary>One buying signal: its full weight when fresh, when it happened, and the fact path it comes from.</summary>
public sealed record Signal(SignalKind Kind, string Label, int Weight, DateTime OccurredAtUtc, string Module, string Path);

public sealed record SignalResult(int Score, IReadOnlyList<ScoreFactor> Factors);

/// <summary>
/// The M14 signal score: each signal's weight halves every <c>halfLife</c> of age (exponential decay), the
/// decayed weights add up, capped at 100. Signals dated in the future count as fresh.
/// </summary>
public static class SignalScorer
{
    public static SignalResult Score(IEnumerable<Signal> signals, DateTime nowUtc, TimeSpan halfLife)
    {
        if (halfLife <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(halfLife), "The half-life must be positive.");
        }

        var factors = new List<ScoreFactor>();
        double total = 0;
        foreach (var signal in signals.OrderByDescending(s => s.OccurredAtUtc).ThenBy(s => s.Label, StringComparer.Ordinal))
        {
            var decayed = Decay(signal.Weight, nowUtc - signal.OccurredAtUtc, halfLife);
            total += decayed;
            var days = Math.Max(0, (int)(nowUtc - signal.OccurredAtUtc).TotalDays);
            var points = (int)Math.Round(decayed, MidpointRounding.AwayFromZero);
            factors.Add(new ScoreFactor(signal.Label, points, $"+{points} {signal.Label} ({days} days ago)", points > 0));
        }

        return new SignalResult((int)Math.Clamp(Math.Round(total, MidpointRounding.AwayFromZero), 0, 100), factors);
    }

    /// <summary>The weight left after <paramref name="age"/>: weight × 0.5^(age / halfLife).</summary>
    public static double Decay(int weight, TimeSpan age, TimeSpan halfLife) =>
        age <= TimeSpan.Zero ? weight : weight * Math.Pow(0.5, age.TotalSeconds / halfLife.TotalSeconds);

    /// <summary>The default full weight of a signal (tunable in one place).</summary>
    public static class Weights
    {
        public const int HiringUp = 20;
        public const int HiringOpenRoles = 10;
        public const int TechRole = 10;
        public const int Funding = 30;
        public const int Acquisition = 25;
        public const int LeadershipChange = 25;
        public const int Replatforming = 35;
        public const int Expansion = 20;
        public const int Layoffs = 5;
        public const int DisplacementHigh = 30;
        public const int DisplacementMedium = 20;
        public const int DisplacementLow = 10;
        public const int Change = 5;
        public const int Replied = 25;
        public const int Clicked = 10;
    }
}
