using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerForge.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerForge.Tests.Browser;

/// <summary>
/// The dashboard's prerendered figures are handed to the live circuit ([PersistentState]): the live page shows them
/// without an error, and a period chosen afterwards loads its own figures.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_live_dashboard_keeps_the_prerendered_figures_and_loads_another_period()
    {
        var page = await Browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        await page.GotoAsync(BaseUrl + "/account/login?ReturnUrl=%2F%3Fperiod%3Dyear");
        await SubmitSignInAsync(page, "manager@northwind.test");
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?period=year$"));
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);

        await Expect(page.GetByTestId("dashboard-scope")).ToContainTextAsync("This year");
        await Expect(page.GetByTestId("kpi-pipeline")).ToBeVisibleAsync();
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();

        await page.GetByTestId("period-month").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?period=month$"));
        await Expect(page.GetByTestId("dashboard-scope")).ToContainTextAsync("This month");
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        errors.Should().BeEmpty("restoring the persisted figures must not fail in the circuit");
    }
}
