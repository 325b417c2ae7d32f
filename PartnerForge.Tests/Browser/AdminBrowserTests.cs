using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>The admin area in a real Chromium: invitations, a live session ended by deactivation, usage, invoices, keys, audit, platform pages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_tenant_admin_creates_a_user_whose_live_session_ends_on_deactivation_and_views_usage_and_an_invoice()
    {
        var admin = await Browser.NewPageAsync();
        await admin.GotoAsync(BaseUrl + "/admin");
        await SubmitSignInAsync(admin, "admin@northwind.test", DemoWorkspace.DefaultPassword);
        await ShellBrowserTests.WaitForLiveCircuitAsync(admin);
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Admin");

        // Invite: a bad e-mail keeps what was typed and says why; then a good one shows the one-time link.
        await admin.Locator("#invite-email").FillAsync("bea@northwind.test");
        await admin.GetByTestId("invite-submit").ClickAsync();
        await Expect(admin.GetByTestId("admin-message")).ToContainTextAsync("Enter the person's name");
        await Expect(admin.Locator("#invite-email")).ToHaveValueAsync("bea@northwind.test");
        await BrowserFixture.ScreenshotAsync(admin, "19-admin-invite-error");
        await admin.Locator("#invite-name").FillAsync("Bea Browser");
        await admin.GetByTestId("invite-role").ClickAsync();
        await admin.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Rep" }).First.ClickAsync();
        await admin.GetByTestId("invite-submit").ClickAsync();
        await Expect(admin.GetByTestId("secret-value")).ToHaveValueAsync(new Regex("/invite/[A-Za-z0-9]{40}$"));
        await Expect(admin.GetByTestId("pending-invitations")).ToContainTextAsync("Bea Browser");
        await BrowserFixture.ScreenshotAsync(admin, "20-admin-people-invited");
        var link = await admin.GetByTestId("secret-value").InputValueAsync();

        // The invitee opens the link in their own browser, sets a password and signs in.
        var bea = await Browser.NewPageAsync();
        await bea.GotoAsync(link);
        await Expect(bea.Locator("h1")).ToHaveTextAsync("Join Northwind Analytics");
        await BrowserFixture.ScreenshotAsync(bea, "21-accept-invitation");
        await bea.Locator("#password").FillAsync("Bea-Browser-2026");
        await bea.Locator("#confirm").FillAsync("Bea-Browser-2026");
        await bea.GetByTestId("accept-invitation").ClickAsync();
        await Expect(bea.GetByTestId("invite-accepted")).ToBeVisibleAsync();
        await bea.GotoAsync(BaseUrl + "/accounts");
        await SubmitSignInAsync(bea, "bea@northwind.test", "Bea-Browser-2026");
        await ShellBrowserTests.WaitForLiveCircuitAsync(bea);
        await Expect(bea.Locator("h1")).ToHaveTextAsync("Accounts");

        // The admin sees the new user and deactivates her: her open page is signed out within seconds.
        await admin.ReloadAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(admin);
        await Expect(admin.GetByTestId("admin-users")).ToContainTextAsync("Bea Browser");
        await admin.GetByTestId("deactivate-bea@northwind.test").ClickAsync();
        await Expect(admin.Locator(".mud-dialog")).ToContainTextAsync("Deactivate Bea Browser?");
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(admin.GetByTestId("admin-message")).ToContainTextAsync("Bea Browser is deactivated");
        await Expect(bea).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 10_000 });
        await Expect(bea.GetByTestId("session-ended")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(bea, "22-session-ended");
        await BrowserFixture.ScreenshotAsync(admin, "23-admin-people-deactivated");

        // Teams and territories.
        await admin.Locator(".pf-admin-tabs").GetByRole(AriaRole.Link, new() { Name = "Teams & territories" }).ClickAsync();
        await admin.Locator("#territory-name").FillAsync("UK & Ireland");
        await admin.Locator("#territory-countries").FillAsync("gb, ie");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add territory" }).ClickAsync();
        await Expect(admin.GetByTestId("territories")).ToContainTextAsync("GB, IE");
        await BrowserFixture.ScreenshotAsync(admin, "23b-admin-teams");

        // Plan and usage with the chart.
        await admin.Locator(".pf-admin-tabs").GetByRole(AriaRole.Link, new() { Name = "Plan & usage" }).ClickAsync();
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Plan & usage");
        await Expect(admin.GetByTestId("usage-plan")).ToContainTextAsync("Growth");
        await Expect(admin.GetByTestId("usage-seats")).ToContainTextAsync("of 20");
        await Expect(admin.GetByTestId("usage-chart").Locator("svg").First).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("usage-chart").Locator("svg rect, svg path").First).ToBeAttachedAsync();
        await admin.GetByTestId("usage-show").GetByText("API calls").ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/usage\\?show=api$"));
        await BrowserFixture.ScreenshotAsync(admin, "24-admin-usage");

        // Invoices: the list, then last month's invoice.
        await admin.Locator(".pf-admin-tabs").GetByRole(AriaRole.Link, new() { Name = "Invoices" }).ClickAsync();
        await Expect(admin.GetByTestId("invoices")).ToContainTextAsync("INV-");
        await BrowserFixture.ScreenshotAsync(admin, "25-admin-invoices");
        await admin.GetByTestId("invoices").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^INV-") }).ClickAsync();
        await Expect(admin.GetByTestId("invoice")).ToContainTextAsync("Growth plan");
        await Expect(admin.GetByTestId("invoice-total")).ToContainTextAsync("USD");
        await Expect(admin.GetByTestId("invoice-status")).ToContainTextAsync("Open");
        await BrowserFixture.ScreenshotAsync(admin, "26-admin-invoice");

        // API keys: created and shown once.
        await admin.Locator(".pf-admin-tabs").GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await admin.Locator("#key-name").FillAsync("CRM sync");
        await admin.GetByTestId("create-key").ClickAsync();
        await Expect(admin.GetByTestId("secret-value")).ToHaveValueAsync(new Regex("^pf_"));
        await Expect(admin.GetByTestId("api-keys")).ToContainTextAsync("CRM sync");
        await admin.GetByTestId("revoke-CRM sync").ClickAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();
        await Expect(admin.GetByTestId("api-keys")).ToContainTextAsync("Revoked");
        await BrowserFixture.ScreenshotAsync(admin, "27-admin-api-keys");

        // The audit log shows what just happened, searchable.
        await admin.Locator(".pf-admin-tabs").GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await admin.GetByTestId("audit-search").FillAsync("Bea");
        await admin.GetByTestId("audit-submit").ClickAsync();
        await Expect(admin.GetByTestId("audit-rows")).ToContainTextAsync("is active");
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/audit\\?q=Bea$"));
        await admin.ReloadAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(admin);
        await Expect(admin.GetByTestId("audit-search")).ToHaveValueAsync("Bea");
        await Expect(admin.GetByTestId("audit-rows")).ToContainTextAsync("is active");
        await BrowserFixture.ScreenshotAsync(admin, "28-admin-audit");

        // Dark theme on the usage page.
        await admin.Locator(".pf-admin-tabs").GetByRole(AriaRole.Link, new() { Name = "Plan & usage" }).ClickAsync();
        await admin.GetByTestId("theme-toggle").Locator("button").ClickAsync();
        await Expect(admin.Locator(".pf-layout[data-theme=\'dark\']")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(admin, "29-admin-usage-dark");
        await admin.Locator(".pf-admin-tabs").GetByRole(AriaRole.Link, new() { Name = "People" }).ClickAsync();
        await Expect(admin.GetByTestId("admin-users")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(admin, "30-admin-people-dark");
    }

    [Fact]
    public async Task A_platform_admin_sees_tenants_invoices_and_system_health()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/admin/platform/tenants");
        await SubmitSignInAsync(page, "platform@partnerforge.test", DemoWorkspace.DefaultPassword);
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(page.GetByTestId("tenants")).ToContainTextAsync("Globex Retail Group");

        var invoice = page.GetByTestId("all-invoices").Locator("tr", new() { HasText = "globex" });
        await invoice.GetByRole(AriaRole.Button, new() { Name = "Mark paid" }).ClickAsync();
        await Expect(page.GetByTestId("platform-message")).ToContainTextAsync("marked paid");
        await BrowserFixture.ScreenshotAsync(page, "31-platform-tenants");

        await page.Locator(".pf-admin-tabs").GetByRole(AriaRole.Link, new() { Name = "System & jobs" }).ClickAsync();
        await Expect(page.GetByTestId("system-health")).ToContainTextAsync("Running");
        await Expect(page.GetByTestId("schedules")).ToContainTextAsync("monthly-invoices");
        await Expect(page.GetByTestId("source-usage")).ToContainTextAsync("Northwind Analytics");
        await BrowserFixture.ScreenshotAsync(page, "32-platform-system");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
