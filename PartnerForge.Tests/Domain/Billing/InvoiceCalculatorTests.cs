using PartnerForge.Domain.Billing;

namespace PartnerForge.Tests.Domain.Billing;

/// <summary>Invoice arithmetic, every expected figure computed by hand in the comments.</summary>
public sealed class InvoiceCalculatorTests
{
    // Growth: 1,490.00 USD, 2,500 credits, 50,000 API calls, 0.30 per extra credit, 1.50 per extra 1,000 calls.
    private static readonly PlanTerms Growth = new("Growth", new Money(1490m, "USD"), 2500, 50_000, new Money(0.30m, "USD"), new Money(1.50m, "USD"));

    // Starter: 490.00 USD, 500 credits, 10,000 API calls, 0.40 per extra credit, 2.00 per extra 1,000 calls.
    private static readonly PlanTerms Starter = new("Starter", new Money(490m, "USD"), 500, 10_000, new Money(0.40m, "USD"), new Money(2.00m, "USD"));

    private static readonly DateTime November = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc); // 30 days
    private static readonly DateTime December = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc); // 31 days

    [Fact]
    public void A_whole_month_within_the_allowance_is_just_the_plan_price()
    {
        var invoice = InvoiceCalculator.Compute(November, [new PlanSegment(Growth, November.AddMonths(-3), December)], 2500, 50_000);

        invoice.Lines.Should().ContainSingle();
        invoice.Lines[0].Amount.Should().Be(new Money(1490.00m, "USD"));
        invoice.Lines[0].Description.Should().Be("Growth plan, November 2026");
        invoice.Total.Should().Be(new Money(1490.00m, "USD"));
        invoice.PeriodStartUtc.Should().Be(November);
        invoice.PeriodEndUtc.Should().Be(December);
    }

    [Fact]
    public void Usage_over_the_allowance_is_charged_at_the_overage_prices()
    {
        // 2,600 credits: 100 over × 0.30 = 30.00. 61,500 calls: 11,500 over = 11.5 thousand × 1.50 = 17.25.
        // Total: 1,490.00 + 30.00 + 17.25 = 1,537.25.
        var invoice = InvoiceCalculator.Compute(November, [new PlanSegment(Growth, November, December)], 2600, 61_500);

        invoice.Lines.Select(l => l.Amount.Amount).Should().Equal(1490.00m, 30.00m, 17.25m);
        invoice.Lines[1].Quantity.Should().Be(100);
        invoice.Lines[2].Quantity.Should().Be(11.5m);
        invoice.Total.Should().Be(new Money(1537.25m, "USD"));
    }

    [Fact]
    public void A_plan_change_mid_month_pro_rates_both_plans_and_their_allowances()
    {
        // Starter 1–10 Nov (10 of 30 days): 490 × 10/30 = 163.333… → 163.33; allowance ⌊500 × 10/30⌋ = 166 credits, ⌊10,000/3⌋ = 3,333 calls.
        // Growth from 11 Nov (20 of 30 days): 1,490 × 20/30 = 993.333… → 993.33; allowance ⌊2,500 × 2/3⌋ = 1,666 credits, ⌊50,000 × 2/3⌋ = 33,333 calls.
        // 2,000 credits used: 2,000 − 1,832 = 168 over, at Growth's 0.30 (the plan at the end of the month) = 50.40.
        // 30,000 calls used < 36,666 included: no API overage. Total 163.33 + 993.33 + 50.40 = 1,207.06.
        var change = new DateTime(2026, 11, 11, 14, 30, 0, DateTimeKind.Utc); // part days start on the day of the change
        var invoice = InvoiceCalculator.Compute(November,
            [new PlanSegment(Growth, change, December), new PlanSegment(Starter, November.AddMonths(-2), change)], 2000, 30_000);

        invoice.Lines.Select(l => l.Amount.Amount).Should().Equal(163.33m, 993.33m, 50.40m);
        invoice.Lines[0].Description.Should().Contain("Starter").And.Contain("1 Nov–10 Nov").And.Contain("10 of 30 days");
        invoice.Lines[1].Description.Should().Contain("Growth").And.Contain("11 Nov–30 Nov").And.Contain("20 of 30 days");
        invoice.Lines[2].Description.Should().Contain("2000 used, 1832 included");
        invoice.Total.Should().Be(new Money(1207.06m, "USD"));
    }

    [Fact]
    public void A_tenant_that_starts_late_in_the_month_pays_for_its_days_only()
    {
        // Starter from 31 Dec: 1 of 31 days: 490 / 31 = 15.806… → 15.81; allowance ⌊500/31⌋ = 16 credits.
        // 20 credits used: 4 over × 0.40 = 1.60. Total 17.41.
        var invoice = InvoiceCalculator.Compute(December, [new PlanSegment(Starter, new DateTime(2026, 12, 31, 9, 0, 0, DateTimeKind.Utc), December.AddMonths(1))], 20, 0);

        invoice.Lines.Select(l => l.Amount.Amount).Should().Equal(15.81m, 1.60m);
        invoice.Total.Amount.Should().Be(17.41m);
    }

    [Fact]
    public void Half_cents_round_away_from_zero()
    {
        // 0.125 rounds to 0.13 (away from zero), not to the even 0.12.
        new Money(0.125m, "EUR").Rounded().Should().Be(new Money(0.13m, "EUR"));
        // 3 extra API calls at 1.50 per 1,000: 0.0045 → 0.00.
        var invoice = InvoiceCalculator.Compute(November, [new PlanSegment(Growth, November, December)], 0, 50_003);
        invoice.Lines[^1].Amount.Amount.Should().Be(0.00m);
    }

    [Fact]
    public void Money_in_different_currencies_does_not_add_up()
    {
        var act = () => new Money(1m, "USD") + new Money(1m, "EUR");

        act.Should().Throw<InvalidOperationException>().WithMessage("*USD*EUR*");
        var euroPlan = Starter with { MonthlyPrice = new Money(490m, "EUR") };
        var mixed = () => InvoiceCalculator.Compute(November, [new PlanSegment(Growth, November, November.AddDays(10)), new PlanSegment(euroPlan, November.AddDays(10), December)], 0, 0);
        mixed.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void A_month_without_a_plan_cannot_be_invoiced()
    {
        var act = () => InvoiceCalculator.Compute(November, [], 0, 0);

        act.Should().Throw<ArgumentException>();
    }
}
