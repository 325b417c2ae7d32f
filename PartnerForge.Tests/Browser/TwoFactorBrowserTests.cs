using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerForge.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerForge.Tests.Browser;

/// <summary>Two-factor sign-in in Chromium: turn it on from the user menu, sign out, sign in with a TOTP code computed here.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_user_turns_on_two_factor_and_signs_in_again_with_a_code_from_the_shared_key()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/account/login");
        await SubmitSignInAsync(page, "manager@northwind.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("two-factor-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/two-factor$"));
        var key = (await page.GetByTestId("shared-key").InnerTextAsync()).Trim();
        key.Should().MatchRegex("^[a-z2-7]{4}( [a-z2-7]{1,4})+$");
        await Expect(page.GetByTestId("authenticator-uri")).ToContainTextAsync("otpauth://totp/PartnerForge:manager%40northwind.test?secret=");

        await page.Locator("input[data-testid=verify-code-input], [data-testid=verify-code-input] input").First.FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByTestId("enable-two-factor").ClickAsync();
        await Expect(page.GetByTestId("two-factor-on")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await BrowserFixture.ScreenshotAsync(page, "two-factor-recovery-codes");
        await page.GetByTestId("recovery-codes-done").ClickAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await page.GotoAsync(BaseUrl + "/account/two-factor");
        await Expect(page.GetByTestId("two-factor-on")).ToContainTextAsync("Recovery codes left: 10", new() { Timeout = 5000 });

        await page.GetByTestId("two-factor-sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));

        await SubmitSignInAsync(page, "manager@northwind.test");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login/two-factor"));
        await page.Locator("#code").FillAsync("000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000");
        await page.GetByTestId("verify-code").ClickAsync();
        await Expect(page.GetByTestId("two-factor-error")).ToContainTextAsync("did not work");

        await page.Locator("#code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByTestId("verify-code").ClickAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(page.GetByTestId("user-menu")).ToBeVisibleAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task A_workspace_that_requires_two_factor_keeps_a_rep_on_set_up_until_it_is_on()
    {
        var admin = await Browser.NewPageAsync();
        await admin.GotoAsync(BaseUrl + "/account/login");
        await SubmitSignInAsync(admin, "admin@northwind.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(admin);
        await admin.GotoAsync(BaseUrl + "/admin");
        await ShellBrowserTests.WaitForLiveCircuitAsync(admin);
        var requirement = admin.GetByLabel("Require two-factor sign-in for everyone in this workspace");
        await requirement.CheckAsync();
        await Expect(requirement).ToBeCheckedAsync();

        // Opened by its address after sign-in: the rep lands on set-up, and in-app navigation brings them back.
        var rep = await Browser.NewPageAsync();
        await rep.GotoAsync(BaseUrl + "/account/login");
        await SubmitSignInAsync(rep, "rep@northwind.test");
        await Expect(rep).ToHaveURLAsync(new Regex("/account/two-factor\\?required=1$"));
        await Expect(rep.GetByTestId("two-factor-required")).ToContainTextAsync("requires two-factor sign-in");
        await rep.GetByTestId("back-to-app").ClickAsync();
        await Expect(rep).ToHaveURLAsync(new Regex("/account/two-factor\\?required=1$"));
        await rep.GotoAsync(BaseUrl + "/accounts");
        await Expect(rep).ToHaveURLAsync(new Regex("/account/two-factor\\?required=1$"));

        var key = (await rep.GetByTestId("shared-key").InnerTextAsync()).Trim();
        await rep.Locator("input[data-testid=verify-code-input], [data-testid=verify-code-input] input").First.FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await rep.GetByTestId("enable-two-factor").ClickAsync();
        await Expect(rep.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await rep.GetByTestId("recovery-codes-done").ClickAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(rep);
        await Expect(rep).Not.ToHaveURLAsync(new Regex("/account/"));
        await rep.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        await Expect(rep).ToHaveURLAsync(new Regex("/accounts$"));
        await Expect(rep.GetByTestId("accounts-grid")).ToContainTextAsync("Acme Outdoor Supply");
    }

    [Fact]
    public async Task The_two_factor_page_opened_by_its_address_keeps_the_session_and_its_key()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/account/login");
        await SubmitSignInAsync(page, "rep@northwind.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await page.GotoAsync(BaseUrl + "/account/two-factor");
        var key = (await page.GetByTestId("shared-key").InnerTextAsync()).Trim();
        await page.ReloadAsync();
        await Expect(page.GetByTestId("shared-key")).ToHaveTextAsync(key);
        await page.GetByTestId("back-to-app").ClickAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(page.GetByTestId("user-menu")).ToBeVisibleAsync();
    }
}
