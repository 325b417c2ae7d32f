using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>The pipeline board and the dashboard in a real Chromium against the real app on a loopback port.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PipelineBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_card_dragged_to_another_column_is_saved_and_appears_live_on_a_colleagues_board()
    {
        var rep = await SignedInPageAsync("rep@northwind.test", "/pipeline");
        var manager = await SignedInPageAsync("manager@northwind.test", "/pipeline");
        var globex = await SignedInPageAsync("rep@globex.test", "/pipeline");
        await Expect(rep.GetByTestId("column-Prospect")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(rep, "pipeline-01-board-light");

        var card = rep.GetByTestId("column-Prospect").GetByTestId("deal-card").First;
        var dealId = await card.GetAttributeAsync("data-deal");
        dealId.Should().NotBeNullOrEmpty();
        var inProposal = $"[data-testid='column-Proposal'] [data-deal='{dealId}']";
        await Expect(manager.Locator($"[data-testid='column-Prospect'] [data-deal='{dealId}']")).ToHaveCountAsync(1);
        var proposalCountBefore = int.Parse(await rep.GetByTestId("column-Proposal").GetByTestId("column-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        // Drop at the top of the column (above its first card): the drop zone is the MudDropZone with id "zone-<stage>".
        await Expect(rep.Locator("[data-testid='column-Prospect'] div.mud-drop-item[draggable=true]").First).ToBeVisibleAsync();
        await card.DragToAsync(rep.Locator("#zone-Proposal"), new() { TargetPosition = new() { X = 40, Y = 3 } });

        await Expect(rep.Locator(inProposal)).ToHaveCountAsync(1);
        await Expect(rep.GetByTestId("column-Proposal").GetByTestId("deal-card").First).ToHaveAttributeAsync("data-deal", dealId!);
        await Expect(rep.GetByTestId("column-Proposal").GetByTestId("column-count")).ToHaveTextAsync((proposalCountBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The colleague's open board shows the move without reloading; the other tenant's board never hears of it.
        await Expect(manager.Locator(inProposal)).ToHaveCountAsync(1);
        await Expect(manager.Locator($"[data-testid='column-Prospect'] [data-deal='{dealId}']")).ToHaveCountAsync(0);
        await Expect(globex.Locator($"[data-deal='{dealId}']")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(manager, "pipeline-02-board-after-live-move");

        var stored = await App.QueryAsync(db => db.Deals.IgnoreQueryFilters().Where(d => d.Id == Guid.Parse(dealId!))
            .Join(db.Stages.IgnoreQueryFilters(), d => d.StageId, s => s.Id, (d, s) => s.Name).SingleAsync());
        stored.Should().Be("Proposal");
        var history = await App.QueryAsync(db => db.StageChanges.IgnoreQueryFilters().Where(c => c.DealId == Guid.Parse(dealId!)).OrderByDescending(c => c.AtUtc).FirstAsync());
        history.ByUserId.Should().Be(await UserIdAsync("rep@northwind.test"));

        await rep.ReloadAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(rep);
        await Expect(rep.Locator(inProposal)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Cards_dropped_onto_cards_in_the_same_and_another_column_keep_their_place_after_a_reload_and_move_live()
    {
        var rep = await SignedInPageAsync("rep@northwind.test", "/pipeline");
        var manager = await SignedInPageAsync("manager@northwind.test", "/pipeline");
        var prospect = await CardIdsAsync(rep, "Prospect");
        prospect.Should().HaveCountGreaterThanOrEqualTo(3, "the demo board has several prospects");
        await Expect(manager.GetByTestId("column-Prospect").GetByTestId("deal-card")).ToHaveCountAsync(prospect.Count);

        // Within a column: the first card dropped onto the third takes its place (moving down, it goes after it).
        await Card(rep, "Prospect", prospect[0]).DragToAsync(Card(rep, "Prospect", prospect[2]));
        var reordered = new List<string> { prospect[1], prospect[2], prospect[0] }.Concat(prospect.Skip(3)).ToList();
        await ExpectOrderAsync(rep, "Prospect", reordered);
        await ExpectOrderAsync(manager, "Prospect", reordered); // live, without reloading

        // Across columns: a Qualified card dropped onto Discovery's first card lands right after it (where the drop
        // placeholder shows while dragging).
        var qualified = await CardIdsAsync(rep, "Qualified");
        var discovery = await CardIdsAsync(rep, "Discovery");
        await DragLikeAPersonAsync(rep, Card(rep, "Qualified", qualified[0]), Card(rep, "Discovery", discovery[0]));
        var newDiscovery = new List<string> { discovery[0], qualified[0] }.Concat(discovery.Skip(1)).ToList();
        await ExpectOrderAsync(rep, "Discovery", newDiscovery);
        await ExpectOrderAsync(manager, "Discovery", newDiscovery);
        await ExpectOrderAsync(manager, "Qualified", qualified.Skip(1).ToList());
        await BrowserFixture.ScreenshotAsync(manager, "pipeline-05-board-after-reorders");

        await rep.ReloadAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(rep);
        await ExpectOrderAsync(rep, "Prospect", reordered);
        await ExpectOrderAsync(rep, "Discovery", newDiscovery);
        var ranks = await App.QueryAsync(db => db.Deals.IgnoreQueryFilters().Where(d => reordered.Select(Guid.Parse).Contains(d.Id))
            .OrderBy(d => d.BoardRank).ThenBy(d => d.CreatedAtUtc).Select(d => d.Id).ToListAsync());
        ranks.Select(id => id.ToString()).Should().Equal(reordered, "the order is what the database keeps");
    }

    [Fact]
    public async Task Cards_show_the_account_tier_and_an_unread_alert_and_the_board_filters_by_tier()
    {
        var repId = await UserIdAsync("rep@northwind.test");
        var (dealId, companyId) = await App.QueryAsync(async db =>
        {
            var prospect = await db.Stages.IgnoreQueryFilters().Where(st => st.Name == "Prospect" && db.Users.IgnoreQueryFilters().Any(u => u.Id == repId && u.TenantId == st.TenantId))
                .Select(st => st.Id).SingleAsync();
            var deal = await db.Deals.IgnoreQueryFilters().Where(d => d.StageId == prospect).OrderBy(d => d.BoardRank).FirstAsync();
            var company = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Id == deal.CompanyId);
            // Every other Northwind account gets tier C, this one tier A; the rep has an unread alert on it.
            await db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == company.TenantId)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Tier, PartnerForge.Domain.Accounts.AccountTier.C));
            company.SetTier(PartnerForge.Domain.Accounts.AccountTier.A, DateTime.UtcNow);
            var change = new PartnerForge.Domain.Changes.ChangeEvent(company.Id, Guid.NewGuid(), null,
                new PartnerForge.Domain.Changes.DetectedChange("M07", "trigger.funding[x]", PartnerForge.Domain.Changes.ChangeKind.Added, null, "Raises $30M", 85, "funding-round", null), DateTime.UtcNow);
            change.StampTenant(company.TenantId);
            var alert = new PartnerForge.Domain.Changes.Alert(repId, Guid.NewGuid(), change, company.Name, DateTime.UtcNow);
            alert.StampTenant(company.TenantId);
            db.ChangeEvents.Add(change);
            db.Alerts.Add(alert);
            await db.SaveChangesAsync();
            return (deal.Id, company.Id);
        });
        var tierA = await App.QueryAsync(db => db.Deals.IgnoreQueryFilters().CountAsync(d => d.CompanyId == companyId && (d.ClosedAtUtc == null || d.ClosedAtUtc >= DateTime.UtcNow.AddDays(-30))));

        var rep = await SignedInPageAsync("rep@northwind.test", "/pipeline");
        var manager = await SignedInPageAsync("manager@northwind.test", "/pipeline");
        var card = rep.Locator($"[data-deal='{dealId}']");
        await Expect(card.GetByTestId("card-tier")).ToHaveTextAsync("A");
        await Expect(card.GetByTestId("card-alert")).ToBeVisibleAsync();
        await Expect(manager.Locator($"[data-deal='{dealId}']").GetByTestId("card-tier")).ToHaveTextAsync("A");
        await Expect(manager.Locator($"[data-deal='{dealId}']").GetByTestId("card-alert")).ToHaveCountAsync(0); // the alert is the rep's, not the manager's
        await Expect(rep.GetByTestId("card-alert")).ToHaveCountAsync(await App.QueryAsync(db => db.Deals.IgnoreQueryFilters()
            .CountAsync(d => d.CompanyId == companyId && (d.ClosedAtUtc == null || d.ClosedAtUtc >= DateTime.UtcNow.AddDays(-30)))));
        await BrowserFixture.ScreenshotAsync(rep, "pipeline-06-board-tier-and-alert");

        await rep.GetByTestId("filter-tier").ClickAsync();
        await rep.GetByRole(AriaRole.Option, new() { Name = "A", Exact = true }).ClickAsync();
        await Expect(rep.GetByTestId("deal-card")).ToHaveCountAsync(tierA);
        await Expect(rep.Locator("[data-testid='deal-card'] [data-testid='card-tier']", new() { HasText = "C" })).ToHaveCountAsync(0);
        await Expect(card).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(rep, "pipeline-07-board-filtered-tier-a");
    }

    [Fact]
    public async Task Moving_a_card_someone_else_just_changed_says_so_and_shows_the_fresh_board()
    {
        var rep = await SignedInPageAsync("rep@northwind.test", "/pipeline");
        var card = rep.GetByTestId("column-Qualified").GetByTestId("deal-card").First;
        var dealId = Guid.Parse((await card.GetAttributeAsync("data-deal"))!);

        // Someone else's change, written behind this board's back (no live event), so the card here is stale.
        var discovery = await App.QueryAsync(db => db.Stages.IgnoreQueryFilters()
            .Where(s => s.Name == "Discovery" && db.Deals.IgnoreQueryFilters().Any(d => d.Id == dealId && d.TenantId == s.TenantId)).Select(s => s.Id).SingleAsync());
        await App.QueryAsync(db => db.Deals.IgnoreQueryFilters().Where(d => d.Id == dealId)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.StageId, discovery).SetProperty(d => d.Version, Guid.NewGuid())));

        await rep.DragAndDropAsync($"#card-{dealId}", "#zone-Negotiation");

        await Expect(rep.GetByTestId("board-message")).ToContainTextAsync("Someone else changed this deal");
        await Expect(rep.Locator($"[data-testid='column-Discovery'] [data-deal='{dealId}']")).ToHaveCountAsync(1);
        await Expect(rep.Locator($"[data-testid='column-Negotiation'] [data-deal='{dealId}']")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(rep, "pipeline-03-conflict");
    }

    [Fact]
    public async Task A_deal_opens_in_the_side_panel_refuses_bad_input_keeps_it_and_saves_good_input()
    {
        var rep = await SignedInPageAsync("rep@northwind.test", "/pipeline");
        var card = rep.GetByTestId("column-Discovery").GetByTestId("deal-card").First;
        var dealId = await card.GetAttributeAsync("data-deal");
        await card.ClickAsync();

        var form = rep.GetByTestId("deal-form");
        await Expect(form).ToBeVisibleAsync();
        await Expect(rep.GetByTestId("deal-history")).ToContainTextAsync("Created in Prospect");
        await Expect(rep.Locator("#deal-title")).ToBeFocusedAsync(); // the form puts the caret in the title once loaded (and never later)
        await rep.Locator("#deal-title").FillAsync(" ");
        await rep.Locator("#deal-currency").FillAsync("EURO");
        await rep.GetByTestId("deal-save").ClickAsync();
        await Expect(rep.GetByTestId("error-Title")).ToContainTextAsync("Give the deal a title");
        await Expect(rep.Locator("#deal-currency")).ToHaveValueAsync("EUR"); // MaxLength 3 keeps what fits
        await BrowserFixture.ScreenshotAsync(rep, "pipeline-04-editor-errors");

        await rep.Locator("#deal-title").FillAsync("Renewal with expansion, 450 seats");
        await rep.Locator("#deal-currency").FillAsync("GBP");
        await rep.Locator("#deal-next").FillAsync("Send the order form on Friday");
        await rep.GetByTestId("deal-save").ClickAsync();
        await Expect(form).ToHaveCountAsync(0);
        await Expect(rep.Locator($"[data-deal='{dealId}']")).ToContainTextAsync("Renewal with expansion, 450 seats");
        var nextStep = await App.QueryAsync(db => db.Deals.IgnoreQueryFilters().Where(d => d.Id == Guid.Parse(dealId!)).Select(d => d.NextStep).SingleAsync());
        nextStep.Should().Be("Send the order form on Friday");
    }

    [Fact]
    public async Task Screens_of_the_board_and_dashboard_in_light_and_dark()
    {
        // The layout scrolls inside its body: a tall window shows every chart on one screenshot.
        var manager = await SignedInPageAsync("manager@northwind.test", "/", height: 2000);
        await Expect(manager.GetByTestId("kpi-pipeline")).ToBeVisibleAsync();
        await ChartsDrawnAsync(manager);
        await BrowserFixture.ScreenshotAsync(manager, "pipeline-10-dashboard-manager-light");

        // The other charts are one tab away each; the chosen tab goes in the URL.
        await manager.GetByTestId("tab-reps").ClickAsync();
        await Expect(manager).ToHaveURLAsync(new Regex("charts=reps"));
        await Expect(manager.GetByTestId("rep-breakdown")).ToContainTextAsync("Riley Rep");
        await manager.GetByTestId("tab-accounts").ClickAsync();
        await Expect(manager).ToHaveURLAsync(new Regex("charts=accounts"));
        await Expect(manager.GetByTestId("chart-tiers")).ToBeVisibleAsync();
        await Expect(manager.GetByTestId("chart-alerts")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(manager, "pipeline-10b-dashboard-manager-accounts-tab");
        await manager.GetByTestId("tab-results").ClickAsync();
        await Expect(manager.GetByTestId("chart-outcomes")).ToBeVisibleAsync();
        await Expect(manager.GetByTestId("dashboard-scope")).ToContainTextAsync("Europe/London");

        await manager.GetByTestId("kpi-pipeline").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(manager).ToHaveURLAsync(new Regex("/pipeline/deals"));
        await Expect(manager.GetByTestId("deals-list")).ToContainTextAsync("£");
        await BrowserFixture.ScreenshotAsync(manager, "pipeline-11-drilldown");

        await manager.GotoAsync(BaseUrl + "/");
        await ShellBrowserTests.WaitForLiveCircuitAsync(manager);
        await manager.GetByTestId("theme-toggle").Locator("button").ClickAsync();
        await Expect(manager.Locator(".pf-layout[data-theme=\'dark\']")).ToHaveCountAsync(1);
        await Expect(manager.GetByTestId("kpi-pipeline")).ToBeVisibleAsync();
        await ChartsDrawnAsync(manager);
        await BrowserFixture.ScreenshotAsync(manager, "pipeline-12-dashboard-manager-dark");
        await manager.GotoAsync(BaseUrl + "/pipeline");
        await ShellBrowserTests.WaitForLiveCircuitAsync(manager);
        await Expect(manager.GetByTestId("column-Prospect")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(manager, "pipeline-13-board-dark");

        var rep = await SignedInPageAsync("rep@northwind.test", "/", height: 1600);
        await Expect(rep.GetByTestId("kpi-pipeline")).ToBeVisibleAsync();
        await ChartsDrawnAsync(rep);
        await Expect(rep.GetByTestId("tab-reps")).ToHaveCountAsync(0);
        await Expect(rep.GetByTestId("rep-breakdown")).ToHaveCountAsync(0);
        await Expect(rep.GetByTestId("dashboard-scope")).ToContainTextAsync("My deals");
        await BrowserFixture.ScreenshotAsync(rep, "pipeline-14-dashboard-rep-light");
    }

    [Fact]
    public async Task An_admin_renames_a_stage_is_refused_deleting_one_with_deals_and_switches_to_meddic()
    {
        var admin = await SignedInPageAsync("admin@northwind.test", "/admin/pipeline");
        var qualified = admin.GetByTestId("stage-Qualified");
        await Expect(qualified).ToBeVisibleAsync();
        await qualified.GetByTestId("stage-name").FillAsync("Qualified lead");
        await qualified.GetByTestId("stage-probability").FillAsync("25");
        await qualified.GetByTestId("stage-probability").PressAsync("Tab");
        await qualified.GetByTestId("stage-save").ClickAsync();
        await Expect(admin.GetByTestId("pipeline-admin-message")).ToContainTextAsync("Saved \u201cQualified lead\u201d");
        await Expect(admin.GetByTestId("stage-Qualified lead")).ToBeVisibleAsync();

        await admin.GetByTestId("stage-Proposal").GetByTestId("stage-delete").ClickAsync();
        await Expect(admin.GetByTestId("pipeline-admin-message")).ToContainTextAsync("still has");
        await Expect(admin.GetByTestId("pipeline-admin-message")).ToContainTextAsync("Move them to another stage");
        await Expect(admin.GetByTestId("stage-Proposal")).ToBeVisibleAsync();

        await admin.GetByTestId("framework").GetByText("MEDDIC", new() { Exact = false }).ClickAsync();
        await admin.GetByTestId("framework-save").ClickAsync();
        await Expect(admin.GetByTestId("pipeline-admin-message")).ToContainTextAsync("MEDDIC");
        await BrowserFixture.ScreenshotAsync(admin, "pipeline-30-admin-stages");

        await admin.GotoAsync(BaseUrl + "/pipeline");
        await ShellBrowserTests.WaitForLiveCircuitAsync(admin);
        await Expect(admin.GetByTestId("column-Qualified lead")).ToBeVisibleAsync();
        await admin.GetByTestId("column-Discovery").GetByTestId("deal-card").First.ClickAsync();
        await Expect(admin.GetByTestId("deal-form")).ToContainTextAsync("Qualification (MEDDIC)");
        await Expect(admin.Locator("label[for='q-economic-buyer']")).ToHaveTextAsync("Economic buyer");
        await BrowserFixture.ScreenshotAsync(admin, "pipeline-31-editor-meddic");
        var audited = await App.QueryAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.EntityType == "Stage" || a.EntityType == "PipelineSettings"));
        audited.Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task The_new_deal_form_finds_the_account_by_typing_part_of_its_domain()
    {
        var rep = await SignedInPageAsync("rep@northwind.test", "/pipeline");
        await rep.GetByTestId("board-new-deal").ClickAsync();
        await Expect(rep.GetByTestId("deal-form")).ToBeVisibleAsync();
        await Expect(rep.Locator("#deal-title")).ToBeFocusedAsync();
        var domain = await App.QueryAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Name == "Evergreen Fintech").Select(c => c.Domain).SingleAsync());
        // Tab into the field and type at once, as a fast typist does: no keystroke may be lost to the focus.
        await rep.Locator("#deal-title").PressAsync("Tab");
        await rep.Keyboard.TypeAsync(domain[..5], new() { Delay = 15 });
        await Expect(rep.Locator("#deal-account")).ToHaveValueAsync(domain[..5]);
        var option = rep.GetByRole(AriaRole.Option, new() { Name = "Evergreen Fintech", Exact = true });
        await Expect(option).ToBeVisibleAsync();
        await Expect(rep.GetByRole(AriaRole.Option)).ToHaveCountAsync(1); // only the matching account, asked of the server
        await option.ClickAsync();
        await Expect(rep.Locator("#deal-account")).ToHaveValueAsync("Evergreen Fintech"); // the choice reached the form before saving
        await rep.Locator("#deal-title").FillAsync("Typed-ahead pilot");
        await rep.Locator("#deal-amount").FillAsync("1200");
        await Expect(rep.Locator("#deal-title")).ToHaveValueAsync("Typed-ahead pilot");
        await rep.GetByTestId("deal-save").ClickAsync();

        await Expect(rep.GetByTestId("deal-form")).ToHaveCountAsync(0);
        var stored = await App.QueryAsync(db => db.Deals.IgnoreQueryFilters().Where(d => d.Title == "Typed-ahead pilot")
            .Join(db.Companies.IgnoreQueryFilters(), d => d.CompanyId, c => c.Id, (d, c) => c.Name).SingleAsync());
        stored.Should().Be("Evergreen Fintech");
    }

    [Fact]
    public async Task A_deal_is_created_from_an_account_and_listed_on_it()
    {
        var company = await App.QueryAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Name == "Evergreen Fintech").Select(c => c.Id).SingleAsync());
        var rep = await SignedInPageAsync("rep@northwind.test", $"/accounts/{company}/deals");
        await Expect(rep.GetByTestId("deals-panel")).ToBeVisibleAsync();

        await rep.GetByTestId("panel-new-deal").ClickAsync();
        await Expect(rep.Locator("#deal-title")).ToBeFocusedAsync();
        await rep.Locator("#deal-title").FillAsync("Fraud analytics pilot");
        await rep.Locator("#deal-amount").FillAsync("42500");
        await rep.GetByTestId("deal-save").ClickAsync();

        await Expect(rep.GetByTestId("deal-form")).ToHaveCountAsync(0);
        await Expect(rep.GetByTestId("deals-panel")).ToContainTextAsync("Fraud analytics pilot");
        await Expect(rep.GetByTestId("deals-panel")).ToContainTextAsync("£42,500");
        await BrowserFixture.ScreenshotAsync(rep, "pipeline-20-account-deals");
        var stored = await App.QueryAsync(db => db.Deals.IgnoreQueryFilters().SingleAsync(d => d.Title == "Fraud analytics pilot"));
        stored.CompanyId.Should().Be(company);
        stored.Amount.Should().Be(42_500m);
        stored.Currency.Should().Be("GBP");
        stored.OwnerId.Should().Be(await UserIdAsync("rep@northwind.test"));
    }

    /// <summary>
    /// A drag the way a person makes it, the pointer passing over the column before it reaches the card. (A drag
    /// that jumps straight onto a card of another column, as DragToAsync does, enters that column and the card in
    /// one event; the drop zone then takes it as a drop at the top of the column.)
    /// </summary>
    private static async Task DragLikeAPersonAsync(IPage page, ILocator source, ILocator target)
    {
        var from = (await source.BoundingBoxAsync())!;
        var to = (await target.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(from.X + from.Width / 2, from.Y + from.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to.X + to.Width / 2, to.Y + to.Height / 2, new() { Steps = 12 });
        await page.WaitForTimeoutAsync(300);
        await page.Mouse.UpAsync();
    }

    private static ILocator Card(IPage page, string stage, string dealId) =>
        page.GetByTestId($"column-{stage}").Locator($"[data-deal='{dealId}']");

    private static async Task<List<string>> CardIdsAsync(IPage page, string stage)
    {
        var cards = page.GetByTestId($"column-{stage}").GetByTestId("deal-card");
        var ids = new List<string>();
        foreach (var card in await cards.AllAsync())
        {
            ids.Add((await card.GetAttributeAsync("data-deal"))!);
        }

        return ids;
    }

    /// <summary>Waits until the column shows exactly these cards in this order.</summary>
    private static async Task ExpectOrderAsync(IPage page, string stage, List<string> ids)
    {
        var cards = page.GetByTestId($"column-{stage}").GetByTestId("deal-card");
        await Expect(cards).ToHaveCountAsync(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            await Expect(cards.Nth(i)).ToHaveAttributeAsync("data-deal", ids[i]);
        }
    }

    private Task<Guid> UserIdAsync(string email) =>
        App.QueryAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private static async Task ChartsDrawnAsync(IPage page)
    {
        await Expect(page.Locator("[data-testid='chart-stages'] svg path").First).ToBeAttachedAsync();
        await Expect(page.Locator("[data-testid='chart-forecast'] svg path").First).ToBeAttachedAsync();
        await page.WaitForTimeoutAsync(800); // let the chart animation finish before the screenshot
    }

    private async Task<IPage> SignedInPageAsync(string email, string path, int? height = null)
    {
        var page = await Browser.NewPageAsync();
        if (height is { } h)
        {
            await page.SetViewportSizeAsync(1366, h);
        }
        else if (path.StartsWith("/pipeline", StringComparison.Ordinal))
        {
            // Wide enough for all seven columns: a drag that has to scroll the board sideways to reach its target
            // would make Chromium pick up whatever card the scroll brought under the pointer.
            await page.SetViewportSizeAsync(2048, 1000);
        }

        await page.GotoAsync(BaseUrl + path);
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DemoWorkspace.DefaultPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(BaseUrl + path);
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        return page;
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
