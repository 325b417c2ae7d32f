using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>Enrichment budgets (tenant admin), source costs and the top-sites upload (platform admin) in a real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EnrichmentAdminBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_tenant_admin_sets_a_source_budget_and_sees_the_80_and_100_percent_notices_arrive_live()
    {
        // Three sec-edgar calls already made by Northwind this month.
        await AddUsageAsync("northwind", "sec-edgar", 3);

        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/admin/budgets");
        await SubmitSignInAsync(page, "admin@northwind.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Enrichment budgets");
        await Expect(page.GetByTestId("budget-calls-sec-edgar")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("budget-notices")).ToContainTextAsync("No budget notices");

        // A bad value is refused with a message and stays in the field.
        await page.GetByTestId("budget-calls-input-sec-edgar").FillAsync("three");
        await page.GetByTestId("budget-save-sec-edgar").ClickAsync();
        await Expect(page.GetByTestId("budget-error-sec-edgar")).ToContainTextAsync("not a whole number");
        await Expect(page.GetByTestId("budget-calls-input-sec-edgar")).ToHaveValueAsync("three");
        await BrowserFixture.ScreenshotAsync(page, "budgets-01-validation");

        // A budget of 3 calls is used up already: both notices arrive, live, with a toast.
        await page.GetByTestId("budget-calls-input-sec-edgar").FillAsync("3");
        await page.GetByTestId("budget-save-sec-edgar").ClickAsync();
        await Expect(page.GetByTestId("budget-calls-sec-edgar")).ToHaveTextAsync("3 / 3");
        await Expect(page.GetByTestId("budget-notice")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("budget-notices")).ToContainTextAsync("is used up");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Enrichment budget" }).First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "budgets-02-used-up-with-notices");

        // Raising it to 5 shows 60 %; the notices stay (once per threshold and month).
        await page.GetByTestId("budget-calls-input-sec-edgar").FillAsync("5");
        await page.GetByTestId("budget-cap-input-sec-edgar").FillAsync("1.50");
        await page.GetByTestId("budget-save-sec-edgar").ClickAsync();
        await Expect(page.GetByTestId("budget-calls-sec-edgar")).ToHaveTextAsync("3 / 5");
        await Expect(page.GetByTestId("budget-notice")).ToHaveCountAsync(2);
        var budget = await App.QueryAsync(db => db.ApiBudgets.IgnoreQueryFilters().SingleAsync(b => b.Source == "sec-edgar"));
        (budget.MaxCalls, budget.MaxCostMicros).Should().Be((5, 1_500_000L));
        await page.GetByTestId("budget-notices").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "budgets-03-raised-notices");
    }

    [Fact]
    public async Task A_platform_admin_sets_a_source_cost_in_money_sees_spend_across_tenants_and_imports_a_top_sites_list()
    {
        await AddUsageAsync("northwind", "sec-edgar", 4);
        await AddUsageAsync("globex", "sec-edgar", 10);
        await AddUsageAsync("globex", "greenhouse", 2);

        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/admin/platform/sources");
        await SubmitSignInAsync(page, "platform@partnerforge.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Enrichment sources");

        await page.GetByTestId("currency-input-sec-edgar").FillAsync("E1");
        await page.GetByTestId("cost-save-sec-edgar").ClickAsync();
        await Expect(page.GetByTestId("cost-row-sec-edgar")).ToContainTextAsync("three-letter");
        await page.GetByTestId("cost-input-sec-edgar").FillAsync("0.25");
        await page.GetByTestId("currency-input-sec-edgar").FillAsync("eur");
        await page.GetByTestId("cost-save-sec-edgar").ClickAsync();
        await Expect(page.GetByTestId("cost-row-sec-edgar")).ToContainTextAsync("Saved");
        var config = await App.QueryAsync(db => db.ApiCostConfigs.SingleAsync(c => c.Source == "sec-edgar"));
        (config.CostMicros, config.Currency).Should().Be((250_000L, "EUR"));

        // The rows added before carry the old cost (0); calls made from now on cost 0.25 EUR.
        await AddUsageAsync("globex", "sec-edgar", 2, costMicros: 250_000);
        await page.ReloadAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(page.GetByTestId("spend-row")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("source-spend")).ToContainTextAsync("Globex Retail Group");
        await Expect(page.GetByTestId("spend-total-EUR")).ToHaveTextAsync("0.50");
        await BrowserFixture.ScreenshotAsync(page, "platform-01-source-costs");
        await page.GetByTestId("source-spend").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "platform-02-spend-across-tenants");

        // Top-sites upload: wrong file type, then a list with bad rows and a result summary.
        await page.GotoAsync(BaseUrl + "/admin/platform/top-sites");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(page.GetByTestId("top-sites-count")).ToHaveTextAsync("22", new() { Timeout = 10_000 });
        await page.GetByTestId("top-sites-file").SetInputFilesAsync(new FilePayload { Name = "ranks.xlsx", MimeType = "application/octet-stream", Buffer = "1,a.com"u8.ToArray() });
        await page.GetByTestId("top-sites-import").ClickAsync();
        await Expect(page.GetByTestId("top-sites-file-error")).ToContainTextAsync("not a .csv or .txt file");

        var csv = "rank,domain\n1,google.com\n2,acme-outdoor.test\nx,bad.com\n3,\n4,google.com\n5,cobalthealth.test\n";
        await page.GetByTestId("top-sites-file").SetInputFilesAsync(new FilePayload { Name = "tranco-test.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.GetByTestId("top-sites-list-name").FillAsync("tranco-test");
        await page.GetByTestId("top-sites-import").ClickAsync();
        await Expect(page.GetByTestId("report-read")).ToHaveTextAsync("6", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("report-imported")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("report-rejected")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("report-reasons")).ToContainTextAsync("duplicate domain");
        await Expect(page.GetByTestId("report-samples")).ToContainTextAsync("x,bad.com");
        await Expect(page.GetByTestId("top-sites-name")).ToHaveTextAsync("tranco-test");
        await Expect(page.GetByTestId("top-sites-count")).ToHaveTextAsync("3");
        await BrowserFixture.ScreenshotAsync(page, "platform-03-top-sites-imported");
        await page.GetByTestId("report-samples").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "platform-04-top-sites-rejections");
        (await App.QueryAsync(db => db.TrafficRanks.Select(r => r.Domain).OrderBy(d => d).ToListAsync()))
            .Should().Equal("acme-outdoor.test", "cobalthealth.test", "google.com");
    }

    private async Task AddUsageAsync(string slug, string source, int calls, long costMicros = 0)
    {
        var tenantId = await App.QueryAsync(db => db.Tenants.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync());
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        for (var i = 0; i < calls; i++)
        {
            db.ApiUsages.Add(new ApiUsage(source, "M04", DateTime.UtcNow, costMicros, null, $"https://www.sec.gov/test/{i}"));
        }

        await db.SaveChangesAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
