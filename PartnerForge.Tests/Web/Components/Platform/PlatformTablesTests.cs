using Bunit;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin.Platform;

namespace PartnerForge.Tests.Web.Components.Platform;

/// <summary>The plans table shows each plan's prices as money and its allowances as grouped numbers, in a keyboard-scrollable region.</summary>
public sealed class PlansTableTests : ComponentTest
{
    [Fact]
    public void Plans_show_prices_with_currency_and_allowances_with_thousands_separators()
    {
        PlanRow[] plans =
        [
            new(Guid.NewGuid(), "starter", "Starter", 490m, "USD", 5, 500, 10_000, 0.40m, 2.00m, ["accounts", "pipeline"]),
            new(Guid.NewGuid(), "growth", "Growth", 1_490m, "EUR", 20, 2_500, 50_000, 0.30m, 1.50m, ["accounts", "alerts"]),
        ];

        var cut = Render<PlansTable>(p => p.Add(t => t.Plans, plans));

        var region = cut.Find(".pf-scroll-region");
        region.GetAttribute("aria-label").Should().Be("Plans");
        var rows = cut.FindAll("[data-testid=plans] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        rows.Should().HaveCount(2);
        rows[0].Should().Equal("Starter", "490.00 USD", "5", "500", "10,000", "0.40 USD", "2.00 USD", "accounts pipeline");
        rows[1].Should().Equal("Growth", "1,490.00 EUR", "20", "2,500", "50,000", "0.30 EUR", "1.50 EUR", "accounts alerts");
    }
}
