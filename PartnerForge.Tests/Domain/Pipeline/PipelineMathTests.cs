using PartnerForge.Domain.Pipeline;

namespace PartnerForge.Tests.Domain.Pipeline;

/// <summary>KPI and forecast arithmetic against examples worked out by hand.</summary>
public sealed class PipelineMathTests
{
    [Theory]
    [InlineData(3, 1, 0.75)]
    [InlineData(0, 4, 0.0)]
    [InlineData(5, 0, 1.0)]
    public void Win_rate_is_won_over_closed(int won, int lost, double expected) =>
        PipelineMath.WinRate(won, lost).Should().Be(expected);

    [Fact]
    public void Win_rate_is_unknown_when_nothing_closed() => PipelineMath.WinRate(0, 0).Should().BeNull();

    [Fact]
    public void Average_deal_size_is_rounded_to_cents()
    {
        // 100.00 + 50.01 + 50.00 = 200.01 over 3 deals = 66.67
        PipelineMath.AverageDealSize(20_001, 3).Should().Be(66.67m);
        PipelineMath.AverageDealSize(0, 0).Should().BeNull();
    }

    [Fact]
    public void Sales_cycle_is_the_mean_of_the_won_deals_days() =>
        PipelineMath.SalesCycleDays(31 + 50 + 60, 3).Should().Be(47);

    [Fact]
    public void Velocity_is_deals_times_win_rate_times_size_over_cycle()
    {
        // 20 open × 25% × 12,000 ÷ 60 days = 1,000 a day
        PipelineMath.VelocityPerDay(20, 0.25, 12_000m, 60).Should().Be(1_000m);
        PipelineMath.VelocityPerDay(20, null, 12_000m, 60).Should().BeNull();
        PipelineMath.VelocityPerDay(20, 0.25, 12_000m, 0).Should().BeNull("a zero-day cycle has no velocity");
    }

    [Fact]
    public void Kpis_combine_stage_totals_closed_and_new_deals()
    {
        var stage = Guid.NewGuid();
        var other = Guid.NewGuid();
        // 2 deals: 1,000.00 @ 20% and 3,000.50 @ 50% → value 4,000.50, weighted 200 + 1,500.25 = 1,700.25
        var totals = new[]
        {
            new StageTotal(stage, 1, 100_000, 100_000 * 20),
            new StageTotal(other, 1, 300_050, 300_050 * 50),
        };
        var kpis = PipelineMath.Kpis(totals, new ClosedTotals(1, 1, 500_000, 30), newDeals: 4, newAmountMinor: 1_234_567);

        kpis.PipelineValue.Should().Be(4_000.50m);
        kpis.WeightedPipeline.Should().Be(1_700.25m);
        kpis.OpenDeals.Should().Be(2);
        kpis.WinRate.Should().Be(0.5);
        kpis.AverageDealSize.Should().Be(5_000m);
        kpis.SalesCycleDays.Should().Be(30);
        kpis.VelocityPerDay.Should().Be(166.67m); // 2 × 0.5 × 5,000 ÷ 30 = 166.666…
        kpis.NewDeals.Should().Be(4);
        kpis.NewPipeline.Should().Be(12_345.67m);
    }

    [Fact]
    public void Forecast_fills_months_without_deals_with_zero_and_crosses_the_year()
    {
        var rows = new[] { new MonthTotal(2027, 1, 2, 500_000, 500_000 * 40), new MonthTotal(2026, 11, 1, 100_000, 100_000 * 80) };

        var forecast = PipelineMath.ForecastByMonth(rows, new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc), 4);

        forecast.Select(m => (m.Year, m.Month, m.Weighted)).Should().Equal((2026, 11, 800m), (2026, 12, 0m), (2027, 1, 2_000m), (2027, 2, 0m));
    }

    [Fact]
    public void Conversion_counts_a_deal_that_reached_a_stage_as_having_passed_every_earlier_one()
    {
        var stages = new[] { "P", "Q", "D", "W", "L" }
            .Select((n, i) => new StageRef(Guid.NewGuid(), i, n == "W" ? StageKind.Won : n == "L" ? StageKind.Lost : StageKind.Open))
            .ToList();
        // Furthest stage reached: 4 deals stopped at P, 3 at Q, 2 at D, 1 won; lost counts are ignored.
        var furthest = new Dictionary<Guid, int> { [stages[0].Id] = 4, [stages[1].Id] = 3, [stages[2].Id] = 2, [stages[3].Id] = 1, [stages[4].Id] = 99 };

        var conversion = PipelineMath.Conversion(stages, furthest);

        conversion.Select(c => (c.Reached, c.Advanced)).Should().Equal((10, 6), (6, 3), (3, 1));
        conversion[0].Rate.Should().Be(0.6);
        conversion[2].Rate.Should().BeApproximately(1d / 3, 1e-12);
        new StageConversion(stages[0].Id, stages[1].Id, 0, 0).Rate.Should().BeNull();
    }

    [Fact]
    public void Ranks_fall_between_neighbours()
    {
        PipelineMath.RankBetween(null, null).Should().Be(1024);
        PipelineMath.RankBetween(2048, null).Should().Be(3072);
        PipelineMath.RankBetween(null, 1024).Should().Be(0);
        PipelineMath.RankBetween(1024, 2048).Should().Be(1536);
    }

    [Fact]
    public void Periods_are_calendar_quarters_months_and_years()
    {
        var now = new DateTime(2026, 11, 22, 15, 0, 0, DateTimeKind.Utc);
        Period.Quarter(now).Should().Be(new Period(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Period.Month(now).FromUtc.Should().Be(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
        Period.Year(now).ToUtc.Should().Be(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Period.LastDays(now, 30).Should().Be(new Period(new DateTime(2026, 10, 24, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Money_is_stored_in_exact_minor_units()
    {
        Money.ToMinor(12_345.675m).Should().Be(1_234_568);
        Money.FromMinor(1_234_568).Should().Be(12_345.68m);
        Money.FromWeightedMinor(1_000 * 35).Should().Be(3.5m); // 10.00 at 35 %
        Money.NormalizeCurrency(" eur ").Should().Be("EUR");
        FluentActions.Invoking(() => Money.NormalizeCurrency("euro")).Should().Throw<ArgumentException>().WithMessage("*ISO 4217*");
        FluentActions.Invoking(() => Money.ToMinor(-1m)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
