using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using PartnerForge.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerForge.Tests.Browser;

/// <summary>Password reset in Chromium: the form, the e-mail caught by a real SMTP server, the link, the new password.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PasswordResetBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string PublicBase = "https://forge.example.test/";
    private readonly SmtpServer _smtp = new();

    public override async Task InitializeAsync()
    {
        await _smtp.InitializeAsync();
        App.Settings["Smtp:Enabled"] = "true";
        App.Settings["Smtp:Host"] = "127.0.0.1";
        App.Settings["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.Settings["Smtp:Security"] = "None";
        App.Settings["Smtp:From"] = "alerts@partnerforge.test";
        App.Settings["Smtp:PublicBaseUrl"] = PublicBase;
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_rep_who_forgot_the_password_sets_a_new_one_from_the_emailed_link_and_signs_in_with_it()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/account/login");
        await page.GetByTestId("forgot-password").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/forgot-password$"));
        await page.GetByTestId("send-reset-link").ClickAsync();
        await Expect(page.Locator(".pf-signin-error")).ToContainTextAsync("Enter your e-mail address.");
        await page.Locator("#email").FillAsync("rep@northwind.test");
        await page.GetByTestId("send-reset-link").ClickAsync();
        await Expect(page.GetByTestId("reset-sent")).ToContainTextAsync("If an account uses that address");
        await BrowserFixture.ScreenshotAsync(page, "password-reset-sent");

        var link = await EmailedLinkAsync();
        link.Should().StartWith(PublicBase + "account/reset-password?user=");
        await page.GotoAsync(BaseUrl + "/" + link[PublicBase.Length..]);
        await page.Locator("#password").FillAsync("Spring-Forge-2027");
        await page.Locator("#confirm").FillAsync("Spring-Forge-2028");
        await page.GetByTestId("reset-password").ClickAsync();
        await Expect(page.Locator(".pf-signin-error")).ToContainTextAsync("The two passwords are not the same.");

        await page.Locator("#password").FillAsync("Spring-Forge-2027");
        await page.Locator("#confirm").FillAsync("Spring-Forge-2027");
        await BrowserFixture.ScreenshotAsync(page, "password-reset-form");
        await page.GetByTestId("reset-password").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?passwordReset=1$"));
        await Expect(page.GetByTestId("password-was-reset")).ToBeVisibleAsync();

        await SubmitSignInAsync(page, "rep@northwind.test");
        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await SubmitSignInAsync(page, "rep@northwind.test", "Spring-Forge-2027");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(page.GetByTestId("user-menu")).ToBeVisibleAsync();

        // The link worked once.
        await page.GotoAsync(BaseUrl + "/" + link[PublicBase.Length..]);
        await page.Locator("#password").FillAsync("Summer-Forge-2027");
        await page.Locator("#confirm").FillAsync("Summer-Forge-2027");
        await page.GetByTestId("reset-password").ClickAsync();
        await Expect(page.GetByTestId("reset-error")).ToContainTextAsync("expired or was already used");
    }

    private async Task<string> EmailedLinkAsync()
    {
        for (var i = 0; i < 100 && _smtp.Messages().Count == 0; i++)
        {
            await Task.Delay(100);
        }

        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(_smtp.Messages().Should().ContainSingle().Subject)));
        message.To.Mailboxes.Single().Address.Should().Be("rep@northwind.test");
        return Regex.Match(message.TextBody ?? string.Empty, @"https://\S+").Value;
    }
}
