using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>CSV import through the UI in a real Chromium: upload, preview, mapping, live progress to 100%, export, revert.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_rep_imports_a_csv_watches_it_reach_100_percent_exports_the_filtered_accounts_and_reverts_it()
    {
        var csv = new StringBuilder("Account Name;Website;Sector;Country;Headcount;Notes\r\n");
        for (var i = 1; i <= 20_000; i++)
        {
            csv.Append("Import Co ").Append(i).Append(";https://www.import-").Append(i).Append(".test/;")
                .Append(i % 2 == 0 ? "Software" : "Retail").Append(";DE;").Append(i % 900 + 5).Append(";\"note ").Append(i).Append("\"\r\n");
        }

        csv.Append("Broken;not a domain;Software;DE;5;x\r\n");
        var file = Path.Combine(TestEnvironment.NewDirectory("upload"), "prospects.csv");
        await File.WriteAllTextAsync(file, csv.ToString(), new UTF8Encoding(true));

        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/accounts/import");
        await page.Locator("#email").FillAsync("rep@northwind.test");
        await page.Locator("#password").FillAsync(DemoWorkspace.DefaultPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/accounts/import$"));
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Import accounts");
        await BrowserFixture.ScreenshotAsync(page, "20-import-empty");

        await page.GetByTestId("import-file").SetInputFilesAsync(file);
        await Expect(page.GetByTestId("import-file-summary")).ToContainTextAsync("semicolon separated");
        await Expect(page.GetByTestId("import-preview")).ToContainTextAsync("Import Co 1");
        // Automatic mapping: Account Name → Name, Website → Domain, Sector → Industry, Headcount → Employees; Notes ignored.
        await Expect(page.GetByTestId("map-0")).ToHaveValueAsync("Name");
        await Expect(page.GetByTestId("map-1")).ToHaveValueAsync("Domain");
        await Expect(page.GetByTestId("map-2")).ToHaveValueAsync("Industry");
        await Expect(page.GetByTestId("map-4")).ToHaveValueAsync("Employees");
        await Expect(page.GetByTestId("map-5")).ToHaveValueAsync("Ignore this column");
        await BrowserFixture.ScreenshotAsync(page, "21-import-preview");

        // Manual override: ignore the Sector column.
        await page.GetByTestId("map-2").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Ignore this column" }).ClickAsync();
        await Expect(page.GetByTestId("map-2")).ToHaveValueAsync("Ignore this column");

        await page.GetByTestId("import-start").ClickAsync();
        var row = page.GetByTestId("import-row").First;
        await Expect(row.GetByTestId("import-state")).ToHaveTextAsync(new Regex("Queued|Running|Completed"));
        await BrowserFixture.ScreenshotAsync(page, "22-import-running");

        // Leave the page and come back (a new circuit): the import and its progress are still there.
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/accounts$"));
        await page.GotoAsync(BaseUrl + "/accounts/import");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        row = page.GetByTestId("import-row").First;
        await Expect(row).ToContainTextAsync("prospects.csv");
        await Expect(row.GetByTestId("import-state")).ToHaveTextAsync("Completed", new() { Timeout = 120_000 });
        await Expect(row.GetByTestId("import-percent")).ToHaveTextAsync("100%");
        await Expect(row.GetByTestId("import-created")).ToHaveTextAsync("20,000");
        await Expect(row.GetByTestId("import-errors")).ToContainTextAsync("1");
        await Expect(row.GetByTestId("import-progress").GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "100");
        await BrowserFixture.ScreenshotAsync(page, "23-import-completed");

        // Export of a filtered view, with the browser's cookies.
        var export = await page.APIRequest.GetAsync(BaseUrl + "/accounts/export.csv?cols=Name,Domain,Industry,Employees&sort=Domain&f=Domain:Equals:import-1999.test");
        export.Status.Should().Be(200);
        var text = (await export.TextAsync()).TrimStart('\uFEFF');
        text.Should().Be("Name,Domain,Industry,Employees\r\nImport Co 1999,import-1999.test,,201-500\r\n", "the Sector column was ignored by the manual mapping");

        var errors = await page.APIRequest.GetAsync(BaseUrl + (await row.GetByTestId("import-error-file").GetAttributeAsync("href")));
        (await errors.TextAsync()).Should().Contain("20002,").And.Contain("not a domain");

        // Revert, with confirmation.
        await row.GetByTestId("import-revert").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("deletes the 20,000 accounts");
        await BrowserFixture.ScreenshotAsync(page, "24-import-revert-confirm");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revert import" }).ClickAsync();
        await Expect(row.GetByTestId("import-state")).ToHaveTextAsync("Reverted");
        var after = (await (await page.APIRequest.GetAsync(BaseUrl + "/accounts/export.csv?f=Domain:StartsWith:import-")).TextAsync()).TrimStart('\uFEFF');
        after.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1, "only the header is left");

        // Dark theme.
        await page.GetByTestId("theme-toggle").Locator("button").ClickAsync();
        await Expect(page.Locator(".pf-layout[data-theme='dark']")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "25-import-history-dark");
    }

    [Fact]
    public async Task A_file_over_the_size_cap_is_refused_with_a_clear_message()
    {
        var file = Path.Combine(TestEnvironment.NewDirectory("upload"), "huge.csv");
        await using (var stream = File.Create(file))
        {
            stream.SetLength(251L * 1024 * 1024); // sparse: past the 250 MB default cap
        }

        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/accounts/import");
        await page.Locator("#email").FillAsync("rep@northwind.test");
        await page.Locator("#password").FillAsync(DemoWorkspace.DefaultPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);

        await page.GetByTestId("import-file").SetInputFilesAsync(file);

        await Expect(page.GetByTestId("import-upload-error")).ToContainTextAsync("huge.csv is 251 MB; an import takes files up to 250 MB");
        await BrowserFixture.ScreenshotAsync(page, "26-import-too-large");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
