using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Domain.Changes;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>Live alerts in real Chromium: only the owner's open tabs get the toast and the badge, without reloading.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AlertsBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_new_snapshot_with_a_matching_change_toasts_and_badges_only_the_owners_open_tabs()
    {
        var (tenant, rep, acme) = await App.QueryAsync(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test");
            var company = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Name == "Acme Outdoor Supply");
            return (user.TenantId, user.Id, company.Id);
        });
        var admin = await App.QueryAsync(async db => (await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "admin@northwind.test")).Id);
        await using (var scope = Scope(tenant, rep))
        {
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForge.Infrastructure.Persistence.PartnerForgeDbContext>>().CreateDbContextAsync();
            db.AlertRules.Add(new AlertRule("Funding on my accounts", rep, rep, null) { MinSignificance = 70 });
            // The admin follows the same changes but turned in-app alerts off: counted in the badge, no toast.
            db.AlertRules.Add(new AlertRule("Funding (admin)", admin, admin, null) { MinSignificance = 70 });
            db.AlertPreferences.Add(new AlertPreference(admin) { InApp = false });
            await db.SaveChangesAsync();
        }

        // Standing in for an enrichment run until the orchestrator is wired: the baseline snapshot.
        await RecordAsync(tenant, acme, "M07", ChangeDetectionTests.Snapshot(("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse")));

        var ownerTab1 = await SignedInPageAsync("rep@northwind.test", "/alerts");
        var ownerTab2 = await ownerTab1.Context.NewPageAsync();
        await ownerTab2.GotoAsync(BaseUrl + "/");
        await ShellBrowserTests.WaitForLiveCircuitAsync(ownerTab2);
        var other = await SignedInPageAsync("manager@northwind.test", "/");
        var inAppOff = await SignedInPageAsync("admin@northwind.test", "/");
        await Expect(ownerTab1.GetByTestId("alerts-badge")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(ownerTab1, "20-alerts-empty");

        await RecordAsync(tenant, acme, "M07", ChangeDetectionTests.Snapshot(
            ("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse"), ("trigger.funding[2026-11-20]", "Raises $30M Series B")));

        foreach (var tab in new[] { ownerTab1, ownerTab2 })
        {
            await Expect(tab.Locator(".mud-snackbar")).ToContainTextAsync("Raises $30M Series B", new() { Timeout = 5000 });
            await Expect(tab.GetByTestId("alerts-badge")).ToHaveTextAsync("1");
        }

        await Expect(ownerTab1.GetByTestId("alert-item")).ToHaveCountAsync(1);
        await Expect(ownerTab1.GetByTestId("alert-item")).ToContainTextAsync("Acme Outdoor Supply");
        await BrowserFixture.ScreenshotAsync(ownerTab1, "21-alert-toast-and-centre");

        // The other user of the same tenant saw nothing.
        await Task.Delay(1000);
        await Expect(other.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Expect(other.GetByTestId("alerts-badge")).ToHaveCountAsync(0);

        // In-app off: the badge counts the admin's alert, live, but no toast appeared.
        await Expect(inAppOff.GetByTestId("alerts-badge")).ToHaveTextAsync("1");
        await Expect(inAppOff.Locator(".mud-snackbar")).ToHaveCountAsync(0);

        // Mark all read in one tab: the other tab's badge follows, live.
        await ownerTab1.GetByTestId("mark-all-read").ClickAsync();
        await Expect(ownerTab1.GetByTestId("alerts-badge")).ToHaveCountAsync(0);
        await Expect(ownerTab2.GetByTestId("alerts-badge")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(ownerTab1, "22-alerts-read");

        // The timeline shows the change (grouped by day), and the change opens both versions side by side.
        await ownerTab1.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Changes", Exact = true }).ClickAsync();
        await Expect(ownerTab1.GetByTestId("timeline-item")).ToHaveCountAsync(1);
        await Expect(ownerTab1.GetByTestId("timeline-item")).ToContainTextAsync("New funding news (2026-11-20): Raises $30M Series B");
        await BrowserFixture.ScreenshotAsync(ownerTab1, "23-changes-timeline");
        await ownerTab1.GetByRole(AriaRole.Link, new() { Name = "compare versions" }).ClickAsync();
        await Expect(ownerTab1.Locator("tr[data-status='Added']")).ToHaveCountAsync(2, new() { Timeout = 10000 });
        await Expect(ownerTab1.Locator("tr[data-status='Same']")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(ownerTab1, "24-change-comparison");
        await ownerTab1.GetByTestId("theme-toggle").Locator("button").ClickAsync();
        await BrowserFixture.ScreenshotAsync(ownerTab1, "25-change-comparison-dark");
    }

    [Fact]
    public async Task An_enrichment_run_that_changes_an_account_toasts_only_the_followers_open_page()
    {
        var (tenant, rep, acme) = await App.QueryAsync(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test");
            var company = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Domain == "acme-outdoor.test");
            return (user.TenantId, user.Id, company.Id);
        });
        await using (var scope = Scope(tenant, rep))
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForge.Infrastructure.Persistence.PartnerForgeDbContext>>().CreateDbContextAsync();
            db.AlertRules.Add(new AlertRule("Anything on Acme", rep, rep, null) { MinSignificance = 0 });
            await db.SaveChangesAsync();
        }

        // The first run over the sample site is the baseline: nothing has changed yet.
        await EnrichAsync(tenant, acme);
        var follower = await SignedInPageAsync("rep@northwind.test", "/");
        var other = await SignedInPageAsync("manager@northwind.test", "/");
        await Expect(follower.GetByTestId("alerts-badge")).ToHaveCountAsync(0);

        // The second run finds the hiring trend (M06 compares with the first run): a change, so an alert for the rep.
        // The toast shows for 8 s from the moment M06 records, while later waves still run: watch for it during the run.
        var secondRun = EnrichAsync(tenant, acme);
        await Expect(follower.Locator(".mud-snackbar").First).ToContainTextAsync("Acme Outdoor Supply", new() { Timeout = 60_000 });
        await secondRun;
        await Expect(follower.GetByTestId("alerts-badge")).ToBeVisibleAsync();
        await Task.Delay(1000);
        await Expect(other.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Expect(other.GetByTestId("alerts-badge")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(follower, "21b-alert-from-enrichment");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
