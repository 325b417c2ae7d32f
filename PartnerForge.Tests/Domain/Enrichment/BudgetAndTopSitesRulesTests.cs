using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Tests.Domain.Enrichment;

public sealed class BudgetAndTopSitesRulesTests
{
    [Theory]
    [InlineData(7, 10, new int[0], new int[0])]
    [InlineData(8, 10, new int[0], new[] { 80 })]
    [InlineData(9, 10, new[] { 80 }, new int[0])]
    [InlineData(10, 10, new[] { 80 }, new[] { 100 })]
    [InlineData(10, 10, new int[0], new[] { 80, 100 })]
    [InlineData(10, 10, new[] { 80, 100 }, new int[0])]
    [InlineData(4, 5, new int[0], new[] { 80 })]
    public void Notices_are_due_once_per_threshold_reached(int calls, int max, int[] sent, int[] due)
    {
        BudgetRule.ThresholdsToNotify(BudgetRule.UsedShare(calls, 0, max, null), sent).Should().Equal(due);
    }

    [Fact]
    public void No_budget_means_no_notice_and_a_spending_cap_counts_too()
    {
        BudgetRule.ThresholdsToNotify(BudgetRule.UsedShare(1_000, 0, null, null), []).Should().BeEmpty();
        BudgetRule.ThresholdsToNotify(BudgetRule.UsedShare(1, 8.50m, null, 10m), []).Should().Equal(80);
        BudgetRule.ThresholdsToNotify(BudgetRule.UsedShare(1, 0m, 0, null), []).Should().BeEmpty("a zero budget has no share (nothing may be called)");
    }

    [Theory]
    [InlineData("0.0025", 2_500)]
    [InlineData("1", 1_000_000)]
    [InlineData("0", 0)]
    [InlineData("0.000001", 1)]
    public void Costs_per_call_are_exact_micros(string amount, long micros)
    {
        ApiCostConfig.CostMicrosOf(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(micros);
    }

    [Fact]
    public void A_cost_refuses_negative_amounts_too_many_decimals_and_bad_currencies()
    {
        FluentActions.Invoking(() => ApiCostConfig.CostMicrosOf(-0.01m)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ApiCostConfig.CostMicrosOf(0.0000001m)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ApiCostConfig.CurrencyCode("EURO")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => ApiCostConfig.CurrencyCode("E1R")).Should().Throw<ArgumentException>();
        ApiCostConfig.CurrencyCode(" gbp ").Should().Be("GBP");
        var config = new ApiCostConfig("sec-edgar", 0, metered: true, null);
        config.SetCost(0.125m, "eur", metered: false);
        (config.CostPerCall, config.Currency, config.CostMicros, config.Metered).Should().Be((0.125m, "EUR", 125_000L, false));
    }

    [Theory]
    [InlineData("1,google.com", 1, "google.com")]
    [InlineData(" 42 , WWW.Example.ORG ", 42, "example.org")]
    [InlineData("\uFEFF7,acme.test", 7, "acme.test")]
    [InlineData("3,\"quoted.com\"", 3, "quoted.com")]
    public void Valid_lines_are_accepted_with_a_normalized_domain(string line, int rank, string domain)
    {
        var parsed = TopSitesCsv.Parse(line, firstLine: false);
        parsed.Accepted.Should().BeTrue();
        (parsed.Rank, parsed.Domain).Should().Be((rank, domain));
    }

    [Theory]
    [InlineData("0,zero.com", "the rank is not a whole number from 1 to 100,000,000")]
    [InlineData("-1,neg.com", "the rank is not a whole number from 1 to 100,000,000")]
    [InlineData("1.5,frac.com", "the rank is not a whole number from 1 to 100,000,000")]
    [InlineData("1,", "the domain is empty")]
    [InlineData("1,a.com,b", "expected 2 fields (rank,domain), found 3")]
    [InlineData("google.com", "expected 2 fields (rank,domain), found 1")]
    [InlineData("1,no spaces allowed.com", "the domain is not a valid domain name")]
    [InlineData("1,localhost", "the domain is not a valid domain name")]
    public void Bad_lines_are_rejected_with_a_reason(string line, string reason)
    {
        var parsed = TopSitesCsv.Parse(line, firstLine: false);
        parsed.Accepted.Should().BeFalse();
        parsed.Skipped.Should().BeFalse();
        parsed.Rejection.Should().Be(reason);
    }

    [Fact]
    public void A_header_on_the_first_line_and_blank_lines_are_skipped_not_rejected()
    {
        TopSitesCsv.Parse("rank,domain", firstLine: true).Skipped.Should().BeTrue();
        TopSitesCsv.Parse("  ", firstLine: false).Skipped.Should().BeTrue();
        TopSitesCsv.Parse("rank,domain", firstLine: false).Rejection.Should().NotBeNull("a header is only a header on the first line");
    }
}
