namespace PartnerForge.Domain.Billing;

/// <summary>A span of the billing period during which one plan was in force (start inclusive, end exclusive).</summary>
public sealed record PlanSegment(PlanTerms Plan, DateTime FromUtc, DateTime ToUtc);

public sealed record InvoiceLineDraft(string Description, decimal Quantity, Money UnitPrice, Money Amount);

public sealed record InvoiceDraft(DateTime PeriodStartUtc, DateTime PeriodEndUtc, IReadOnlyList<InvoiceLineDraft> Lines, Money Total);

/// <summary>
/// Monthly invoice arithmetic. The period is a calendar month (UTC). Each plan in force during the period is
/// charged for the whole days it covered: price × days ÷ days in the month. The usage allowance is pro-rated
/// the same way (credits × days ÷ days in month, rounded down to whole units), and usage above the summed
/// allowance is charged at the overage prices of the plan in force at the end of the period. Every line is
/// rounded to cents, half away from zero; the total is the sum of the rounded lines.
/// </summary>
public static class InvoiceCalculator
{
    public static (DateTime StartUtc, DateTime EndUtc) MonthOf(DateTime instantUtc)
    {
        var start = new DateTime(instantUtc.Year, instantUtc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return (start, start.AddMonths(1));
    }

    public static InvoiceDraft Compute(DateTime periodStartUtc, IReadOnlyList<PlanSegment> segments, long enrichmentCreditsUsed, long apiCallsUsed)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count == 0)
        {
            throw new ArgumentException("At least one plan must be in force during the period.", nameof(segments));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(enrichmentCreditsUsed);
        ArgumentOutOfRangeException.ThrowIfNegative(apiCallsUsed);
        var (start, end) = MonthOf(periodStartUtc);
        var daysInMonth = (decimal)(end - start).TotalDays;
        var currency = segments[0].Plan.MonthlyPrice.Currency;
        var lines = new List<InvoiceLineDraft>();
        long creditAllowance = 0;
        long apiAllowance = 0;
        var ordered = segments.OrderBy(s => s.FromUtc).ToList();
        foreach (var segment in ordered)
        {
            var from = segment.FromUtc < start ? start : segment.FromUtc.Date;
            var to = segment.ToUtc > end ? end : segment.ToUtc.Date;
            var days = (int)Math.Max(0, (to - from).TotalDays);
            if (days == 0)
            {
                continue;
            }

            var plan = segment.Plan;
            if (plan.MonthlyPrice.Currency != currency)
            {
                throw new InvalidOperationException("All plans on one invoice must share a currency.");
            }

            var fraction = days / daysInMonth;
            var description = days == (int)daysInMonth
                ? $"{plan.Name} plan, {start:MMMM yyyy}"
                : $"{plan.Name} plan, {from:d MMM}–{to.AddDays(-1):d MMM} ({days} of {daysInMonth} days)";
            lines.Add(new InvoiceLineDraft(description, decimal.Round(fraction, 4), plan.MonthlyPrice, (plan.MonthlyPrice * fraction).Rounded()));
            creditAllowance += (long)Math.Floor(plan.MonthlyEnrichmentCredits * fraction);
            apiAllowance += (long)Math.Floor(plan.MonthlyApiCalls * fraction);
        }

        var last = ordered[^1].Plan;
        var extraCredits = Math.Max(0, enrichmentCreditsUsed - creditAllowance);
        if (extraCredits > 0)
        {
            lines.Add(new InvoiceLineDraft($"Enrichment credits over the allowance ({enrichmentCreditsUsed} used, {creditAllowance} included)",
                extraCredits, last.OveragePerCredit, (last.OveragePerCredit * extraCredits).Rounded()));
        }

        var extraCalls = Math.Max(0, apiCallsUsed - apiAllowance);
        if (extraCalls > 0)
        {
            var thousands = extraCalls / 1000m;
            lines.Add(new InvoiceLineDraft($"API calls over the allowance ({apiCallsUsed} used, {apiAllowance} included), per 1,000",
                thousands, last.OveragePerThousandApiCalls, (last.OveragePerThousandApiCalls * thousands).Rounded()));
        }

        var total = lines.Aggregate(Money.Zero(currency), (sum, line) => sum + line.Amount);
        return new InvoiceDraft(start, end, lines, total);
    }
}
