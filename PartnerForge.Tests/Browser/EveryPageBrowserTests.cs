using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Crm;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Outreach;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Domain.Changes;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>
/// Every page of the app, at 1440 px and 390 px, in the light and the dark palette (chosen by the system preference,
/// with no saved choice): axe-core finds no accessibility problem of any impact (critical, serious, moderate or minor;
/// all its rules, none turned off), nothing makes the page wider than the window, and a screenshot of each lands in
/// artifacts/screenshots/pages/ for people to look at. The findings of a run, if any, are also listed in
/// artifacts/screenshots/pages/axe-*.txt. A recorded change and its alert give the timeline, the change page, the
/// comparison and the alert centre content (links, chips, old and new values) to check in both palettes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryPageBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Theory]
    [InlineData(1440, "light")]
    [InlineData(1440, "dark")]
    [InlineData(390, "light")]
    [InlineData(390, "dark")]
    public async Task Every_page_passes_axe_and_fits_the_window(int width, string theme)
    {
        await RecordAChangeAndItsAlertAsync();
        var page = await Browser.NewPageAsync(width, theme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        var problems = new List<string>();
        var tag = $"{width}-{theme}";

        await page.GotoAsync(BaseUrl + "/account/login");
        await CheckAsync(page, "login", tag, problems);
        await SubmitSignInAsync(page, "platform@partnerforge.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);

        // The two-factor set-up is a server-rendered card like sign-in (no live circuit to wait for).
        await page.GotoAsync(BaseUrl + "/account/two-factor");
        await CheckAsync(page, "two-factor", tag, problems);

        foreach (var (name, path) in await PagesAsync())
        {
            await page.GotoAsync(BaseUrl + path);
            await ShellBrowserTests.WaitForLiveCircuitAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await CheckAsync(page, name, tag, problems);
        }

        await File.WriteAllLinesAsync(Path.Combine(BrowserFixture.ScreenshotDirectory, "pages", $"axe-{tag}.txt"), problems);
        problems.Should().BeEmpty(string.Join(Environment.NewLine, problems));
    }

    /// <summary>Acme's news gains a funding round (a change), and the platform admin's rule turns it into an alert.</summary>
    private async Task RecordAChangeAndItsAlertAsync()
    {
        var (tenant, user, acme) = await App.QueryAsync(async db =>
        {
            var platform = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "platform@partnerforge.test");
            var company = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Name == "Acme Outdoor Supply");
            return (company.TenantId, platform.Id, company.Id);
        });
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant, user, "test");
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync())
        {
            db.AlertRules.Add(new AlertRule("Anything on my accounts", user, user, null) { MinSignificance = 0 });
            if (!await db.CrmConnections.AnyAsync())
            {
                // A HubSpot connection as the OAuth callback leaves it (tokens are opaque here: no sync runs in this test).
                var crm = new CrmConnection(CrmProvider.HubSpot, "4417221", "northwind-demo.hubspot.com", user, DateTime.UtcNow);
                crm.Authorise("protected-access", "protected-refresh", DateTime.UtcNow.AddMinutes(30), user, DateTime.UtcNow);
                db.CrmConnections.Add(crm);
                db.CrmFieldMappings.AddRange(CrmFields.HubSpotDefaults.Select(d => new CrmFieldMapping(crm.Id, d.Kind, d.Direction, d.OurField, d.CrmProperty, d.Policy)));
            }

            await db.SaveChangesAsync();
        }

        var sequences = scope.ServiceProvider.GetRequiredService<SequenceService>();
        if ((await sequences.ListAsync()).Count == 0)
        {
            await sequences.CreateAsync(new SequenceInput("Warehouse openers", new TimeOnly(8, 0), new TimeOnly(17, 0),
            [
                new StepInput(StepKind.Email, Subject: "{{first_name | Hello}}, a question about {{account_name}}", Body: "Hi {{first_name | there}},\n\nSaw the news about {{trigger | your growth}}."),
                new StepInput(StepKind.Wait, WaitDays: 3),
                new StepInput(StepKind.Task, StepCondition.IfNotReplied, Task: TaskKind.Call, Note: "Call about the new warehouse"),
            ]), user);
            var dana = await scope.ServiceProvider.GetRequiredService<PartnerForge.Infrastructure.Contacts.ContactService>().CreateAsync(acme,
                new PartnerForge.Domain.Contacts.ContactInput("Dana Reyes", "VP Operations", "dana@acme-outdoor.test", "+1 303 555 0100", "America/Denver",
                    PartnerForge.Domain.Playbook.CommitteeRole.Champion, PartnerForge.Domain.Contacts.LawfulBasis.LegitimateInterest, null), user);
            var openers = (await sequences.ListAsync()).Single().Id;
            await scope.ServiceProvider.GetRequiredService<EnrolmentService>().EnrolAsync(openers, [dana.Value], user);
        }

        var recorder = scope.ServiceProvider.GetRequiredService<SnapshotRecorder>();
        await recorder.RecordAsync(acme, "M07", Guid.NewGuid(), ChangeDetectionTests.Snapshot(("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse")), 1);
        await recorder.RecordAsync(acme, "M07", Guid.NewGuid(), ChangeDetectionTests.Snapshot(
            ("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse"), ("trigger.funding[2026-11-20]", "Raises $30M Series B")), 1);
    }

    private async Task<IReadOnlyList<(string Name, string Path)>> PagesAsync()
    {
        var acme = await App.QueryAsync(db => db.Companies.IgnoreQueryFilters().FirstAsync(c => c.Name == "Acme Outdoor Supply"));
        var account = acme.Id;
        var (invoice, change) = await App.QueryAsync(async db => (
            await db.Invoices.IgnoreQueryFilters().Where(i => i.TenantId == acme.TenantId).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(),
            await db.ChangeEvents.IgnoreQueryFilters().Where(c => c.TenantId == acme.TenantId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync()));
        var pages = new List<(string, string)>
        {
            ("dashboard", "/"),
            ("accounts", "/accounts"),
            ("account", $"/accounts/{account}"),
            ("account-intelligence", $"/accounts/{account}?tab=intelligence"),
            ("account-contacts", $"/accounts/{account}?tab=contacts"),
            ("account-deals", $"/accounts/{account}/deals"),
            ("import", "/accounts/import"),
            ("pipeline", "/pipeline"),
            ("pipeline-deals", "/pipeline/deals"),
            ("pipeline-accounts", "/pipeline/accounts"),
            ("pipeline-alerts", "/pipeline/alerts"),
            ("contacts", "/contacts"),
            ("sequences", "/sequences"),
            ("sequence-new", "/sequences/new"),
            ("outreach-tasks", "/sequences/tasks"),
            ("admin-outreach", "/admin/outreach"),
            ("admin-crm", "/admin/crm"),
            ("changes", "/changes"),
            ("compare", $"/changes/compare/{account}"),
            ("alerts", "/alerts"),
            ("alert-settings", "/alerts/settings"),
            ("enrichment-runs", "/enrichment/runs"),
            ("enrich-account", $"/enrichment/accounts/{account}"),
            ("admin", "/admin"),
            ("admin-teams", "/admin/teams"),
            ("admin-icp", "/admin/icp"),
            ("admin-pipeline", "/admin/pipeline"),
            ("admin-budgets", "/admin/budgets"),
            ("admin-usage", "/admin/usage"),
            ("admin-invoices", "/admin/invoices"),
            ("admin-api-keys", "/admin/api-keys"),
            ("admin-audit", "/admin/audit"),
            ("playbook-evidence", "/admin/playbook/evidence"),
            ("playbook-evidence-new", "/admin/playbook/evidence/new"),
            ("playbook-competitors", "/admin/playbook/competitors"),
            ("playbook-title-rules", "/admin/playbook/title-rules"),
            ("platform-tenants", "/admin/platform/tenants"),
            ("platform-sources", "/admin/platform/sources"),
            ("platform-system", "/admin/platform/system"),
            ("platform-top-sites", "/admin/platform/top-sites"),
            ("not-found", "/no-such-page"),
        };
        if (invoice is { } invoiceId)
        {
            pages.Add(("admin-invoice", $"/admin/invoices/{invoiceId}"));
        }

        var sequence = await App.QueryAsync(db => db.Sequences.IgnoreQueryFilters().Where(q => q.TenantId == acme.TenantId).Select(q => (Guid?)q.Id).FirstOrDefaultAsync());
        if (sequence is { } sequenceId)
        {
            pages.Add(("sequence-people", $"/sequences/{sequenceId}"));
            pages.Add(("sequence-steps", $"/sequences/{sequenceId}?tab=steps"));
            pages.Add(("sequence-report", $"/sequences/{sequenceId}?tab=report"));
        }

        var crm = await App.QueryAsync(db => db.CrmConnections.IgnoreQueryFilters().Where(c => c.TenantId == acme.TenantId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync());
        if (crm is { } crmId)
        {
            pages.Add(("admin-crm-fields", $"/admin/crm/{crmId}"));
            pages.Add(("admin-crm-log", $"/admin/crm/{crmId}?tab=log"));
        }

        if (change is { } changeId)
        {
            pages.Add(("change", $"/changes/{changeId}"));
        }

        return pages;
    }

    private static async Task CheckAsync(IPage page, string name, string tag, List<string> problems)
    {
        await BrowserFixture.ScreenshotAsync(page, $"pages/{name}-{tag}", fullPage: false);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 1)
        {
            problems.Add($"{name} ({tag}): the page is {overflow} px wider than the window");
        }

        var result = await page.RunAxe();
        foreach (var violation in result.Violations)
        {
            var where = string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html.ReplaceLineEndings(" ")).Select(h => h.Length > 120 ? h[..120] : h));
            problems.Add($"{name} ({tag}): {violation.Impact} {violation.Id} — {violation.Help}: {where}");
        }
    }
}
