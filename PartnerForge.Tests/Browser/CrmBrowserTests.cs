using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnerForge.Domain.Crm;
using PartnerForge.Domain.Accounts;
using PartnerForge.Tests.Infrastructure.Crm;
using PartnerForge.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerForge.Tests.Browser;

/// <summary>
/// A workspace admin connects HubSpot in Chromium against the HubSpot fake on loopback (the real OAuth redirects with
/// PKCE), chooses "PartnerForge wins" for an account field, runs a sync with a 429 storm and watches it on the page,
/// then finds the CRM's accounts, people and deals in PartnerForge, sees a tier change land in HubSpot's record and a
/// field edited on both sides resolved as chosen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrmBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string Lumen = "18365723103";
    private HubSpotFake _hubSpot = null!;
    private SalesforceFake _salesforce = null!;

    public override async Task InitializeAsync()
    {
        _hubSpot = await HubSpotFake.StartAsync();
        App.Settings["Crm:HubSpot:AuthorizeUrl"] = _hubSpot.BaseUrl + "/oauth/authorize";
        App.Settings["Crm:HubSpot:TokenUrl"] = _hubSpot.BaseUrl + "/oauth/v1/token";
        App.Settings["Crm:HubSpot:ApiBaseUrl"] = _hubSpot.BaseUrl;
        App.Settings["Crm:HubSpot:ClientId"] = HubSpotFake.ClientId;
        App.Settings["Crm:HubSpot:ClientSecret"] = HubSpotFake.ClientSecret;
        App.Settings["Crm:HubSpot:RateLimitBackoff"] = "00:00:00.250";
        _salesforce = await SalesforceFake.StartAsync();
        App.Settings["Crm:Salesforce:LoginUrl"] = _salesforce.BaseUrl;
        App.Settings["Crm:Salesforce:ClientId"] = SalesforceFake.ClientId;
        App.Settings["Crm:Salesforce:ClientSecret"] = SalesforceFake.ClientSecret;
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _hubSpot.DisposeAsync();
        await _salesforce.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_connects_hubspot_maps_a_policy_syncs_with_live_progress_and_both_ways_land()
    {
        var page = await SignedInPageAsync("admin@northwind.test", "/admin/crm");
        await Expect(page.GetByTestId("crm-empty")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "crm/01-no-crm-yet");

        // Connect: our link → HubSpot's consent (the fake approves at once) → our callback → the new connection's page.
        await page.GetByTestId("connect-hubspot").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/admin/crm/[0-9a-f-]{36}\?connected=1$"));
        await Expect(page.GetByTestId("crm-connected")).ToBeVisibleAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        var connection = await App.QueryAsync(db => db.CrmConnections.IgnoreQueryFilters().SingleAsync());
        connection.AccountName.Should().Contain(HubSpotFake.HubDomain.Split('.')[0]);

        // The field map: account industry keeps PartnerForge's value when both sides changed.
        var industry = page.GetByTestId($"policy-{CrmObjectKind.Company}-{CrmFields.Industry}");
        await industry.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "PartnerForge wins", Exact = true }).ClickAsync();
        await page.GetByTestId("save-field-map").ClickAsync();
        await Expect(page.GetByText("Field map saved.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "crm/02-field-map");
        (await App.QueryAsync(db => db.CrmFieldMappings.IgnoreQueryFilters().SingleAsync(m => m.ConnectionId == connection.Id && m.ObjectKind == CrmObjectKind.Company && m.OurField == CrmFields.Industry)))
            .Policy.Should().Be(ConflictPolicy.PartnerForgeWins);

        // Sync now, with HubSpot answering 429 to a run of calls: the card shows progress, then the finished run.
        _hubSpot.AddCompanies(1200);
        _hubSpot.StartRateLimitStorm(12);
        await page.GotoAsync(BaseUrl + "/admin/crm");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await page.GetByTestId("crm-sync-now").ClickAsync();
        await Expect(page.GetByTestId("crm-progress")).ToContainTextAsync(new Regex(@"[1-9][\d,]* records so far"), new() { Timeout = 15_000 });
        await BrowserFixture.ScreenshotAsync(page, "crm/03-sync-progress");
        await Expect(page.GetByTestId("crm-last-run")).ToContainTextAsync("Done", new() { Timeout = 90_000 });
        await Expect(page.GetByTestId("crm-health")).ToHaveTextAsync("Healthy");
        _hubSpot.RateLimitedAnswers.Should().Be(12, "the storm was met and waited out");
        (await App.QueryAsync(db => db.Companies.IgnoreQueryFilters().CountAsync(c => c.Domain.StartsWith("bulk"))))
            .Should().Be(1200, "no record was lost to the storm");

        // What came in: accounts, people and deals, found where reps look for them.
        await page.GotoAsync(BaseUrl + "/accounts?q=Lumen");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Lumen Analytics GmbH" })).ToBeVisibleAsync();
        await page.GotoAsync(BaseUrl + "/contacts?q=Whitfield");
        await Expect(page.GetByText("Dana Whitfield").First).ToBeVisibleAsync();
        await page.GotoAsync(BaseUrl + "/pipeline/deals");
        await Expect(page.GetByText("Lumen Analytics - Platform renewal").First).ToBeVisibleAsync();

        // Both sides: our tier change goes to HubSpot; industry edited on both sides keeps ours; the log says what happened.
        var lumen = await App.QueryAsync(db => db.CrmLinks.IgnoreQueryFilters().Where(l => l.CrmId == Lumen && l.ObjectKind == CrmObjectKind.Company).Select(l => l.RecordId).SingleAsync());
        await App.QueryAsync(async db =>
        {
            var company = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Id == lumen);
            company.SetScores(91, 40, 91, DateTime.UtcNow);
            company.SetTier(AccountTier.A, DateTime.UtcNow);
            company.SetFirmographics("Analytics (ours)", company.Country, company.EmployeeBand, company.RevenueBand, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        _hubSpot.Edit("companies", Lumen, new Dictionary<string, string?> { ["industry"] = "MARKETING_AND_ADVERTISING" });
        await page.GotoAsync(BaseUrl + $"/admin/crm/{connection.Id}?tab=log");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(page.GetByTestId("crm-run")).ToHaveCountAsync(1);
        await page.GetByTestId("log-sync-now").ClickAsync();
        await Expect(page.GetByTestId("crm-run")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("crm-run").First).ToContainTextAsync("Done", new() { Timeout = 60_000 });
        _hubSpot.Property("companies", Lumen, "partnerforge_tier").Should().Be("A");
        (await App.QueryAsync(db => db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Id == lumen))).Industry.Should().Be("Analytics (ours)");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sent to the CRM" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("outcome=pushed"));

        await Expect(page.GetByTestId("crm-record")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("crm-record")).ToContainTextAsync("Lumen Analytics GmbH");
        await BrowserFixture.ScreenshotAsync(page, "crm/04-sync-log");
    }

    [Fact]
    public async Task An_admin_connects_salesforce_beside_hubspot_and_its_sync_brings_opportunities_and_takes_our_tier()
    {
        var page = await SignedInPageAsync("admin@northwind.test", "/admin/crm");
        await page.GetByTestId("connect-hubspot").ClickAsync();
        await Expect(page.GetByTestId("crm-connected")).ToBeVisibleAsync();
        await page.GotoAsync(BaseUrl + "/admin/crm");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await page.GetByTestId("connect-salesforce").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/admin/crm/[0-9a-f-]{36}\?connected=1$"));
        await Expect(page.GetByTestId("crm-connected")).ToContainTextAsync("Salesforce is connected");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "From the Salesforce account into PartnerForge" })).ToBeVisibleAsync();

        await page.GotoAsync(BaseUrl + "/admin/crm");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Expect(page.GetByTestId("crm-salesforce")).ToContainTextAsync(SalesforceFake.OrgName);
        await page.GetByTestId("crm-salesforce").GetByTestId("crm-sync-now").ClickAsync();
        await Expect(page.GetByTestId("crm-salesforce").GetByTestId("crm-last-run")).ToContainTextAsync("Done", new() { Timeout = 60_000 });
        await BrowserFixture.ScreenshotAsync(page, "crm/05-both-connected");

        await page.GotoAsync(BaseUrl + "/pipeline/deals");
        await Expect(page.GetByText("Lumen Analytics - Platform licence").First).ToBeVisibleAsync();
        // Lumen came in from Salesforce unscored; once scored A here, the next sync writes the tier into its account.
        var lumenId = await App.QueryAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Domain == "lumen-analytics.example").Select(c => c.Id).SingleAsync());
        await App.QueryAsync(async db =>
        {
            var company = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Id == lumenId);
            company.SetScores(88, 30, 88, DateTime.UtcNow);
            company.SetTier(AccountTier.A, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        await page.GotoAsync(BaseUrl + "/admin/crm");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        var card = page.GetByTestId("crm-salesforce");
        await Expect(card.GetByTestId("crm-sync-now")).ToBeEnabledAsync();
        await card.GetByTestId("crm-sync-now").ClickAsync();
        await Expect(card.GetByTestId("crm-last-run")).ToContainTextAsync("1 sent to Salesforce", new() { Timeout = 60_000 });
        _salesforce.Field("Account", "001Hs00001TqA02IAF", "PartnerForge_Tier__c").Should().Be("A");
    }
}
