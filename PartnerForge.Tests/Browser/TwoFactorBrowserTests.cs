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
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        var key = (await page.GetByTestId("shared-key").InnerTextAsync()).Trim();
        key.Should().MatchRegex("^[a-z2-7]{4}( [a-z2-7]{1,4})+$");
        await Expect(page.GetByTestId("authenticator-uri")).ToContainTextAsync("otpauth://totp/PartnerForge:manager%40northwind.test?secret=");

        await page.Locator("input[data-testid=verify-code-input], [data-testid=verify-code-input] input").First.FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByTestId("enable-two-factor").ClickAsync();
        await Expect(page.GetByTestId("two-factor-on")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await BrowserFixture.ScreenshotAsync(page, "two-factor-recovery-codes");

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
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
    public async Task The_two_factor_page_opened_by_its_address_is_live()
    {
        var page = await Browser.NewPageAsync();
        var logs = new List<string>();
        page.Console += (_, m) => logs.Add(m.Type + ": " + m.Text);
        await page.GotoAsync(BaseUrl + "/account/login");
        await SubmitSignInAsync(page, "rep@northwind.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await page.GotoAsync(BaseUrl + "/account/two-factor");
        try { await ShellBrowserTests.WaitForLiveCircuitAsync(page); }
        catch (Exception) { throw new Exception(string.Join("\n", logs) + "\n" + await page.ContentAsync()); }
    }
}
