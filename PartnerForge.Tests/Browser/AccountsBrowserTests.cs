using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>The accounts grid and account page in Chromium: search, filter, bulk tag, saved view, create, edit, history, merge.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountsBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_manager_searches_filters_tags_saves_a_view_creates_edits_and_merges_accounts()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/accounts");
        await page.Locator("#email").FillAsync("manager@northwind.test");
        await page.Locator("#password").FillAsync(DemoWorkspace.DefaultPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        var grid = page.GetByTestId("accounts-grid");
        await Expect(grid).ToContainTextAsync("Foxglove Fashion");
        await BrowserFixture.ScreenshotAsync(page, "10-accounts-grid");

        // Prefix search on name (case-insensitive), applied on Enter.
        var search = page.GetByTestId("account-search");
        await search.FillAsync("cob");
        await search.PressAsync("Enter");
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(grid).ToContainTextAsync("Cobalt Health Systems");
        await search.FillAsync(string.Empty);
        await search.PressAsync("Enter");
        await Expect(grid).ToContainTextAsync("Foxglove Fashion");

        // Filter by country through the dropdown.
        await page.GetByTestId("filter-country").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new Regex(@"^\s*DE\s*$") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/accounts\\?country=DE$"));
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(grid).ToContainTextAsync("Cobalt Health Systems");

        // Export the view as shown: the file holds the filtered rows and the visible columns.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-accounts").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        csv.Should().Contain("Cobalt Health Systems").And.Contain("cobalthealth.test").And.NotContain("Acme Outdoor Supply");
        csv.Split('\n')[0].Should().Contain("Name").And.Contain("Domain").And.Contain("Country").And.NotContain("Revenue");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Expect(grid).ToContainTextAsync("Foxglove Fashion");

        // Bulk: select two rows, add a tag; the tag shows in the grid.
        await Tick(page, "Acme Outdoor Supply");
        await Tick(page, "Driftwood Home Goods");
        await Expect(page.GetByTestId("bulk-count")).ToHaveTextAsync("2 selected");
        await page.GetByPlaceholder("Tag…").FillAsync("Q1 push");
        await page.GetByTestId("bulk-tag").ClickAsync();
        await Expect(Row(grid, "Acme Outdoor Supply")).ToContainTextAsync("Q1 push");
        await Expect(Row(grid, "Driftwood Home Goods")).ToContainTextAsync("Q1 push");
        await Expect(Row(grid, "Foxglove Fashion")).Not.ToContainTextAsync("Q1 push");
        await BrowserFixture.ScreenshotAsync(page, "11-accounts-tagged");

        // Save the current view (search "dri") as a shared view, then reopen it after a reload.
        await search.FillAsync("dri");
        await search.PressAsync("Enter");
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await page.GetByTestId("save-view").ClickAsync();
        await page.Locator("#view-name").FillAsync("Driftwood watch");
        await page.GetByTestId("save-view-confirm").ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "View saved" })).ToBeVisibleAsync();

        // The search lives in the URL: a reload shows the same rows.
        await Expect(page).ToHaveURLAsync(new Regex("/accounts\\?q=dri$"));
        await page.ReloadAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(search).ToHaveValueAsync("dri");
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(6);
        await Expect(page).ToHaveURLAsync(new Regex("/accounts$"));

        // Sorting goes to the URL too, and back to the default.
        await grid.Locator("th", new() { HasText = "Priority" }).Locator(".column-header > span").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=priority"));
        await page.GotoAsync(BaseUrl + "/accounts");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);

        await page.GetByTestId("saved-views").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Driftwood watch" }).ClickAsync();
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(grid).ToContainTextAsync("Driftwood Home Goods");

        // Create an account: a bad domain is explained and what was typed stays.
        await page.GetByTestId("new-account").ClickAsync();
        var form = page.GetByTestId("account-form");
        await Expect(form.Locator("#name")).ToBeFocusedAsync(); // the dialog opens with the caret in the name, and keeps it there
        await form.Locator("#name").FillAsync("Acme Outdoor");
        await form.Locator("#domain").FillAsync("not a domain");
        await form.Locator("#country").FillAsync("Germany");
        await page.GetByTestId("save-account").ClickAsync();
        await Expect(form).ToContainTextAsync("is not a domain like example.com");
        await Expect(form.Locator("#name")).ToHaveValueAsync("Acme Outdoor");
        await BrowserFixture.ScreenshotAsync(page, "12-new-account-error");
        await form.Locator("#domain").FillAsync("https://www.AcmeOutdoor.test/shop");
        await page.GetByTestId("save-account").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Acme Outdoor");
        await Expect(page.GetByTestId("account-domain")).ToContainTextAsync("acmeoutdoor.test");
        await Expect(page.GetByTestId("account-facts")).ToContainTextAsync("DE");

        // Edit on the account page; the change shows in its history with who made it.
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Edit details" }).ClickAsync();
        await page.GetByTestId("account-form").Locator("#industry").FillAsync("Sporting Goods");
        await page.GetByTestId("save-account").ClickAsync();
        await Expect(page.GetByTestId("account-facts")).ToContainTextAsync("Sporting Goods");
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^History") }).ClickAsync();
        await Expect(page.GetByTestId("account-history")).ToContainTextAsync("Morgan Manager");
        await Expect(page.GetByTestId("account-history")).ToContainTextAsync("industry: — → Sporting Goods");
        await BrowserFixture.ScreenshotAsync(page, "13-account-history");

        // Merge the new duplicate into the original.
        await page.GotoAsync(BaseUrl + "/accounts");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await search.FillAsync("acme");
        await search.PressAsync("Enter");
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(2);
        await Tick(page, "Acme Outdoor Supply");
        await Tick(page, "Acme Outdoor");
        await page.GetByTestId("bulk-merge").ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "14-merge-dialog");
        await page.GetByTestId("merge-confirm").ClickAsync();
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(Row(grid, "Acme Outdoor Supply")).ToContainTextAsync("Q1 push");
    }

    private static ILocator Row(ILocator grid, string text) => grid.Locator("tbody tr", new() { HasText = text });

    /// <summary>Ticks a row's checkbox by its accessible name ("Select {account name}").</summary>
    private static Task Tick(IPage page, string name) =>
        page.GetByRole(AriaRole.Checkbox, new() { Name = "Select " + name, Exact = true }).CheckAsync();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
