using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Crm;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Crm;

namespace PartnerForge.Tests.Infrastructure.Crm;

public sealed class SalesforceSyncTests : IAsyncLifetime
{
    private const string Acme = "001Hs00001TqA01IAF";
    private const string Lumen = "001Hs00001TqA02IAF";
    private const string Quill = "001Hs00001TqA03IAF";
    private const string Pinecrest = "001Hs00001TqA04IAF";
    private const string Tidewater = "001Hs00001TqA05IAF";
    private const string Solace = "001Hs00001TqA06IAF";
    private const string Jonas = "003Hs00000C1keLIAR";
    private const string Maya = "003Hs00000C2cHeIAR";

    private CrmFixture _f = null!;
    private Guid _connection;
    private int _callsToConnect;

    public async Task InitializeAsync()
    {
        _f = await CrmFixture.StartAsync();
        _f.Salesforce.MaxBatchSize = 50; // pages of 50: more pages from fewer records
        _connection = await _f.ConnectAsync(provider: CrmProvider.Salesforce);
        _callsToConnect = _f.Salesforce.ApiCalls;
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task An_initial_sync_follows_next_records_urls_through_accounts_contacts_and_opportunities_and_maps_owners()
    {
        _f.Salesforce.AddAccounts(250);
        var run = await _f.SyncAsync(_connection);

        run.Kind.Should().Be(SyncRunKind.Initial);
        run.State.Should().Be(SyncRunState.Succeeded, run.Error);
        _f.Salesforce.Requests.Should().ContainSingle(r => r.StartsWith("GET /services/data/v61.0/query SELECT", StringComparison.Ordinal) && r.EndsWith("FROM Account ORDER BY Id", StringComparison.Ordinal));
        _f.Salesforce.Requests.Count(r => r.StartsWith("GET /services/data/v61.0/query/01g", StringComparison.Ordinal)).Should().Be(5, "257 accounts in pages of 50");
        _f.Salesforce.Requests.Should().Contain("GET /services/data/v61.0/query SELECT Id, Email, Name FROM User WHERE IsActive = true");
        _f.Salesforce.Requests.Should().Contain(r => r.StartsWith("GET /services/data/v61.0/queryAll SELECT Id, MasterRecordId, SystemModstamp FROM Contact WHERE IsDeleted = true", StringComparison.Ordinal));
        var companies = await _f.DbAsync(db => db.Companies.Where(c => c.Domain.EndsWith(".example")).ToListAsync());
        companies.Should().HaveCount(255, "5 recorded accounts with a new website and 250 more; the one without a website is skipped");
        var lumen = companies.Single(c => c.Domain == "lumen-analytics.example");
        (lumen.Name, lumen.Industry, lumen.Country).Should().Be(("Lumen Analytics GmbH", "Technology", "DE"));
        (await _f.OurIdAsync(_connection, CrmObjectKind.Company, Acme)).Should().Be(await _f.DbAsync(db => db.Companies.Where(c => c.Domain == "acme-outdoor.test").Select(c => c.Id).SingleAsync()),
            "the demo account with that domain was matched, not duplicated");

        var records = await _f.RecordsAsync(run.Id);
        records.Should().Contain(r => r.CrmId == "001Hs00001TqA07IAF" && r.Outcome == SyncOutcome.Skipped && r.Error!.Contains("no web domain"));
        records.Should().Contain(r => r.CrmId == "003Hs00000C6vOgIAR" && r.Outcome == SyncOutcome.Skipped, "a contact with no account has nowhere to go");
        var jonas = await _f.DbAsync(db => db.Contacts.SingleAsync(c => c.Email == "jonas.keller@lumen-analytics.example"));
        (jonas.FullName, jonas.Title, jonas.CompanyId).Should().Be(("Jonas Keller", "CTO", lumen.Id));
        var rep = await _f.DbAsync(db => db.Users.SingleAsync(u => u.Email == "rep@northwind.test"));
        jonas.OwnerId.Should().Be(rep.Id, "Salesforce user 005Hs00000A1rEpIAB is rep@northwind.test");

        var deals = await _f.DbAsync(db => db.Deals.Where(d => db.CrmLinks.Any(l => l.ObjectKind == CrmObjectKind.Deal && l.RecordId == d.Id)).ToListAsync());
        deals.Should().HaveCount(4, "the opportunity of the account without a website is skipped");
        var stages = await _f.DbAsync(db => db.Stages.ToDictionaryAsync(s => s.Id));
        var quill = deals.Single(d => d.Title.StartsWith("Quill", StringComparison.Ordinal));
        stages[quill.StageId].Kind.Should().Be(StageKind.Won);
        quill.Amount.Should().Be(12500.50m);
        quill.ExpectedCloseDate.Should().Be(new DateTime(2026, 11, 30));
        stages[deals.Single(d => d.Title.StartsWith("Solace", StringComparison.Ordinal)).StageId].Kind.Should().Be(StageKind.Lost);
        deals.Single(d => d.Title.StartsWith("Pinecrest", StringComparison.Ordinal)).OwnerId.Should().Be(_f.Admin, "an owner who is no user here falls back to the admin who connected");
        deals.Single(d => d.Title.StartsWith("Lumen", StringComparison.Ordinal)).OwnerId.Should().Be(rep.Id);

        run.ApiCalls.Should().Be(_f.Salesforce.ApiCalls - _callsToConnect);
    }

    [Fact]
    public async Task An_incremental_sync_asks_for_what_changed_since_by_system_modstamp_with_far_fewer_calls()
    {
        _f.Salesforce.AddAccounts(1000);
        var initial = await _f.SyncAsync(_connection);
        initial.State.Should().Be(SyncRunState.Succeeded, initial.Error);
        var before = _f.Salesforce.ApiCalls;
        _f.Salesforce.Requests.Clear();

        _f.Salesforce.Edit("Account", Lumen, new Dictionary<string, JsonNode?> { ["Name"] = "Lumen Analytics SE" });
        _f.Salesforce.Edit("Contact", Jonas, new Dictionary<string, JsonNode?> { ["Title"] = "Chief Technology Officer" });
        var incremental = await _f.SyncAsync(_connection);

        incremental.Kind.Should().Be(SyncRunKind.Incremental);
        incremental.State.Should().Be(SyncRunState.Succeeded, incremental.Error);
        (_f.Salesforce.ApiCalls - before).Should().Be(incremental.ApiCalls);
        incremental.ApiCalls.Should().BeLessThan(initial.ApiCalls / 3);
        _f.Salesforce.Requests.Should().ContainSingle(r => r.Contains("FROM Account WHERE SystemModstamp >= ", StringComparison.Ordinal) && r.EndsWith("ORDER BY SystemModstamp, Id", StringComparison.Ordinal));
        _f.Salesforce.Requests.Should().NotContain(r => r.EndsWith("FROM Account ORDER BY Id", StringComparison.Ordinal));
        var pulled = (await _f.RecordsAsync(incremental.Id)).Where(r => r.Direction == SyncDirection.Pull).ToList();
        pulled.Should().HaveCount(2);
        pulled.Should().Contain(r => r.CrmId == Lumen && r.Outcome == SyncOutcome.Updated);
        pulled.Should().Contain(r => r.CrmId == Jonas && r.Outcome == SyncOutcome.Updated);
        (await _f.DbAsync(db => db.Companies.SingleAsync(c => c.Domain == "lumen-analytics.example"))).Name.Should().Be("Lumen Analytics SE");
        (await _f.DbAsync(db => db.Contacts.SingleAsync(c => c.Email == "jonas.keller@lumen-analytics.example"))).Title.Should().Be("Chief Technology Officer");
    }

    [Fact]
    public async Task A_tier_change_is_pushed_into_the_salesforce_account_through_the_composite_api_once()
    {
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        var lumen = (await _f.OurIdAsync(_connection, CrmObjectKind.Company, Lumen))!.Value;
        await SetTierAsync(lumen, AccountTier.A, 91);

        var push = await _f.SyncAsync(_connection);
        push.State.Should().Be(SyncRunState.Succeeded, push.Error);
        _f.Salesforce.Field("Account", Lumen, "PartnerForge_Tier__c").Should().Be("A");
        _f.Salesforce.Field("Account", Lumen, "PartnerForge_Fit_Score__c").Should().Be("91");
        _f.Salesforce.Field("Account", Lumen, "PartnerForge_Brief_Url__c").Should().Be($"https://forge.example.com/accounts/{lumen}");
        _f.Salesforce.Requests.Should().Contain("PATCH /services/data/v61.0/composite/sobjects");
        (await _f.RecordsAsync(push.Id, SyncOutcome.Pushed)).Should().Contain(r => r.RecordId == lumen);

        var again = await _f.SyncAsync(_connection);
        (await _f.RecordsAsync(again.Id, SyncOutcome.Pushed)).Should().NotContain(r => r.RecordId == lumen, "nothing changed since the last push");
    }

    [Fact]
    public async Task A_validation_rule_refuses_one_account_alone_and_the_retry_sends_it_again()
    {
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        var ours = new List<Guid>();
        foreach (var (crmId, tier) in new[] { (Quill, AccountTier.A), (Lumen, AccountTier.D), (Pinecrest, AccountTier.B) })
        {
            var id = (await _f.OurIdAsync(_connection, CrmObjectKind.Company, crmId))!.Value;
            ours.Add(id);
            await SetTierAsync(id, tier, 50);
        }

        _f.Salesforce.AccountValidationRule = v => SfRecord.Text(v.GetValueOrDefault("PartnerForge_Tier__c")) == "D" ? "Tier D accounts need a sales manager's sign-off." : null;
        var run = await _f.SyncAsync(_connection);
        run.State.Should().Be(SyncRunState.PartlyFailed);
        run.Failed.Should().Be(1);
        run.Pushed.Should().Be(2);
        var failed = (await _f.RecordsAsync(run.Id, SyncOutcome.Failed)).Should().ContainSingle().Subject;
        (failed.RecordId, failed.CrmId, failed.Direction).Should().Be((ours[1], Lumen, SyncDirection.Push));
        failed.Error.Should().Contain("Tier D accounts need a sales manager's sign-off.").And.Contain("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        _f.Salesforce.Field("Account", Quill, "PartnerForge_Tier__c").Should().Be("A");
        _f.Salesforce.Field("Account", Pinecrest, "PartnerForge_Tier__c").Should().Be("B");
        _f.Salesforce.Field("Account", Lumen, "PartnerForge_Tier__c").Should().BeNull();

        _f.Salesforce.AccountValidationRule = null;
        var retry = await _f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().RetryFailedAsync(run.Id));
        retry.Succeeded.Should().BeTrue(retry.Describe());
        var retried = await _f.FinishedAsync(_connection, retry.Value);
        retried.State.Should().Be(SyncRunState.Succeeded, retried.Error);
        retried.Pushed.Should().Be(1);
        _f.Salesforce.Field("Account", Lumen, "PartnerForge_Tier__c").Should().Be("D");
    }

    [Fact]
    public async Task An_expired_session_is_renewed_once_and_the_refresh_token_is_kept()
    {
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        var refresh = _f.Salesforce.LastRefreshToken!;
        _f.Salesforce.ExpireSessions();
        _f.Salesforce.Edit("Account", Solace, new Dictionary<string, JsonNode?> { ["Name"] = "Solace Insurance plc" });
        var run = await _f.SyncAsync(_connection);
        run.State.Should().Be(SyncRunState.Succeeded, run.Error);
        _f.Salesforce.TokenRefreshes.Should().Be(1);
        (await _f.DbAsync(db => db.Companies.SingleAsync(c => c.Domain == "solace-insurance.example"))).Name.Should().Be("Solace Insurance plc");

        _f.Salesforce.ExpireSessions();
        var next = await _f.SyncAsync(_connection);
        next.State.Should().Be(SyncRunState.Succeeded, "the refresh token Salesforce gave at connect still works: " + next.Error);
        _f.Salesforce.TokenRefreshes.Should().Be(2);
        _f.Salesforce.KnowsRefreshToken(refresh).Should().BeTrue();

        _f.Salesforce.ExpireSessions();
        _f.Salesforce.RevokeAllRefreshTokens();
        var stopped = await _f.SyncAsync(_connection);
        stopped.State.Should().Be(SyncRunState.Failed);
        stopped.Error.Should().Contain("connect it again");
    }

    [Fact]
    public async Task The_daily_api_limit_stops_the_sync_with_a_plain_message_before_going_over()
    {
        _f.Salesforce.AddAccounts(500);
        _f.Salesforce.ApiUsage = 15_000 - 1000 - 10; // ten calls left before the 1,000 kept for the org's other tools
        var run = await _f.SyncAsync(_connection);

        run.State.Should().Be(SyncRunState.Failed);
        run.Error.Should().Contain("Salesforce's daily API limit is nearly used up: 14,000 of 15,000 calls used today");
        _f.Salesforce.ApiUsage.Should().Be(14_000, "the sync stopped before going below the reserve");
        run.ApiCalls.Should().Be(10);
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().ListAsync())).Single().Health.Should().Be(CrmHealth.LastSyncFailed);

