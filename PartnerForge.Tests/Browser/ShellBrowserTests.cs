using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>The shell in a real Chromium against the real app on a loopback port.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ShellBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_demo_rep_signs_in_visits_every_menu_item_switches_theme_and_signs_out()
    {
        var page = await Browser.NewPageAsync();

        await page.GotoAsync(BaseUrl + "/accounts");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await BrowserFixture.ScreenshotAsync(page, "01-login");

        await SubmitSignInAsync(page, "rep@northwind.test", DemoWorkspace.DefaultPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/accounts$"));
        await WaitForLiveCircuitAsync(page);
        await Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Northwind Analytics");
        await Expect(page.GetByTestId("accounts-grid")).ToContainTextAsync("Acme Outdoor Supply");
        await Expect(page.GetByTestId("accounts-grid")).Not.ToContainTextAsync("Harbor Freight Partners");

        var menu = new (string Item, string Path, string Heading)[]
        {
            ("Dashboard", "/", "Dashboard"),
            ("Accounts", "/accounts", "Accounts"),
            ("Pipeline", "/pipeline", "Pipeline"),
            ("Changes", "/changes", "Changes"),
            ("Alerts", "/alerts", "Alerts"),
        };
        foreach (var (item, path, heading) in menu)
        {
            await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = item, Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(BaseUrl + path);
            await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await BrowserFixture.ScreenshotAsync(page, $"02-rep-{item.ToLowerInvariant()}");
        }

        await Expect(page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);

        // Dashboard figures come from the database of this tenant only.
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Expect(page.GetByTestId("stat-accounts")).ToContainTextAsync("6");

        // An account page from the list (client-side navigation in the live circuit).
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Cobalt Health Systems" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Cobalt Health Systems");
        await Expect(page.GetByTestId("account-domain")).ToContainTextAsync("cobalthealth.test");
        await BrowserFixture.ScreenshotAsync(page, "03-rep-account");

        // Light/dark switch: the theme stylesheet changes without a reload, and the choice survives one.
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await page.GetByTestId("theme-toggle").Locator("button").ClickAsync();
        await Expect(page.Locator(".pf-layout[data-theme='dark']")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "04-rep-dashboard-dark");
        await page.ReloadAsync();
        await Expect(page.Locator(".pf-layout[data-theme='dark']")).ToHaveCountAsync(1);
        await WaitForLiveCircuitAsync(page);

        // The choice is the user's, not only this browser's: another browser signed in as them opens dark.
        var elsewhere = await Browser.NewPageAsync();
        await elsewhere.GotoAsync(BaseUrl + "/");
        await SubmitSignInAsync(elsewhere, "rep@northwind.test");
        await WaitForLiveCircuitAsync(elsewhere);
        await Expect(elsewhere.Locator(".pf-layout[data-theme='dark']")).ToHaveCountAsync(1);

        // Sign out from the user menu.
        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();
        await page.GotoAsync(BaseUrl + "/pipeline");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task A_tenant_admin_sees_the_admin_area_with_only_their_tenants_people()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");
        await SubmitSignInAsync(page, "admin@globex.test", DemoWorkspace.DefaultPassword);
        await WaitForLiveCircuitAsync(page);

        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Admin");
        await Expect(page.GetByTestId("admin-users")).ToContainTextAsync("Glen Rep");
        await Expect(page.GetByTestId("admin-users")).Not.ToContainTextAsync("Riley Rep");
        await BrowserFixture.ScreenshotAsync(page, "05-admin");
    }

    [Fact]
    public async Task A_wrong_password_shows_a_message_in_the_browser_and_keeps_the_email()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");

        await SubmitSignInAsync(page, "rep@northwind.test", "wrong password");

        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("do not match an account");
        await Expect(page.Locator("#email")).ToHaveValueAsync("rep@northwind.test");
        await BrowserFixture.ScreenshotAsync(page, "06-login-error");
    }

    [Fact]
    public async Task An_unknown_address_shows_the_not_found_page_inside_the_layout_and_the_menu_still_works()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");
        await SubmitSignInAsync(page, "rep@northwind.test");
        await WaitForLiveCircuitAsync(page);

        // A navigation inside the live circuit (the Router's NotFoundPage), then a direct load (HTTP 404 page).
        await page.EvaluateAsync("() => Blazor.navigateTo('/no-such-page')");
        await Expect(page.Locator(".pf-empty-title")).ToHaveTextAsync("There is nothing at this address");
        await Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Northwind Analytics");
        var response = await page.GotoAsync(BaseUrl + "/still/no/such/page");
        response!.Status.Should().Be(404);
        await WaitForLiveCircuitAsync(page);
        await Expect(page.Locator(".pf-empty-title")).ToHaveTextAsync("There is nothing at this address");
        await BrowserFixture.ScreenshotAsync(page, "07-not-found");

        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Accounts");
        await Expect(page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();
        await Expect(page.Locator("#blazor-error-ui")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_navigation_sits_beside_the_page_on_a_wide_screen_and_opens_over_it_on_a_phone()
    {
        // 1440 px: the navigation shows beside the page; its toggle hides it and the page takes the room.
        var (wide, wideAccounts, wideToggle) = await SignedInAtWidthAsync(1440);
        await Expect(wideAccounts).ToBeVisibleAsync();
        await Expect(wideToggle).ToHaveCountAsync(1);
        await Expect(wideToggle).ToHaveAttributeAsync("aria-expanded", "true");
        (await MainLeftAsync(wide)).Should().BeGreaterThan(200, "the page starts beside the navigation");

        await wideToggle.ClickAsync();
        await Expect(wideAccounts).ToBeHiddenAsync();
        await Expect(wideToggle).ToHaveAttributeAsync("aria-expanded", "false");
        await wide.WaitForFunctionAsync("() => document.querySelector('.mud-main-content').getBoundingClientRect().left < 1");
        await wideToggle.ClickAsync();
        await Expect(wideAccounts).ToBeVisibleAsync();

        // 390 px: hidden until the toggle opens it over the page; a link or a tap beside it closes it again.
        var (phone, accounts, toggle) = await SignedInAtWidthAsync(390);
        await Expect(accounts).ToBeHiddenAsync();
        await Expect(toggle).ToHaveCountAsync(1);
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");

        await toggle.ClickAsync();
        await Expect(accounts).ToBeVisibleAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await BrowserFixture.ScreenshotAsync(phone, "08-phone-navigation-open");
        await accounts.ClickAsync();
        await Expect(phone.Locator("h1")).ToHaveTextAsync("Accounts");
        await Expect(accounts).ToBeHiddenAsync();

        await toggle.ClickAsync();
        await Expect(accounts).ToBeVisibleAsync();
        await phone.Locator(".pf-drawer-overlay").ClickAsync(new() { Position = new() { X = 370, Y = 400 } });
        await Expect(accounts).ToBeHiddenAsync();
        await Expect(phone.Locator("h1")).ToHaveTextAsync("Accounts");
    }

    /// <summary>The rep signed in at a window width, with the navigation's Accounts link and the toggle shown at that width.</summary>
    private async Task<(IPage Page, ILocator Accounts, ILocator Toggle)> SignedInAtWidthAsync(int width)
    {
        var page = await Browser.NewPageAsync(width, ColorScheme.Light);
        await page.GotoAsync(BaseUrl + "/");
        await SubmitSignInAsync(page, "rep@northwind.test");
        await WaitForLiveCircuitAsync(page);
        return (page, page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }),
            page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }));
    }

    private static Task<double> MainLeftAsync(IPage page) =>
        page.Locator(".mud-main-content").EvaluateAsync<double>("e => e.getBoundingClientRect().left");

    /// <summary>Waits until the Blazor circuit is live (clicks before that reach only prerendered HTML).</summary>
    internal static Task WaitForLiveCircuitAsync(IPage page) =>
        Expect(page.Locator(".pf-layout[data-interactive='true']")).ToHaveCountAsync(1);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
