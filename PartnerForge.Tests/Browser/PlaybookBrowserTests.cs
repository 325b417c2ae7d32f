using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>The sales playbook in a real Chromium: a tenant admin adds evidence (with a validation error first), the competitive list, title rules, and the buying committee on an enriched account.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlaybookBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string NewTitle = "Ski chain cuts search exits by 22%";

    [Fact]
    public async Task A_tenant_admin_adds_an_evidence_item_and_sees_it_listed()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/admin/playbook/evidence");
        await SubmitSignInAsync(page, "admin@northwind.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Evidence library");
        await Expect(page.GetByTestId("evidence-list")).ToContainTextAsync("Outdoor retailer lifts search conversion");
        await Expect(page.GetByTestId("evidence-list")).Not.ToContainTextAsync("Fashion label", new() { Timeout = 1_000 });
        await BrowserFixture.ScreenshotAsync(page, "playbook-01-evidence-library");

        await page.GetByTestId("add-evidence").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Add evidence");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await page.Locator("#ev-title").FillAsync(NewTitle);
        await page.Locator("#ev-customer").FillAsync("Alpine Peaks Sports");
        await page.Locator("#ev-industry").FillAsync("Retail");
        await page.GetByTestId("ev-size").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new Regex("^\\s*1001-5000\\s*$") }).ClickAsync();
        await page.Locator("#ev-usecase").FillAsync("Search replatforming");
        await page.Locator("#ev-tech").FillAsync("Shopify, Algolia");
        await page.GetByTestId("save-evidence").ClickAsync();

        // The result is missing: the form says so next to the field and keeps everything typed.
        await Expect(page.GetByTestId("evidence-errors")).ToBeVisibleAsync();
        await Expect(page.Locator("#ev-body-error")).ToContainTextAsync("Describe the result");
        await Expect(page.Locator("#ev-title")).ToHaveValueAsync(NewTitle);
        await Expect(page.Locator("#ev-tech")).ToHaveValueAsync("Shopify, Algolia");
        await BrowserFixture.ScreenshotAsync(page, "playbook-02-evidence-validation");

        await page.Locator("#ev-body").FillAsync("Alpine Peaks moved 25,000 products off Algolia in four weeks; shoppers leaving after a search fell by 22%.");
        await page.GetByTestId("save-evidence").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Evidence library");
        var listed = page.GetByTestId("evidence-list").Locator("li", new() { HasText = NewTitle });
        await Expect(listed).ToBeVisibleAsync();
        await Expect(listed).ToContainTextAsync("Alpine Peaks Sports");
        await Expect(listed).ToContainTextAsync("1001-5000 employees");
        await Expect(listed).ToContainTextAsync("Algolia");
        await BrowserFixture.ScreenshotAsync(page, "playbook-03-evidence-added");

        var stored = await App.QueryAsync(db => db.EvidenceItems.IgnoreQueryFilters().Where(e => e.Title == NewTitle)
            .Select(e => db.Tenants.Single(t => t.Id == e.TenantId).Slug).ToListAsync());
        stored.Should().Equal("northwind");

        // The competitive list and the title rules, with a title tried against them.
        await page.Locator(".pf-playbook-tabs").GetByRole(AriaRole.Link, new() { Name = "Competitive list" }).ClickAsync();
        await Expect(page.GetByTestId("competitive-list")).ToContainTextAsync("Algolia");
        await BrowserFixture.ScreenshotAsync(page, "playbook-04-competitive-list");
        await page.Locator(".pf-playbook-tabs").GetByRole(AriaRole.Link, new() { Name = "Title rules" }).ClickAsync();
        await Expect(page.GetByTestId("title-rules")).ToContainTextAsync("Economic buyer");
        await page.Locator("#rule-try").FillAsync("VP of E-commerce");
        await Expect(page.GetByTestId("title-trial")).ToContainTextAsync("Champion");
        await BrowserFixture.ScreenshotAsync(page, "playbook-05-title-rules");

        // Dark theme of the library.
        await page.Locator(".pf-playbook-tabs").GetByRole(AriaRole.Link, new() { Name = "Evidence library" }).ClickAsync();
        await page.GetByTestId("theme-toggle").Locator("button").ClickAsync();
        await Expect(page.Locator(".pf-layout[data-theme='dark']")).ToHaveCountAsync(1);
        await WaitForStylesAsync(page);
        await Expect(page.GetByTestId("evidence-list")).ToContainTextAsync(NewTitle);
        await BrowserFixture.ScreenshotAsync(page, "playbook-06-evidence-library-dark");
        await page.GetByTestId("theme-toggle").Locator("button").ClickAsync();
    }

    [Fact]
    public async Task The_buying_committee_of_an_enriched_account_can_be_corrected_per_person()
    {
        var acme = await App.QueryAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Domain == "acme-outdoor.test").Select(c => c.Id).SingleAsync());
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + $"/accounts/{acme}");
        await SubmitSignInAsync(page, "rep@northwind.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await page.GetByTestId("enrich-now").ClickAsync();
        foreach (var module in new[] { "M08", "M09", "M10", "M11", "M12" })
        {
            await Expect(page.GetByTestId($"module-state-{module}")).ToHaveTextAsync("ok", new() { Timeout = 60_000 });
        }

        await Expect(page.GetByTestId("module-M11")).ToContainTextAsync("Algolia");
        await Expect(page.GetByTestId("module-M11")).ToContainTextAsync("priority");
        await Expect(page.GetByTestId("module-M11")).Not.ToContainTextAsync("displacement[");
        await Expect(page.GetByTestId("module-M08")).ToContainTextAsync("Bluefin Growth");
        await Expect(page.GetByTestId("module-M08")).ToContainTextAsync("round");
        await page.GetByTestId("module-M09").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "playbook-07-intelligence-waves-3-4");
        await page.GetByTestId("module-M11").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "playbook-07b-intelligence-displacement-evidence");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Buying committee" }).ClickAsync();
        await Expect(page.GetByTestId("committee-economic_buyer")).ToContainTextAsync("Dana Whitfield");
        await page.GetByTestId("override-dana-whitfield").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Champion (set by hand)" }).ClickAsync();
        await Expect(page.GetByTestId("committee-champion")).ToContainTextAsync("Dana Whitfield");
        await Expect(page.GetByTestId("committee-economic_buyer")).Not.ToContainTextAsync("Dana Whitfield");
        await Expect(page.GetByTestId("override-elena-novak")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^By title rules"));
        await Expect(page.GetByTestId("override-dana-whitfield")).ToHaveValueAsync("Champion (set by hand)");
        await BrowserFixture.ScreenshotAsync(page, "playbook-08-buying-committee");

        var stored = await App.QueryAsync(db => db.CommitteeOverrides.IgnoreQueryFilters().SingleAsync(o => o.CompanyId == acme));
        stored.PersonName.Should().Be("Dana Whitfield");
        stored.Role.Should().Be(PartnerForge.Domain.Playbook.CommitteeRole.Champion);
    }

    /// <summary>After a theme switch, waits until the new stylesheet applies (the body is no longer white).</summary>
    private static async Task WaitForStylesAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => { const c = getComputedStyle(document.body).backgroundColor; return c !== 'rgb(255, 255, 255)' && c !== 'rgba(0, 0, 0, 0)'; }");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
