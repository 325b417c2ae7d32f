using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerForge.Domain.Changes;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>
/// One person's day across the pages, in one Chromium tab: sign in, filter the accounts grid, reload (the filter
/// stays in the URL and the grid), open an account, enrich it and watch the intelligence panels fill without a
/// reload, drag a deal on the board while a colleague's browser (another context, same tenant) sees it move, and
/// get an alert toast when the account's next enrichment finds a change.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class JourneyBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_rep_filters_reloads_opens_enriches_drags_a_deal_seen_live_by_a_colleague_and_gets_an_alert_toast()
    {
        var (tenant, rep, acme) = await App.QueryAsync(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test");
            var company = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Domain == "acme-outdoor.test");
            return (user.TenantId, user.Id, company.Id);
        });
        await using (var scope = Scope(tenant, rep))
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            db.AlertRules.Add(new AlertRule("Anything on Acme", rep, rep, null) { MinSignificance = 0 });
            await db.SaveChangesAsync();
        }

        // Sign in (wide enough for every board column, so the drag later needs no sideways scroll).
        var page = await Browser.NewPageAsync(2048, ColorScheme.Light);
        await page.GotoAsync(BaseUrl + "/accounts");
        await SubmitSignInAsync(page, "rep@northwind.test");
        await Expect(page).ToHaveURLAsync(new Regex("/accounts$"));
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        var grid = page.GetByTestId("accounts-grid");
        await Expect(grid).ToContainTextAsync("Foxglove Fashion");

        // Filter the grid; the filter goes to the URL, and a reload shows the same filter and rows.
        var search = page.GetByTestId("account-search");
        await search.FillAsync("acme");
        await search.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/accounts\\?q=acme$"));
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await page.ReloadAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(search).ToHaveValueAsync("acme");
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(grid).ToContainTextAsync("Acme Outdoor Supply");
        await Expect(grid).Not.ToContainTextAsync("Foxglove Fashion");
        await BrowserFixture.ScreenshotAsync(page, "journey-01-filtered-after-reload");

        // Open the account from the grid, go to its intelligence tab, enrich: the panels fill live, no reload.
        await grid.GetByRole(AriaRole.Link, new() { Name = "Acme Outdoor Supply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/accounts/{acme}"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Acme Outdoor Supply");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Intelligence" }).ClickAsync(); // the first tab: no ?tab in the URL
        await Expect(page.GetByTestId("intelligence-panel")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("module-state-M02")).ToHaveTextAsync("pending");
        await Expect(page.GetByTestId("module-M02").GetByTestId("fact")).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => window.__noReload = 'still here'");
        await page.GetByTestId("enrich-now").ClickAsync();
        await Expect(page.GetByTestId("module-state-M15")).ToHaveTextAsync("ok", new() { Timeout = 90_000 });
        await Expect(page.GetByTestId("module-state-M01")).ToHaveTextAsync("ok");
        await Expect(page.GetByTestId("module-M02").GetByTestId("fact").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("module-M01")).ToContainTextAsync("Acme Outdoor Supply");
        (await page.EvaluateAsync<string>("() => window.__noReload")).Should().Be("still here", "the panels filled without reloading the page");
        await BrowserFixture.ScreenshotAsync(page, "journey-02-enriched");

        // A colleague of the same tenant has the board open in another browser context.
        var colleague = await Browser.NewPageAsync(2048, ColorScheme.Light);
        await colleague.GotoAsync(BaseUrl + "/pipeline");
        await SubmitSignInAsync(colleague, "manager@northwind.test");
        await Expect(colleague).ToHaveURLAsync(new Regex("/pipeline$"));
        await ShellBrowserTests.WaitForLiveCircuitAsync(colleague);

        // Through the navigation to the board, then drag the first prospect to Proposal.
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Pipeline", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/pipeline$"));
        (await page.EvaluateAsync<string>("() => window.__noReload")).Should().Be("still here");
        var card = page.GetByTestId("column-Prospect").GetByTestId("deal-card").First;
        await Expect(card).ToBeVisibleAsync();
        var dealId = await card.GetAttributeAsync("data-deal");
        dealId.Should().NotBeNullOrEmpty();
        var inProposal = $"[data-testid='column-Proposal'] [data-deal='{dealId}']";
        await Expect(colleague.Locator($"[data-testid='column-Prospect'] [data-deal='{dealId}']")).ToHaveCountAsync(1);
        var proposalBefore = int.Parse(await colleague.GetByTestId("column-Proposal").GetByTestId("column-count").InnerTextAsync(), CultureInfo.InvariantCulture);
        await Expect(page.Locator("[data-testid='column-Prospect'] div.mud-drop-item[draggable=true]").First).ToBeVisibleAsync();
        await card.DragToAsync(page.Locator("#zone-Proposal"), new() { TargetPosition = new() { X = 40, Y = 3 } });
        await Expect(page.Locator(inProposal)).ToHaveCountAsync(1);

        // The colleague's board shows the move without reloading.
        await Expect(colleague.Locator(inProposal)).ToHaveCountAsync(1);
        await Expect(colleague.Locator($"[data-testid='column-Prospect'] [data-deal='{dealId}']")).ToHaveCountAsync(0);
        await Expect(colleague.GetByTestId("column-Proposal").GetByTestId("column-count"))
            .ToHaveTextAsync((proposalBefore + 1).ToString(CultureInfo.InvariantCulture));
        await BrowserFixture.ScreenshotAsync(colleague, "journey-03-colleague-sees-the-move");

        // The account's next enrichment (the nightly job's work, run here directly) finds the hiring trend against the
        // first run: the rep follows Acme, so the open board toasts it; the colleague follows nothing and sees no toast.
        var toast = page.Locator(".mud-snackbar", new() { HasText = "Acme Outdoor Supply" });
        await Expect(toast).ToHaveCountAsync(0);
        var nextRun = EnrichAsync(tenant, acme);
        await Expect(toast.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await BrowserFixture.ScreenshotAsync(page, "journey-04-alert-toast");
        await nextRun;
        await Expect(page.GetByTestId("alerts-badge")).ToBeVisibleAsync();
        await Expect(colleague.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        (await page.EvaluateAsync<string>("() => window.__noReload")).Should().Be("still here", "the whole journey ran in one live page");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
