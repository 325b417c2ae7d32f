namespace PartnerForge.Domain.Pipeline;

/// <summary>Open deals in one stage, as summed by the database (amounts in minor units).</summary>
public sealed record StageTotal(Guid StageId, int Count, long AmountMinor, long WeightedMinorTimesPercent)
{
    public decimal Amount => Money.FromMinor(AmountMinor);

    public decimal Weighted => Money.FromWeightedMinor(WeightedMinorTimesPercent);
}

/// <summary>Open deals expected to close in one calendar month, weighted by probability.</summary>
public sealed record MonthTotal(int Year, int Month, int Count, long AmountMinor, long WeightedMinorTimesPercent)
{
    public decimal Amount => Money.FromMinor(AmountMinor);

    public decimal Weighted => Money.FromWeightedMinor(WeightedMinorTimesPercent);
}

/// <summary>Deals closed in a period: won and lost counts, won amount, and the summed cycle days of won deals.</summary>
public sealed record ClosedTotals(int Won, int Lost, long WonAmountMinor, long WonCycleDays)
{
    public static ClosedTotals None { get; } = new(0, 0, 0, 0);
}

/// <summary>The KPIs of a pipeline for one period.</summary>
public sealed record PipelineKpis(
    decimal PipelineValue,
    decimal WeightedPipeline,
    int OpenDeals,
    double? WinRate,
    decimal? AverageDealSize,
    double? SalesCycleDays,
    decimal? VelocityPerDay,
    int NewDeals,
    decimal NewPipeline);

/// <summary>Conversion from one stage to the next: of the deals that reached From, how many reached To or beyond.</summary>
public sealed record StageConversion(Guid FromStageId, Guid ToStageId, int Reached, int Advanced)
{
    public double? Rate => Reached == 0 ? null : (double)Advanced / Reached;
}

/// <summary>
/// The pure arithmetic of the pipeline dashboards. Queries sum in SQL; this turns the sums into figures.
/// </summary>
public static class PipelineMath
{
    /// <summary>Won ÷ (won + lost) of deals closed in the period; null when none closed.</summary>
    public static double? WinRate(int won, int lost) => won + lost == 0 ? null : (double)won / (won + lost);

    /// <summary>Average amount of won deals; null when none was won.</summary>
    public static decimal? AverageDealSize(long wonAmountMinor, int won) =>
        won == 0 ? null : decimal.Round(Money.FromMinor(wonAmountMinor) / won, 2, MidpointRounding.AwayFromZero);

    /// <summary>Average days from creation to close of won deals; null when none was won.</summary>
    public static double? SalesCycleDays(long wonCycleDays, int won) => won == 0 ? null : (double)wonCycleDays / won;

    /// <summary>
    /// Pipeline velocity: open deals × win rate × average deal size ÷ sales-cycle length, i.e. the revenue the
    /// pipeline produces per day. Null when any factor is unknown or the cycle is zero days.
    /// </summary>
    public static decimal? VelocityPerDay(int openDeals, double? winRate, decimal? averageDealSize, double? cycleDays) =>
        winRate is { } w && averageDealSize is { } size && cycleDays is { } days && days > 0
            ? decimal.Round(openDeals * (decimal)w * size / (decimal)days, 2, MidpointRounding.AwayFromZero)
            : null;

    public static PipelineKpis Kpis(IEnumerable<StageTotal> openByStage, ClosedTotals closed, int newDeals, long newAmountMinor)
    {
        var stages = openByStage.ToList();
        var open = stages.Sum(s => s.Count);
        var winRate = WinRate(closed.Won, closed.Lost);
        var size = AverageDealSize(closed.WonAmountMinor, closed.Won);
        var cycle = SalesCycleDays(closed.WonCycleDays, closed.Won);
        return new PipelineKpis(
            Money.FromMinor(stages.Sum(s => s.AmountMinor)),
            Money.FromWeightedMinor(stages.Sum(s => s.WeightedMinorTimesPercent)),
            open,
            winRate,
            size,
            cycle,
            VelocityPerDay(open, winRate, size, cycle),
            newDeals,
            Money.FromMinor(newAmountMinor));
    }

    /// <summary>
    /// Weighted forecast for each month from <paramref name="firstMonth"/> for <paramref name="months"/>
    /// months; months without deals are zero, so a chart has no gaps.
    /// </summary>
    public static IReadOnlyList<MonthTotal> ForecastByMonth(IEnumerable<MonthTotal> totals, DateTime firstMonth, int months)
    {
        var byMonth = totals.ToDictionary(t => (t.Year, t.Month));
        var result = new List<MonthTotal>(months);
        var month = new DateTime(firstMonth.Year, firstMonth.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < months; i++, month = month.AddMonths(1))
        {
            result.Add(byMonth.TryGetValue((month.Year, month.Month), out var t) ? t : new MonthTotal(month.Year, month.Month, 0, 0, 0));
        }

        return result;
    }