        _f.Salesforce.ApiUsage = _f.Salesforce.DailyLimit; // used up by another tool: Salesforce refuses with 403 REQUEST_LIMIT_EXCEEDED
        var refused = await _f.SyncAsync(_connection);
        refused.State.Should().Be(SyncRunState.Failed);
        refused.Error.Should().Contain("Salesforce refused more API calls today").And.Contain("15,000 of 15,000");
        refused.ApiCalls.Should().Be(1);
    }

    [Fact]
    public async Task A_delete_and_a_merge_in_salesforce_are_applied_once()
    {
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        var maya = await _f.DbAsync(db => db.Contacts.SingleAsync(c => c.Email == "maya.chen@quill-publishing.example"));
        var pinecrest = (await _f.OurIdAsync(_connection, CrmObjectKind.Company, Pinecrest))!.Value;
        _f.Salesforce.Delete("Contact", Maya);
        _f.Salesforce.Delete("Account", Pinecrest);
        _f.Salesforce.Merge("Account", Quill, Tidewater);

        var run = await _f.SyncAsync(_connection);
        run.State.Should().Be(SyncRunState.Succeeded, run.Error);
        var records = await _f.RecordsAsync(run.Id);
        records.Should().Contain(r => r.CrmId == Maya && r.Outcome == SyncOutcome.Deleted);
        (await _f.DbAsync(db => db.Contacts.AnyAsync(c => c.Id == maya.Id))).Should().BeFalse("the CRM is the system of record for contacts");
        records.Should().Contain(r => r.CrmId == Pinecrest && r.Outcome == SyncOutcome.Deleted);
        (await _f.DbAsync(db => db.Companies.AnyAsync(c => c.Id == pinecrest))).Should().BeTrue("an account keeps its intelligence");
        records.Should().Contain(r => r.CrmId == Tidewater && r.Outcome == SyncOutcome.Merged && r.Error!.Contains(Quill));
        (await _f.DbAsync(db => db.CrmLinks.SingleAsync(l => l.CrmId == Tidewater))).Archived.Should().BeTrue("Quill, the survivor, is linked already");
        (run.Deleted, run.Merged).Should().Be((2, 1));

        var next = await _f.SyncAsync(_connection);
        (await _f.RecordsAsync(next.Id)).Should().NotContain(r => r.Outcome == SyncOutcome.Deleted || r.Outcome == SyncOutcome.Merged, "a delete or merge is applied once");
    }

    [Fact]
    public async Task A_merge_into_an_account_we_do_not_hold_moves_the_link_to_the_survivor()
    {
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        var tidewater = (await _f.OurIdAsync(_connection, CrmObjectKind.Company, Tidewater))!.Value;
        var survivor = _f.Salesforce.Create("Account", new Dictionary<string, JsonNode?> { ["Name"] = "Tidewater Foods Group" }); // no website: not pulled on its own
        _f.Salesforce.Merge("Account", survivor, Tidewater);

        var run = await _f.SyncAsync(_connection);
        run.State.Should().Be(SyncRunState.Succeeded, run.Error);
        (await _f.OurIdAsync(_connection, CrmObjectKind.Company, survivor)).Should().Be(tidewater);
        (await _f.RecordsAsync(run.Id)).Should().Contain(r => r.CrmId == Tidewater && r.Outcome == SyncOutcome.Merged);

        _f.Salesforce.Edit("Account", survivor, new Dictionary<string, JsonNode?> { ["Website"] = "https://tidewater-foods.example", ["Industry"] = "Food Production" });
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        (await _f.DbAsync(db => db.Companies.SingleAsync(c => c.Id == tidewater))).Name.Should().Be("Tidewater Foods Group", "the survivor now syncs into our account");
    }

    [Fact]
    public async Task Another_workspace_sees_nothing_of_this_salesforce_connection()
    {
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().ListAsync(), otherTenant: true)).Should().BeEmpty();
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().StartSyncAsync(_connection), otherTenant: true)).Kind.Should().Be(ErrorKind.NotFound);
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().RunsAsync(_connection), otherTenant: true)).Should().BeEmpty();
        (await _f.DbAsync(db => db.CrmLinks.CountAsync(), otherTenant: true)).Should().Be(0);
        (await _f.DbAsync(db => db.Companies.AnyAsync(c => c.Domain == "lumen-analytics.example"), otherTenant: true)).Should().BeFalse();

        var theirs = await _f.ConnectAsync(otherTenant: true, provider: CrmProvider.Salesforce);
        theirs.Should().NotBe(_connection, "the same org connected from another workspace is that workspace's own connection");
        (await _f.DbAsync(db => db.CrmConnections.CountAsync())).Should().Be(1);
    }

    private Task<int> SetTierAsync(Guid company, AccountTier tier, int fit) =>
        _f.DbAsync(async db =>
        {
            var c = await db.Companies.SingleAsync(x => x.Id == company);
            c.SetScores(fit, 40, fit, DateTime.UtcNow);
            c.SetTier(tier, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
}
