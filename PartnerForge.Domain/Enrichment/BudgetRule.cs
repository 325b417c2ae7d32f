namespace PartnerForge.Domain.Enrichment;

public enum BudgetDecision
{
    Allowed,
    CallsExhausted,
    CostExhausted,
}

/// <summary>A tenant's monthly allowance for one source: at most N calls and/or a spending cap.</summary>
public static class BudgetRule
{
    /// <summary>
    /// Whether one more call costing <paramref name="callCost"/> fits: with a budget of N calls, calls 1..N are
    /// allowed and call N+1 is not. A null limit means "no limit of that kind".
    /// </summary>
    public static BudgetDecision Check(int callsUsed, decimal costUsed, decimal callCost, int? maxCalls, decimal? maxCost)
    {
        if (maxCalls is { } calls && callsUsed + 1 > calls)
        {
            return BudgetDecision.CallsExhausted;
        }

        if (maxCost is { } cap && costUsed + callCost > cap)
        {
            return BudgetDecision.CostExhausted;
        }

        return BudgetDecision.Allowed;
    }

    /// <summary>Share of the budget used, 0..1 (the larger of calls and cost), or null with no limit.</summary>
    public static double? UsedShare(int callsUsed, decimal costUsed, int? maxCalls, decimal? maxCost)
    {
        double? share = null;
        if (maxCalls is > 0)
        {
            share = Math.Min(1, callsUsed / (double)maxCalls.Value);
        }

        if (maxCost is > 0)
        {
            share = Math.Max(share ?? 0, Math.Min(1, (double)(costUsed / maxCost.Value)));
        }

        return share;
    }

    /// <summary>The shares of a budget at which tenant admins are told, in percent.</summary>
    public static IReadOnlyList<int> NoticeThresholds { get; } = [80, 100];

    /// <summary>
    /// The notice thresholds a budget has reached at <paramref name="share"/> (0..1, see <see cref="UsedShare"/>)
    /// that were not yet notified. 80 % is reached at a share of 0.8 or more, 100 % when the budget is used up.
    /// </summary>
    public static IReadOnlyList<int> ThresholdsToNotify(double? share, IEnumerable<int> alreadyNotified)
    {
        if (share is not { } s)
        {
            return [];
        }

        var done = alreadyNotified.ToHashSet();
        // Rounded to whole basis points so 8 of 10 calls (0.8000000001 in floating point) counts as 80 %.
        var percent = Math.Round(s * 100, 2);
        return NoticeThresholds.Where(t => percent >= t && !done.Contains(t)).ToList();
    }

    /// <summary>The budget period a moment falls in, as "yyyy-MM" (UTC).</summary>
    public static string Period(DateTime utc) => utc.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