    /// <summary>
    /// Stage-to-stage conversion along the open stages in board order, with Won as the last step.
    /// <paramref name="furthestReached"/> counts deals by the furthest stage they reached (the deal's highest
    /// stage position); a deal that reached stage k also reached every stage before it.
    /// </summary>
    public static IReadOnlyList<StageConversion> Conversion(IEnumerable<StageRef> stages, IReadOnlyDictionary<Guid, int> furthestReached)
    {
        var funnel = stages.Where(s => s.Kind != StageKind.Lost).OrderBy(s => s.Position).ToList();
        var reachedOrBeyond = new int[funnel.Count];
        var running = 0;
        for (var i = funnel.Count - 1; i >= 0; i--)
        {
            running += furthestReached.TryGetValue(funnel[i].Id, out var n) ? n : 0;
            reachedOrBeyond[i] = running;
        }

        return Enumerable.Range(0, Math.Max(0, funnel.Count - 1))
            .Select(i => new StageConversion(funnel[i].Id, funnel[i + 1].Id, reachedOrBeyond[i], reachedOrBeyond[i + 1]))
            .ToList();
    }

    /// <summary>A rank that puts a card between two neighbours on the board (null: no neighbour on that side).</summary>
    public static double RankBetween(double? before, double? after) => (before, after) switch
    {
        (null, null) => 1024,
        (null, { } a) => a - 1024,
        ({ } b, null) => b + 1024,
        ({ } b, { } a) => (b + a) / 2,
    };

    /// <summary>
    /// True when two neighbouring ranks are too close for <see cref="RankBetween"/> to put a card between
    /// them reliably (doubles halve about 50 times before they collide): the column is renumbered first.
    /// </summary>
    public static bool NeedsRenumbering(double? before, double? after) =>
        before is { } b && after is { } a && (a - b < 1e-6 || RankBetween(b, a) <= b || RankBetween(b, a) >= a);

    /// <summary>
    /// Where a card dropped onto <paramref name="target"/> goes. Dropped onto a card of its own column further
    /// down, it takes that card's place by going after it; dropped onto a card above it or in another column,
    /// it goes before it. <paramref name="order"/> is the column as the user saw it.
    /// </summary>
    public static CardPlacement PlaceOnto<T>(IReadOnlyList<T> order, T dragged, T target)
        where T : notnull
    {
        var from = IndexOf(order, dragged);
        var to = IndexOf(order, target);
        return from >= 0 && to > from ? CardPlacement.After : CardPlacement.Before;

        static int IndexOf(IReadOnlyList<T> list, T item)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (EqualityComparer<T>.Default.Equals(list[i], item))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}

/// <summary>Which side of the card it was dropped onto a dragged card lands.</summary>
public enum CardPlacement
{
    Before = 0,
    After = 1,
}

/// <summary>What the arithmetic needs to know of a stage.</summary>
public sealed record StageRef(Guid Id, int Position, StageKind Kind);

/// <summary>A period for the dashboards: [FromUtc, ToUtc).</summary>
public sealed record Period(DateTime FromUtc, DateTime ToUtc)
{
    public static Period Quarter(DateTime nowUtc)
    {
        var start = new DateTime(nowUtc.Year, ((nowUtc.Month - 1) / 3 * 3) + 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return new Period(start, start.AddMonths(3));
    }

    public static Period Month(DateTime nowUtc)
    {
        var start = new DateTime(nowUtc.Year, nowUtc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return new Period(start, start.AddMonths(1));
    }

    public static Period Year(DateTime nowUtc)
    {
        var start = new DateTime(nowUtc.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return new Period(start, start.AddYears(1));
    }

    public static Period LastDays(DateTime nowUtc, int days) => new(nowUtc.Date.AddDays(1 - days), nowUtc.Date.AddDays(1));

    /// <summary>This calendar month as the user's clock shows it: local midnight of the 1st to the next 1st, in UTC.</summary>
    public static Period Month(DateTime nowUtc, TimeZoneInfo zone)
    {
        var today = LocalToday(nowUtc, zone);
        var start = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return Local(start, start.AddMonths(1), zone);
    }

    /// <summary>This calendar quarter in the user's time zone.</summary>
    public static Period Quarter(DateTime nowUtc, TimeZoneInfo zone)
    {
        var today = LocalToday(nowUtc, zone);
        var start = new DateTime(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return Local(start, start.AddMonths(3), zone);
    }

    /// <summary>This calendar year in the user's time zone.</summary>
    public static Period Year(DateTime nowUtc, TimeZoneInfo zone)
    {
        var today = LocalToday(nowUtc, zone);
        var start = new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return Local(start, start.AddYears(1), zone);
    }

    /// <summary>The last <paramref name="days"/> local days, today included.</summary>
    public static Period LastDays(DateTime nowUtc, int days, TimeZoneInfo zone)
    {
        var today = LocalToday(nowUtc, zone);
        return Local(today.AddDays(1 - days), today.AddDays(1), zone);
    }

    /// <summary>The user's calendar date now (Kind unspecified: a wall-clock date, not an instant).</summary>
    public static DateTime LocalToday(DateTime nowUtc, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone).Date, DateTimeKind.Unspecified);

    /// <summary>
    /// The UTC instant at which a local wall-clock time happens. A time skipped by a daylight-saving jump
    /// (some zones jump at midnight) is taken as the first valid minute after it.
    /// </summary>
    public static DateTime LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        for (var i = 0; i < 24 * 4 && zone.IsInvalidTime(wall); i++)
        {
            wall = wall.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(wall, zone);
    }

    private static Period Local(DateTime startLocal, DateTime endLocal, TimeZoneInfo zone) => new(LocalToUtc(startLocal, zone), LocalToUtc(endLocal, zone));
}
