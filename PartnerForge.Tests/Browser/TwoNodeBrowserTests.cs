using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>
/// Two app nodes (each its own Kestrel on a loopback port) on one new PostgreSQL database with the demo seed, and two
/// browser contexts, one signed in on each node through the sign-in page. What a person does on node A shows live,
/// without a reload, in the browser on node B: the events cross nodes through PostgreSQL's LISTEN/NOTIFY.
/// </summary>
/// <remarks>
/// xUnit 2 puts a class in one collection only: this class is in the PostgreSQL collection (the one server the run
/// starts) and has its own Chromium as a class fixture.
/// </remarks>
[Collection(PostgresCollection.Name)]
public sealed class TwoNodeBrowserTests(PostgresServer postgres, BrowserFixture browser, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private PartnerForgeApp _nodeA = null!;
    private PartnerForgeApp _nodeB = null!;
    private string _urlA = string.Empty;
    private string _urlB = string.Empty;

    public async Task InitializeAsync()
    {
        var database = await postgres.CreateDatabaseAsync("pf_twonode");
        _nodeA = Node(database);
        _nodeB = Node(database);
        // Both start at once, as a scaled-out deployment does: the start-up lock lets one migrate and seed.
        var urls = await Task.WhenAll(Task.Run(_nodeA.StartKestrel), Task.Run(_nodeB.StartKestrel));
        (_urlA, _urlB) = (urls[0], urls[1]);
        _urlA.Should().NotBe(_urlB);
    }

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
    }

    [Fact]
    public async Task A_deal_moved_on_node_a_moves_live_on_the_board_open_on_node_b()
    {
        var a = await SignedInPageAsync(_urlA, "rep@northwind.test", "/pipeline");
        var b = await SignedInPageAsync(_urlB, "manager@northwind.test", "/pipeline");
        var card = a.GetByTestId("column-Prospect").GetByTestId("deal-card").First;
        await Expect(card).ToBeVisibleAsync();
        var dealId = await card.GetAttributeAsync("data-deal");
        dealId.Should().NotBeNullOrEmpty();
        var inProspect = $"[data-testid='column-Prospect'] [data-deal='{dealId}']";
        var inProposal = $"[data-testid='column-Proposal'] [data-deal='{dealId}']";
        await Expect(b.Locator(inProspect)).ToHaveCountAsync(1);
        var proposalBefore = int.Parse(await b.GetByTestId("column-Proposal").GetByTestId("column-count").InnerTextAsync(), CultureInfo.InvariantCulture);
        await b.EvaluateAsync("() => window.__noReload = 'still here'");

        await Expect(a.Locator("[data-testid='column-Prospect'] div.mud-drop-item[draggable=true]").First).ToBeVisibleAsync();
        await card.DragToAsync(a.Locator("#zone-Proposal"), new() { TargetPosition = new() { X = 40, Y = 3 } });
        await Expect(a.Locator(inProposal)).ToHaveCountAsync(1);
        var movedAt = DateTime.UtcNow;

        // Node B's board shows the move within a few seconds, in its open circuit.
        await Expect(b.Locator(inProposal)).ToHaveCountAsync(1, new() { Timeout = 5_000 });
        var seenAfter = DateTime.UtcNow - movedAt;
        await Expect(b.Locator(inProspect)).ToHaveCountAsync(0);
        await Expect(b.GetByTestId("column-Proposal").GetByTestId("column-count")).ToHaveTextAsync((proposalBefore + 1).ToString(CultureInfo.InvariantCulture));
        (await b.EvaluateAsync<string>("() => window.__noReload")).Should().Be("still here", "node B's board moved the card without reloading");
        seenAfter.Should().BeLessThan(TimeSpan.FromSeconds(5));
        output.WriteLine($"Node B's board showed the move {seenAfter.TotalMilliseconds:0} ms after node A's did.");
        await BrowserFixture.ScreenshotAsync(b, "twonode-01-board-on-node-b-after-move-on-node-a");

        // Both nodes read the move from the one database.
        var stage = await _nodeB.QueryAsync(db => db.Deals.IgnoreQueryFilters().Where(d => d.Id == Guid.Parse(dealId!))
            .Join(db.Stages.IgnoreQueryFilters(), d => d.StageId, s => s.Id, (d, s) => s.Name).SingleAsync());
        stage.Should().Be("Proposal");
    }

    [Fact]
    public async Task An_enrichment_started_on_node_a_fills_the_account_page_open_on_node_b_live()
    {
        var acme = await _nodeA.QueryAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Domain == "acme-outdoor.test").Select(c => c.Id).SingleAsync());
        var path = $"/accounts/{acme}?tab=intelligence";
        var a = await SignedInPageAsync(_urlA, "rep@northwind.test", path);
        var b = await SignedInPageAsync(_urlB, "manager@northwind.test", path);
        foreach (var page in new[] { a, b })
        {
            await Expect(page.GetByTestId("module-state-M02")).ToHaveTextAsync("pending");
            await Expect(page.GetByTestId("module-M02").GetByTestId("fact")).ToHaveCountAsync(0);
            await page.EvaluateAsync("() => window.__noReload = 'still here'");
        }

        await a.GetByTestId("enrich-now").ClickAsync();
        var clickedAt = DateTime.UtcNow;

        // The run's job fires on one of the two nodes (Quartz is clustered); its module states reach both browsers, so
        // at least one of them hears them from the other node. Node B's page fills as the run goes, without a reload.
        await Expect(b.GetByTestId("module-state-M01")).ToHaveTextAsync("ok", new() { Timeout = 90_000 });
        output.WriteLine($"Node B's page showed the first module done {(DateTime.UtcNow - clickedAt).TotalMilliseconds:0} ms after the click on node A.");
        await Expect(b.GetByTestId("module-state-M15")).ToHaveTextAsync("ok", new() { Timeout = 90_000 });
        await Expect(b.GetByTestId("module-M02").GetByTestId("fact").First).ToBeVisibleAsync();
        await Expect(b.GetByTestId("module-M01")).ToContainTextAsync("Acme Outdoor Supply");
        await Expect(a.GetByTestId("module-state-M15")).ToHaveTextAsync("ok");
        await Expect(a.GetByTestId("module-M02").GetByTestId("fact").First).ToBeVisibleAsync();
        foreach (var page in new[] { a, b })
        {
            (await page.EvaluateAsync<string>("() => window.__noReload")).Should().Be("still here", "the panels filled in the open page");
        }

        await BrowserFixture.ScreenshotAsync(b, "twonode-02-account-on-node-b-after-enrichment-on-node-a");
        (await _nodeB.QueryAsync(db => db.EnrichmentRuns.IgnoreQueryFilters().CountAsync(r => r.CompanyId == acme))).Should().Be(1, "one click, one run");
    }

    private static PartnerForgeApp Node(string database)
    {
        var node = new PartnerForgeApp();
        node.Settings["ConnectionStrings:PostgreSQL"] = database;
        return node;
    }

    /// <summary>A page in its own browser context that opens <paramref name="path"/> on the node at <paramref name="baseUrl"/> and signs in there.</summary>
    private async Task<IPage> SignedInPageAsync(string baseUrl, string email, string path)
    {
        // Wide enough for every board column, so a drag needs no sideways scroll.
        var page = await browser.NewPageAsync(2048, ColorScheme.Light);
        await page.GotoAsync(baseUrl + path);
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DemoWorkspace.DefaultPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(baseUrl + path);
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        return page;
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
