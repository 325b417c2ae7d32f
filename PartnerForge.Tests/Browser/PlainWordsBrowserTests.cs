using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Domain.Changes;
using PartnerForge.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerForge.Tests.Browser;

/// <summary>
/// After a real enrichment, changes in every module's path convention, an owner change and the alerts they raise, the
/// pages a rep and an admin read — the change timeline, a change's page, the alert centre, the audit log and the account's history —
/// show no GUID, enum number, fact path or internal file path, in the text a person sees.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PlainWordsBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Timeline_alerts_audit_and_history_read_in_plain_words()
    {
        var (tenant, rep, manager, acme) = await App.QueryAsync(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test");
            var boss = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "manager@northwind.test");
            var company = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Name == "Acme Outdoor Supply");
            return (user.TenantId, user.Id, boss.Id, company.Id);
        });

        await EnrichAsync(tenant, acme);
        await using (var scope = Scope(tenant, manager))
        {
            var bulk = scope.ServiceProvider.GetRequiredService<AccountBulkActions>();
            await bulk.AssignOwnerAsync(AccountSelection.Of([acme]), manager);
            await bulk.AssignOwnerAsync(AccountSelection.Of([acme]), rep);
        }

        // Two versions of the modules whose paths carry names, keys and codes (the rep's default rules alert on some).
        foreach (var (module, before, after) in Versions())
        {
            await RecordAsync(tenant, acme, module, ChangeDetectionTests.Snapshot(before));
            await RecordAsync(tenant, acme, module, ChangeDetectionTests.Snapshot(after));
        }

        var repPage = await SignedInPageAsync("rep@northwind.test", "/changes");
        await Expect(repPage.Locator("main")).ToContainTextAsync("Ada Lovelace");
        await AssertPlainAsync(repPage, "timeline");

        await repPage.GetByRole(AriaRole.Link, new() { Name = "compare versions" }).First.ClickAsync();
        await Expect(repPage).ToHaveURLAsync(new Regex("/changes/[0-9a-f-]+$"));
        await Expect(repPage.Locator("main")).ToContainTextAsync("Acme Outdoor Supply");
        await AssertPlainAsync(repPage, "change page");

        await repPage.GotoAsync(BaseUrl + "/alerts");
        await Expect(repPage.Locator("main")).ToContainTextAsync("Acme Outdoor Supply");
        await AssertPlainAsync(repPage, "alert centre");

        await repPage.GotoAsync(BaseUrl + $"/accounts/{acme}?tab=history");
        await Expect(repPage.Locator("main")).ToContainTextAsync("owner");
        await AssertPlainAsync(repPage, "account history");

        var adminPage = await SignedInPageAsync("admin@northwind.test", "/admin/audit");
        await Expect(adminPage.Locator("main")).ToContainTextAsync("Acme Outdoor Supply");
        await AssertPlainAsync(adminPage, "audit log");
    }

    private static IEnumerable<(string Module, (string, string)[] Before, (string, string)[] After)> Versions() =>
    [
        (ModuleCatalog.Executives,
            [("executive[Grace Hopper]", "Chief Technology Officer")],
            [("executive[Ada Lovelace]", "Chief Executive Officer"), ("executive[Grace Hopper]", "Chief Operating Officer")]),
        (ModuleCatalog.BuyingCommittee,
            [("committee[Grace Hopper].role", "technical_buyer")],
            [("committee[Grace Hopper].role", "economic_buyer")]),
        (ModuleCatalog.Hiring,
            [("hiring.department[Engineering]", "3")],
            [("hiring.department[Engineering]", "8")]),
        (ModuleCatalog.Triggers,
            [("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse")],
            [("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse"), ("trigger.funding[2026-11-20]", "Raises $30M Series B")]),
    ];

    private static async Task AssertPlainAsync(IPage page, string what)
    {
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        var text = await page.Locator("main").InnerTextAsync();
        text.Length.Should().BeGreaterThan(100, $"the {what} shows entries");
        GuidText().Matches(text).Select(m => m.Value).Should().BeEmpty($"the {what} names things, not ids");
        FactPath().Matches(text).Select(m => m.Value).Should().BeEmpty($"the {what} puts fact paths into words");
        EnumNumber().Matches(text).Select(m => m.Value).Should().BeEmpty($"the {what} names enum values");
        InternalPath().Matches(text).Select(m => m.Value).Should().BeEmpty($"the {what} shows no file or type names");
        text.Should().NotContain("technical_buyer").And.NotContain("economic_buyer");
    }

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidText();

    /// <summary>tech[X], executive[X].title, hiring.department[X], trigger.funding[…] and the like.</summary>
    [GeneratedRegex(@"\b[a-z_]+(\.[a-z_]+)*\[[^\]\n]+\](\.[a-z_]+)?")]
    private static partial Regex FactPath();

    /// <summary>"Tier: — → 2", "Stage 3", "State = 1": an enum shown as its number.</summary>
    [GeneratedRegex(@"\b(Tier|Stage|State|Status|Kind|Role|Outcome)\b\W{0,4}(—\s*→\s*)?\d\b")]
    private static partial Regex EnumNumber();

    [GeneratedRegex(@"/work/|App_Data|\b\w+\.(cs|dll|razor)\b|PartnerForge\.(Domain|Infrastructure|Web)")]
    private static partial Regex InternalPath();
}
