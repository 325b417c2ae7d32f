using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerForge.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerForge.Tests.Browser;

/// <summary>
/// The Content-Security-Policy in Chromium: the pages work under it (the live circuit, MudBlazor, our script modules)
/// and the browser reports no violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_pages_run_under_the_policy_without_a_violation()
    {
        var page = await Browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                violations.Add(m.Text);
            }
        };

        await page.GotoAsync(BaseUrl + "/account/login");
        await SubmitSignInAsync(page, "admin@northwind.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        foreach (var path in new[] { "/accounts", "/pipeline", "/changes", "/alerts", "/admin/audit", "/admin/api-keys" })
        {
            await page.GotoAsync(BaseUrl + path);
            await ShellBrowserTests.WaitForLiveCircuitAsync(page);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
        }

        // A one-time secret selects itself on click (a script module, not an inline handler).
        await page.Locator("#key-name").FillAsync("CSP check");
        await page.Locator("#key-name").PressAsync("Enter");
        var secret = page.GetByTestId("secret-value");
        await Expect(secret).ToHaveValueAsync(new Regex("^pf_"));
        await secret.ClickAsync();
        var selected = 0;
        for (var i = 0; i < 30 && selected <= 10; i++)
        {
            await Task.Delay(i == 0 ? 0 : 100);
            selected = await secret.EvaluateAsync<int>("e => e.selectionEnd - e.selectionStart");
        }

        selected.Should().BeGreaterThan(10, "the whole key is selected, ready to copy");

        // The theme switch (a script module) still works.
        await page.GetByTestId("theme-toggle").Locator("button").ClickAsync();
        await Expect(page.Locator(".pf-layout[data-theme='dark']")).ToHaveCountAsync(1);

        violations.Should().BeEmpty();
    }
}
