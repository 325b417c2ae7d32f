using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin.Platform;

namespace PartnerForge.Tests.Web.Components.Platform;

/// <summary>
/// The enrichment sources page as the platform admin over SQLite: each source's cost per call, and what every tenant
/// spent on it in the chosen month (calls recorded through the budget guard, the one write path of metered calls).
/// </summary>
public sealed class SourceCostsTests : DatabaseComponentTest
{
    protected override string UserEmail => "platform@partnerforge.test";

    [Fact]
    public void Without_metered_calls_this_month_the_spend_section_says_so_and_lists_every_source_to_price()
    {
        var cut = Render<SourceCosts>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=source-costs] tbody tr").Should().HaveCount(BudgetGuard.KnownSources.Count));
        cut.Find("[data-testid=cost-row-sec-edgar]").TextContent.Should().Contain("SEC EDGAR ticker map, submissions and company facts");
        cut.Find("input[data-testid=cost-input-sec-edgar]").GetAttribute("value").Should().Be("0");
        cut.Find("input[data-testid=currency-input-sec-edgar]").GetAttribute("value").Should().Be("USD");
        var spend = cut.Find("[data-testid=source-spend]");
        spend.TextContent.Should().Contain("No metered calls this month");
        spend.QuerySelectorAll("[data-testid=spend-row]").Should().BeEmpty();
        spend.QuerySelectorAll("[data-testid=spend-chart]").Should().BeEmpty();
    }

    [Fact]
    public async Task Spend_shows_totals_per_currency_and_each_tenant_by_name_with_its_calls_and_cost()
    {
        await PriceAsync("sec-edgar", 1.25m, "EUR");
        await PriceAsync("greenhouse", 0.5m, "USD");
        var globex = await TenantIdAsync("globex");
        await CallAsync(TenantId, "sec-edgar", 3);
        await CallAsync(globex, "sec-edgar", 2);
        await CallAsync(globex, "greenhouse", 4);

        var cut = Render<SourceCosts>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=spend-row]").Should().HaveCount(3));
        cut.Find("[data-testid=spend-total-EUR]").TextContent.Should().Be("6.25");
        cut.Find("[data-testid=spend-total-USD]").TextContent.Should().Be("2.00");
        cut.FindAll("[data-testid=spend-row]").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()))).Should().Equal(
            "greenhouse | Globex Retail Group | 4 | 2.00 USD",
            "sec-edgar | Northwind Analytics | 3 | 3.75 EUR",
            "sec-edgar | Globex Retail Group | 2 | 2.50 EUR");
        var text = cut.Find("[data-testid=source-spend]").TextContent;
        text.Should().NotContainAny(TenantId.ToString(), globex.ToString());
        cut.FindAll("[data-testid=spend-chart]").Should().ContainSingle();
        var region = cut.Find("[data-testid=spend-row]").Closest(".pf-scroll-region");
        region.Should().NotBeNull("a spend table wider than a phone scrolls in a box the keyboard can reach (axe: scrollable-region-focusable)");
        region!.GetAttribute("tabindex").Should().Be("0");
        region.GetAttribute("aria-label").Should().Be("Spend by source and tenant");
        cut.Find("[data-testid=source-spend]").TextContent.Should().NotContain("No metered calls this month");
    }

    [Fact]
    public async Task Choosing_another_month_in_the_picker_shows_that_months_spend_and_this_month_shows_it_again()
    {
        await PriceAsync("sec-edgar", 1.25m, "EUR");
        await CallAsync(TenantId, "sec-edgar", 2);
        var now = DateTime.UtcNow;
        var other = now.Month == 1 ? 2 : 1;
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<SourceCosts>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=spend-total-EUR]").TextContent.Should().Be("2.50"));
        cut.Find(".mud-picker input").GetAttribute("value").Should().Be(now.ToString("MMMM yyyy", System.Globalization.CultureInfo.CurrentCulture), "the page opens on this month");

        PickMonth(cut, popovers, other);

        cut.WaitForAssertion(() => cut.Find("[data-testid=source-spend]").TextContent.Should().Contain("No metered calls this month"));
        cut.FindAll("[data-testid=spend-total-EUR]").Should().BeEmpty();
        cut.FindAll("[data-testid=spend-row]").Should().BeEmpty();
        cut.Find(".mud-picker input").GetAttribute("value").Should().Be(new DateTime(now.Year, other, 1).ToString("MMMM yyyy", System.Globalization.CultureInfo.CurrentCulture));

        PickMonth(cut, popovers, now.Month);

        cut.WaitForAssertion(() => cut.Find("[data-testid=spend-total-EUR]").TextContent.Should().Be("2.50"));
        cut.FindAll("[data-testid=spend-row]").Should().ContainSingle().Which.TextContent.Should().Contain("Northwind Analytics");
    }

    [Fact]
    public async Task A_cost_that_is_not_an_amount_is_refused_on_its_row_and_a_good_one_is_saved_in_upper_case_currency()
    {
        Render<MudPopoverProvider>();
        var cut = Render<SourceCosts>();
        cut.WaitForAssertion(() => cut.Find("input[data-testid=cost-input-lever]"));

        cut.Find("input[data-testid=cost-input-lever]").Input("a penny");
        cut.Find("[data-testid=cost-save-lever]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=cost-row-lever] [role=alert]").TextContent.Should().Be("“a penny” is not an amount like 0.0025."));
        (await CostOfAsync("lever")).Should().Be((0m, "USD"));

        cut.Find("input[data-testid=cost-input-lever]").Input("0.02");
        cut.Find("input[data-testid=currency-input-lever]").Input("euro");
        cut.Find("[data-testid=cost-save-lever]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=cost-row-lever] [role=alert]").TextContent.Should().Be("The currency is a three-letter ISO 4217 code such as USD, EUR or GBP."));
        (await CostOfAsync("lever")).Should().Be((0m, "USD"));

        cut.Find("input[data-testid=currency-input-lever]").Input("gbp");
        cut.Find("[data-testid=cost-save-lever]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=cost-row-lever] [role=status]").TextContent.Should().Be("Saved"));
        cut.FindAll("[data-testid=cost-row-lever] [role=alert]").Should().BeEmpty();
        cut.Find("input[data-testid=currency-input-lever]").GetAttribute("value").Should().Be("GBP");
        (await CostOfAsync("lever")).Should().Be((0.02m, "GBP"));
    }

    /// <summary>Opens the month picker and clicks the month (1-12) of the year it shows.</summary>
    private static void PickMonth(IRenderedComponent<SourceCosts> page, IRenderedComponent<MudPopoverProvider> popovers, int month)
    {
        popovers.WaitForAssertion(() => popovers.FindAll("button.mud-picker-month").Should().BeEmpty(), TimeSpan.FromSeconds(5));
        page.Find(".mud-picker .mud-input-adornment button").Click();
        popovers.WaitForAssertion(() => popovers.FindAll("button.mud-picker-month").Should().HaveCount(12));
        popovers.FindAll("button.mud-picker-month")[month - 1].Click();
    }

    private async Task PriceAsync(string source, decimal cost, string currency)
    {
        await using var scope = Host.Scope(null);
        (await scope.ServiceProvider.GetRequiredService<SourceCostAdministration>().SetAsync(source, cost, currency, metered: true)).Should().BeEmpty();
    }

    /// <summary>Records <paramref name="calls"/> metered calls of a tenant now, as an enrichment module does.</summary>
    private async Task CallAsync(Guid tenantId, string source, int calls)
    {
        await using var scope = Host.Scope(tenantId);
        var guard = scope.ServiceProvider.GetRequiredService<BudgetGuard>();
        for (var i = 0; i < calls; i++)
        {
            (await guard.TryConsumeAsync(tenantId, source, "M04", null, $"https://example.test/{source}/{i}", CancellationToken.None)).Should().BeNull();
        }
    }

    private Task<Guid> TenantIdAsync(string slug) =>
        Host.AsSystemAsync(db => db.Tenants.IgnoreQueryFilters().Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync());

    private async Task<(decimal, string)> CostOfAsync(string source)
    {
        var config = await QueryAsync(db => db.ApiCostConfigs.AsNoTracking().SingleAsync(c => c.Source == source));
        return (config.CostPerCall, config.Currency);
    }
}
