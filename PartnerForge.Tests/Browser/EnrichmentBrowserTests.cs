using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>Enrichment in a real Chromium: live module states without reloading, the runs page, and the SignalR hub per tenant.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EnrichmentBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string HubScript = """
        async () => {
            const r = await fetch('/hubs/events/negotiate?negotiateVersion=1', { method: 'POST' });
            if (r.status !== 200) { return r.status; }
            const n = await r.json();
            window.__hubMessages = [];
            const ws = new WebSocket(location.origin.replace('http', 'ws') + '/hubs/events?id=' + n.connectionToken);
            await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
            ws.onmessage = e => { for (const part of e.data.split('\u001e')) { if (part) { window.__hubMessages.push(JSON.parse(part)); } } };
            ws.send(JSON.stringify({ protocol: 'json', version: 1 }) + '\u001e');
            window.__hubSocket = ws;
            return 200;
        }
        """;


    [Fact]
    public async Task A_rep_enriches_an_account_and_sees_module_states_change_live_and_the_hub_streams_to_the_same_tenant_only()
    {
        var (cobalt, globexTenant) = await App.QueryAsync(async db =>
        {
            var company = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Domain == "cobalthealth.test");
            var globex = await db.Tenants.SingleAsync(t => t.Slug == "globex");
            return (company.Id, globex.Id);
        });

        // A Globex user listening on the hub must hear nothing of Northwind's run.
        var globexPage = await Browser.NewPageAsync();
        await globexPage.GotoAsync(BaseUrl + "/");
        await SignInAsync(globexPage, "rep@globex.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(globexPage);
        (await globexPage.EvaluateAsync<int>(HubScript)).Should().Be(200);

        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + $"/enrichment/accounts/{cobalt}");
        await SignInAsync(page, "rep@northwind.test");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/enrichment/accounts/{cobalt}"));
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        (await page.EvaluateAsync<int>(HubScript)).Should().Be(200);
        await Assertions.Expect(page.GetByTestId("module-state-M01")).ToHaveTextAsync("pending");
        await BrowserFixture.ScreenshotAsync(page, "enrichment-01-panel-empty");

        await page.EvaluateAsync("() => window.__noReload = 'still here'");
        await page.GetByTestId("enrich-now").ClickAsync();
        foreach (var module in new[] { "M01", "M02", "M03", "M04", "M05", "M06", "M07" })
        {
            await Assertions.Expect(page.GetByTestId($"module-state-{module}")).ToHaveTextAsync("ok", new() { Timeout = 60_000 });
        }

        (await page.EvaluateAsync<string>("() => window.__noReload")).Should().Be("still here", "states changed without reloading the page");
        await Assertions.Expect(page.GetByTestId("module-M01")).ToContainTextAsync("Cobalt Health Systems");
        await Assertions.Expect(page.GetByTestId("module-M01").GetByTestId("source-badge").First).ToContainTextAsync("structured data");
        (await page.GetByTestId("module-M01").GetByTestId("source-badge").First.GetAttributeAsync("href")).Should().Be("https://cobalthealth.test/");
        await BrowserFixture.ScreenshotAsync(page, "enrichment-02-panel-enriched");

        // The hub streamed this tenant's module states to the Northwind socket, none to Globex.
        await page.WaitForFunctionAsync("() => window.__hubMessages.filter(m => m.type === 1 && m.target === 'moduleState' && m.arguments[0].outcome === 'Ok').length >= 7", null, new() { Timeout = 10_000 });
        var northwindMessages = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.__hubMessages.filter(m => m.type === 1))")).RootElement;
        northwindMessages.EnumerateArray().Should().OnlyContain(m => m.GetProperty("arguments")[0].GetProperty("companyId").GetGuid() == cobalt);
        var globexCount = await globexPage.EvaluateAsync<int>("() => window.__hubMessages.filter(m => m.type === 1).length");
        globexCount.Should().Be(0);
        globexTenant.Should().NotBeEmpty();

        // Dark theme of the same panel.
        await page.GetByTestId("theme-toggle").Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator(".pf-layout[data-theme='dark']")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "enrichment-03-panel-dark");
        await page.GetByTestId("theme-toggle").Locator("button").ClickAsync();

        // The runs page: a bulk run of every account with its live progress bar.
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Enrichment" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Enrichment runs");
        await Assertions.Expect(page.GetByTestId("runs-table")).ToContainTextAsync("Cobalt Health Systems");
        (await page.EvaluateAsync<string>("() => window.__noReload")).Should().Be("still here");
        await page.GetByTestId("enrich-all").ClickAsync();
        await Assertions.Expect(page.GetByTestId("batch-done")).ToHaveTextAsync(new Regex(@"^\d+ / 6$"));
        await Assertions.Expect(page.GetByTestId("batch-done")).ToHaveTextAsync("6 / 6", new() { Timeout = 90_000 });
        await BrowserFixture.ScreenshotAsync(page, "enrichment-04-runs");
    }

    [Fact]
    public async Task Enrich_now_on_the_account_page_fills_the_cards_brief_and_tier_live_and_the_tab_stays_in_the_url()
    {
        var acme = await App.QueryAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Domain == "acme-outdoor.test").Select(c => c.Id).SingleAsync());
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + $"/accounts/{acme}?tab=intelligence");
        await SignInAsync(page, "rep@northwind.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("module-state-M02")).ToHaveTextAsync("pending");
        await Assertions.Expect(page.GetByTestId("module-M02").GetByTestId("fact")).ToHaveCountAsync(0);

        await page.EvaluateAsync("() => window.__noReload = 'still here'");
        await page.GetByTestId("enrich-now").ClickAsync();

        await Assertions.Expect(page.GetByTestId("module-state-M15")).ToHaveTextAsync("ok", new() { Timeout = 90_000 });
        await Assertions.Expect(page.GetByTestId("module-M02").GetByTestId("fact").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("module-M02").Locator("h4").First).ToBeVisibleAsync(); // technologies grouped by category
        await Assertions.Expect(page.GetByTestId("module-M10")).Not.ToContainTextAsync("_buyer");
        await Assertions.Expect(page.GetByTestId("module-M10")).ToContainTextAsync(new Regex("(Economic|Technical) buyer"));
        (await page.GetByTestId("intelligence-panel").InnerHTMLAsync()).Should().NotContain("&lt;script");
        await Assertions.Expect(page.GetByTestId("account-tier")).ToHaveTextAsync(new Regex(@"^Tier [ABCD]$"), new() { Timeout = 10_000 });
        await BrowserFixture.ScreenshotAsync(page, "enrichment-07-account-page-enriched");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Brief" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/accounts/{acme}\\?tab=brief$"));
        await Assertions.Expect(page.GetByTestId("brief")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Scores & routing" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("score-priority").Locator(".pf-score-value")).Not.ToHaveTextAsync("—");
        (await page.EvaluateAsync<string>("() => window.__noReload")).Should().Be("still here", "everything filled without reloading the page");

        await page.ReloadAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("scores")).ToBeVisibleAsync(); // the tab in the URL survives the reload
        await Assertions.Expect(page.GetByTestId("intelligence-panel")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_hub_refuses_anonymous_clients()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
        var response = await client.PostAsync("/hubs/events/negotiate?negotiateVersion=1", new StringContent(string.Empty));
        response.StatusCode.Should().NotBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.IsSuccessStatusCode.Should().BeFalse();
        (response.StatusCode == HttpStatusCode.Unauthorized || response.Headers.Location?.ToString().Contains("/account/login", StringComparison.Ordinal) == true)
            .Should().BeTrue("an anonymous client is sent to sign in, got {0} {1}", response.StatusCode, response.Headers.Location);
    }

    [Fact]
    public async Task An_admin_sees_source_usage_against_budgets_on_the_runs_page()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/enrichment/runs");
        await SignInAsync(page, "admin@globex.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Enrichment runs");
        await Assertions.Expect(page.GetByTestId("budget-usage")).ToContainTextAsync("sec-edgar");
        await Assertions.Expect(page.GetByText("No enrichment runs yet")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "enrichment-05-runs-empty-admin");

        // An invalid budget is refused with a message and the typed value stays; a valid one is saved.
        await page.GetByTestId("budget-input-sec-edgar").FillAsync("-3");
        await page.GetByTestId("budget-save-sec-edgar").ClickAsync();
        await Assertions.Expect(page.GetByText("is not a whole number of calls")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("budget-input-sec-edgar")).ToHaveValueAsync("-3");
        await Assertions.Expect(page.GetByTestId("budget-max-sec-edgar")).ToHaveTextAsync("no limit");
        await page.GetByTestId("budget-input-sec-edgar").FillAsync("250");
        await page.GetByTestId("budget-save-sec-edgar").ClickAsync();
        await Assertions.Expect(page.GetByTestId("budget-max-sec-edgar")).ToHaveTextAsync("250");
        var saved = await App.QueryAsync(db => db.ApiBudgets.IgnoreQueryFilters().Join(db.Tenants, b => b.TenantId, t => t.Id, (b, t) => new { b.Source, b.MaxCalls, t.Slug }).ToListAsync());
        saved.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Source = "sec-edgar", MaxCalls = (int?)250, Slug = "globex" });
        await BrowserFixture.ScreenshotAsync(page, "enrichment-06-budget-saved");
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DemoWorkspace.DefaultPassword);
        await page.GetByTestId("sign-in").ClickAsync();
    }
}
