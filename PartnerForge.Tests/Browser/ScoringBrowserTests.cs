using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Domain.Scoring;
using PartnerForge.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerForge.Tests.Browser;

/// <summary>ICP, re-scoring, tiers in the accounts list and the strategic brief, in a real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScoringBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_tenant_admin_edits_the_icp_rescores_and_sees_tiers_change_in_the_accounts_list()
    {
        var acme = await SeedBriefFactsAsync();
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/admin/icp");
        await SubmitSignInAsync(page, "admin@northwind.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("ICP & tiers");
        await Expect(page.GetByText("No criteria yet")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "icp-01-empty");

        // An invalid weight is refused with a message; what was typed stays.
        await page.GetByTestId("icp-add").ClickAsync();
        await PickAsync(page, "icp-field-0", "Industry");
        await page.GetByTestId("icp-values-0").FillAsync("Retail");
        await page.GetByTestId("icp-weight-0").FillAsync("0");
        await page.GetByTestId("icp-save").ClickAsync();
        await Expect(page.GetByTestId("icp-message")).ToContainTextAsync("Not saved");
        await Expect(page.GetByText("Industry: the weight must be between 1 and 100.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("icp-values-0")).ToHaveValueAsync("Retail");

        // Retail (Acme) is the ideal customer; priority is all fit.
        await page.GetByTestId("icp-weight-0").FillAsync("70");
        await page.GetByTestId("icp-add").ClickAsync();
        await PickAsync(page, "icp-field-1", "Uses technology");
        await page.GetByTestId("icp-values-1").FillAsync("Shopify, Magento");
        await page.GetByTestId("icp-weight-1").FillAsync("30");
        await page.GetByTestId("icp-fit-share").FillAsync("100");
        await page.GetByTestId("icp-rescore").ClickAsync();
        await Expect(page.GetByTestId("rescore-progress")).ToContainTextAsync(new Regex(@"Re-scored \d+ accounts\."), new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("tier-count-A")).ToHaveTextAsync("1");
        await BrowserFixture.ScreenshotAsync(page, "icp-02-saved-rescored");

        await page.GotoAsync(BaseUrl + "/accounts");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(Row(page, "Acme Outdoor Supply").Locator(".pf-tier")).ToHaveTextAsync("A");
        await Expect(Row(page, "Acme Outdoor Supply").GetByTestId("priority-cell")).ToHaveTextAsync("100");
        await Expect(Row(page, "Brightline Logistics").Locator(".pf-tier")).ToHaveTextAsync("D");
        await BrowserFixture.ScreenshotAsync(page, "icp-03-accounts-tiers");

        // The ICP moves to logistics: Acme falls, Brightline rises, without an enrichment run.
        await page.GotoAsync(BaseUrl + "/admin/icp");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await page.GetByTestId("icp-values-0").FillAsync("Logistics");
        await page.GetByTestId("icp-rescore").ClickAsync();
        await Expect(page.GetByTestId("rescore-progress")).ToContainTextAsync(new Regex(@"Re-scored \d+ accounts\."), new() { Timeout = 30_000 });

        await page.GotoAsync(BaseUrl + "/accounts");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(Row(page, "Brightline Logistics").Locator(".pf-tier")).ToHaveTextAsync("B");
        await Expect(Row(page, "Acme Outdoor Supply").Locator(".pf-tier")).ToHaveTextAsync("D");
        await Expect(Row(page, "Acme Outdoor Supply").GetByTestId("priority-cell")).ToHaveTextAsync("30");

        // Filter on priority: only Brightline (70) is at least 50.
        await page.GetByTestId("filter-min-priority").Locator("input").FillAsync("50");
        await page.GetByTestId("filter-min-priority").Locator("input").PressAsync("Tab");
        await Expect(page.GetByTestId("accounts-grid").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("accounts-grid")).ToContainTextAsync("Brightline Logistics");
        // The filled box still says what it filters on (the placeholder is gone once a number is typed).
        await Expect(page.Locator("label.pf-prefixed").Filter(new() { Has = page.GetByTestId("filter-min-priority") })).ToContainTextAsync("Priority ≥");
        await BrowserFixture.ScreenshotAsync(page, "icp-04-accounts-retiered-filtered");

        // The account page: the tier change is in the history, and the brief cites its sources.
        await page.GotoAsync(BaseUrl + $"/accounts/{acme}");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Scores & routing" }).ClickAsync();
        await Expect(page.GetByTestId("scoring-history").First).ToContainTextAsync("Tier A → D");
        await BrowserFixture.ScreenshotAsync(page, "brief-02-scores");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Brief" }).ClickAsync();
        await Expect(page.GetByTestId("brief-why_now")).ToContainTextAsync("Acme raises $40M Series C");
        await Expect(page.GetByTestId("brief-whom")).ToContainTextAsync("Dana Reyes, Chief Digital Officer");
        (await page.GetByTestId("brief").Locator("li sup a").CountAsync()).Should().BeGreaterThan(10);
        await BrowserFixture.ScreenshotAsync(page, "brief-01-account");

        await page.GetByTestId("theme-toggle").Locator("button").ClickAsync();
        await Expect(page.Locator(".pf-layout[data-theme='dark']")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "brief-03-account-dark");
        await page.GotoAsync(BaseUrl + "/admin/icp");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "icp-05-dark");

        var printable = await page.Context.NewPageAsync();
        await printable.GotoAsync(BaseUrl + $"/accounts/{acme}/brief.html");
        await Expect(printable.Locator("h1")).ToHaveTextAsync("Strategic brief: Acme Outdoor Supply");
        await BrowserFixture.ScreenshotAsync(printable, "brief-04-printable");
    }

    private static ILocator Row(IPage page, string name) =>
        page.GetByTestId("accounts-grid").Locator("tbody tr", new() { HasText = name });

    /// <summary>Stores a full set of module facts for Acme (as enrichment would), so the brief has every section.</summary>
    private async Task<Guid> SeedBriefFactsAsync()
    {
        var (tenant, acme) = await App.QueryAsync(async db =>
        {
            var company = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Domain == "acme-outdoor.test");
            return (company.TenantId, company.Id);
        });
        foreach (var (module, facts) in BriefBuilderTests.FullFacts().Where(m => m.Key is not ("M13" or "M14")))
        {
            await using var scope = App.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant, null, "test");
            var runId = Guid.NewGuid();
            var recorded = await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(acme, module, runId, CanonicalJson.FromFacts(facts), facts.Count);
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            var status = new EnrichmentStatus(acme, module);
            status.Record(runId, ModuleOutcome.Ok, null, DateTime.UtcNow, recorded.SnapshotId);
            db.EnrichmentStatuses.Add(status);
            await db.SaveChangesAsync();
        }

        return acme;
    }

    /// <summary>Picks an option of a MudSelect by its visible text.</summary>
    private static async Task PickAsync(IPage page, string testId, string optionText)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = optionText }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
