using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Crm;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Crm;
using PartnerForge.Infrastructure.Events;

namespace PartnerForge.Tests.Infrastructure.Crm;

public sealed class CrmSyncTests : IAsyncLifetime
{
    private CrmFixture _f = null!;
    private Guid _connection;

    public async Task InitializeAsync()
    {
        // Pages of 50 (HubSpot allows up to 100): more pages from fewer records.
        _f = await CrmFixture.StartAsync(new Dictionary<string, string?> { ["Crm:HubSpot:PageSize"] = "50" });
        _connection = await _f.ConnectAsync();
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task An_initial_sync_pages_through_companies_contacts_and_deals_and_maps_owners()
    {
        _f.Fake.AddCompanies(250);
        var progress = new List<CrmSyncProgressed>();
        using var subscription = _f.Host.Services.GetRequiredService<IEventBus>().Subscribe<CrmSyncProgressed>(_f.Tenant, e =>
        {
            lock (progress)
            {
                progress.Add(e);
            }

            return Task.CompletedTask;
        });
        var run = await _f.SyncAsync(_connection);

        run.Kind.Should().Be(SyncRunKind.Initial);
        run.State.Should().Be(SyncRunState.Succeeded, run.Error);
        _f.Fake.Requests.Count(r => r.StartsWith("GET /crm/v3/objects/companies?", StringComparison.Ordinal) && r.Contains("archived=false", StringComparison.Ordinal))
            .Should().Be(6, "260 companies in pages of 50");
        _f.Fake.Requests.Should().Contain(r => r.StartsWith("GET /crm/v3/objects/companies?", StringComparison.Ordinal) && r.Contains("after=", StringComparison.Ordinal));
        var companies = await _f.DbAsync(db => db.Companies.Where(c => c.Domain.EndsWith(".example")).ToListAsync());
        companies.Should().HaveCount(258, "8 recorded companies with a new domain and 250 more; the one without a domain is skipped");
        var lumen = companies.Single(c => c.Domain == "lumen-analytics.example");
        lumen.Name.Should().Be("Lumen Analytics GmbH");
        lumen.Industry.Should().Be("Computer Software");
        lumen.Country.Should().Be("DE");
        (await _f.DbAsync(db => db.Companies.CountAsync(c => c.Domain == "acme-outdoor.test"))).Should().Be(1, "the demo account with that domain was matched, not duplicated");
        (await _f.OurIdAsync(_connection, CrmObjectKind.Company, "18365723101")).Should().Be(await _f.DbAsync(db => db.Companies.Where(c => c.Domain == "acme-outdoor.test").Select(c => c.Id).SingleAsync()));

        var records = await _f.RecordsAsync(run.Id);
        records.Should().Contain(r => r.CrmId == "18365723108" && r.Outcome == SyncOutcome.Skipped && r.Error!.Contains("no web domain"));
        records.Should().Contain(r => r.CrmId == "51013" && r.Outcome == SyncOutcome.Skipped, "a contact with no company has nowhere to go");
        records.Should().Contain(r => r.CrmId == "9206" && r.Outcome == SyncOutcome.Skipped);

        var jonas = await _f.DbAsync(db => db.Contacts.SingleAsync(c => c.Email == "jonas.keller@lumen-analytics.example"));
        jonas.FullName.Should().Be("Jonas Keller");
        jonas.Title.Should().Be("CTO");
        jonas.CompanyId.Should().Be(lumen.Id);
        var rep = await _f.DbAsync(db => db.Users.SingleAsync(u => u.Email == "rep@northwind.test"));
        jonas.OwnerId.Should().Be(rep.Id, "HubSpot owner 160401 is rep@northwind.test");

        var deals = await _f.DbAsync(db => db.Deals.Where(d => db.CrmLinks.Any(l => l.ObjectKind == CrmObjectKind.Deal && l.RecordId == d.Id)).ToListAsync());
        deals.Should().HaveCount(5);
        var stages = await _f.DbAsync(db => db.Stages.ToDictionaryAsync(s => s.Id));
        var won = deals.Single(d => d.Title.StartsWith("Solace", StringComparison.Ordinal));
        stages[won.StageId].Kind.Should().Be(StageKind.Won);
        won.Currency.Should().Be("GBP");
        var quill = deals.Single(d => d.Title.StartsWith("Quill", StringComparison.Ordinal));
        quill.Amount.Should().Be(12500.50m);
        quill.ExpectedCloseDate.Should().Be(new DateTime(2027, 1, 15));
        deals.Single(d => d.Title.StartsWith("Orbit", StringComparison.Ordinal)).OwnerId.Should().Be(_f.Admin, "an owner who is no user here falls back to the admin who connected");

        run.ApiCalls.Should().Be(_f.Fake.ApiCalls);
        lock (progress)
        {
            progress.Should().Contain(p => p.Phase == "Companies" && p.Processed > 0 && p.RunId == run.Id);
            progress.Select(p => p.Processed).Should().BeInAscendingOrder();
        }
    }

    [Fact]
    public async Task An_incremental_sync_pulls_only_what_changed_with_far_fewer_calls()
    {
        _f.Fake.AddCompanies(1000);
        var initial = await _f.SyncAsync(_connection);
        initial.State.Should().Be(SyncRunState.Succeeded, initial.Error);
        var callsBefore = _f.Fake.ApiCalls;
        _f.Fake.Requests.Clear();

        _f.Fake.Edit("companies", "18365723103", new Dictionary<string, string?> { ["name"] = "Lumen Analytics SE" });
        _f.Fake.Edit("contacts", "51004", new Dictionary<string, string?> { ["jobtitle"] = "Chief Technology Officer" });
        var incremental = await _f.SyncAsync(_connection);

        incremental.Kind.Should().Be(SyncRunKind.Incremental);
        incremental.State.Should().Be(SyncRunState.Succeeded, incremental.Error);
        var calls = _f.Fake.ApiCalls - callsBefore;
        calls.Should().Be(incremental.ApiCalls);
        calls.Should().BeLessThan(initial.ApiCalls / 3);
        _f.Fake.Requests.Count(r => r == "POST /crm/v3/objects/companies/search").Should().Be(1, "one page of changes instead of 21 pages of companies");
        _f.Fake.Requests.Should().NotContain(r => r.StartsWith("GET /crm/v3/objects/companies?", StringComparison.Ordinal) && r.Contains("archived=false", StringComparison.Ordinal));
        var pulled = (await _f.RecordsAsync(incremental.Id)).Where(r => r.Direction == SyncDirection.Pull).ToList();
        pulled.Should().HaveCountLessThan(10);
        pulled.Should().Contain(r => r.CrmId == "18365723103" && r.Outcome == SyncOutcome.Updated);
        pulled.Should().Contain(r => r.CrmId == "51004" && r.Outcome == SyncOutcome.Updated);
        (await _f.DbAsync(db => db.Companies.SingleAsync(c => c.Domain == "lumen-analytics.example"))).Name.Should().Be("Lumen Analytics SE");
        (await _f.DbAsync(db => db.Contacts.SingleAsync(c => c.Email == "jonas.keller@lumen-analytics.example"))).Title.Should().Be("Chief Technology Officer");
    }

    [Fact]
    public async Task A_tier_change_in_partnerforge_is_pushed_into_the_hubspot_record_once()
    {
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        var lumen = (await _f.OurIdAsync(_connection, CrmObjectKind.Company, "18365723103"))!.Value;
        await SetTierAsync(lumen, AccountTier.A, 91);

        var push = await _f.SyncAsync(_connection);
        push.State.Should().Be(SyncRunState.Succeeded, push.Error);
        _f.Fake.Property("companies", "18365723103", "partnerforge_tier").Should().Be("A");
        _f.Fake.Property("companies", "18365723103", "partnerforge_fit_score").Should().Be("91");
        _f.Fake.Property("companies", "18365723103", "partnerforge_brief_link").Should().Be($"https://forge.example.com/accounts/{lumen}");
        _f.Fake.Requests.Should().Contain("POST /crm/v3/objects/companies/batch/update");
        (await _f.RecordsAsync(push.Id, SyncOutcome.Pushed)).Should().Contain(r => r.RecordId == lumen);

        var again = await _f.SyncAsync(_connection);
        (await _f.RecordsAsync(again.Id, SyncOutcome.Pushed)).Should().NotContain(r => r.RecordId == lumen, "nothing changed since the last push");

        await SetTierAsync(lumen, AccountTier.B, 70);
        var third = await _f.SyncAsync(_connection);
        (await _f.RecordsAsync(third.Id, SyncOutcome.Pushed)).Should().Contain(r => r.RecordId == lumen);
        _f.Fake.Property("companies", "18365723103", "partnerforge_tier").Should().Be("B");
    }

    [Fact]
    public async Task The_latest_trigger_is_pushed_as_outreach_would_name_it_and_again_when_a_newer_one_arrives()
    {
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        var lumen = (await _f.OurIdAsync(_connection, CrmObjectKind.Company, "18365723103"))!.Value;
        await SetTierAsync(lumen, AccountTier.B, 70);
        await RecordTriggersAsync(lumen, ("trigger[Expansion][2026-10-01]", "Opens a Vienna office"));
        await RecordTriggersAsync(lumen, ("trigger[Expansion][2026-10-01]", "Opens a Vienna office"), ("trigger[Funding][2026-11-20]", "Raises EUR 40M Series C"));

        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        var expected = await LatestTriggerAsync(lumen);
        expected.Should().Contain("Raises EUR 40M Series C");
        _f.Fake.Property("companies", "18365723103", "partnerforge_latest_trigger").Should().Be(expected);

        await RecordTriggersAsync(lumen, ("trigger[Expansion][2026-10-01]", "Opens a Vienna office"), ("trigger[Funding][2026-11-20]", "Raises EUR 40M Series C"),
            ("trigger[Leadership][2026-12-01]", "Names a new Chief Revenue Officer"));
        var next = await _f.SyncAsync(_connection);
        (await _f.RecordsAsync(next.Id, SyncOutcome.Pushed)).Should().Contain(r => r.RecordId == lumen, "the newer trigger changed what is pushed");
        _f.Fake.Property("companies", "18365723103", "partnerforge_latest_trigger").Should().Be(await LatestTriggerAsync(lumen)).And.Contain("Chief Revenue Officer");
    }

    private Task<int> RecordTriggersAsync(Guid company, params (string Path, string Value)[] facts) =>
        _f.AsAdminAsync(async s =>
        {
            await s.GetRequiredService<PartnerForge.Infrastructure.Changes.SnapshotRecorder>()
                .RecordAsync(company, "M07", Guid.NewGuid(), PartnerForge.Tests.Domain.Changes.ChangeDetectionTests.Snapshot(facts), 1);
            return 0;
        });

    private Task<string?> LatestTriggerAsync(Guid company) =>
        _f.AsAdminAsync(async s =>
        {
            await using var db = await s.GetRequiredService<IDbContextFactory<PartnerForge.Infrastructure.Persistence.PartnerForgeDbContext>>().CreateDbContextAsync();
            return (await s.GetRequiredService<PartnerForge.Infrastructure.Outreach.MergeValueSource>().ForCompaniesAsync(db, [company], CancellationToken.None))[company].Trigger;
        });

    [Fact]
    public async Task A_rate_limit_storm_slows_the_sync_and_loses_nothing()
    {
        _f.Fake.AddCompanies(250);
        _f.Fake.StartRateLimitStorm(8);
        var run = await _f.SyncAsync(_connection);

        run.State.Should().Be(SyncRunState.Succeeded, run.Error);
        run.Failed.Should().Be(0);
        _f.Fake.RateLimitedAnswers.Should().Be(8);
        (run.FinishedAtUtc - run.StartedAtUtc).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(8 * 50), "each 429 waited the back-off");
        (await _f.DbAsync(db => db.Companies.CountAsync(c => c.Domain.EndsWith(".example")))).Should().Be(258);
        (await _f.DbAsync(db => db.CrmLinks.CountAsync(l => l.ObjectKind == CrmObjectKind.Contact))).Should().Be(11, "every contact at a company with a domain");
        (await _f.DbAsync(db => db.CrmLinks.CountAsync(l => l.ObjectKind == CrmObjectKind.Deal))).Should().Be(5);
        run.ApiCalls.Should().Be(_f.Fake.ApiCalls, "every retried request is counted");
    }

    [Fact]
    public async Task A_field_validation_error_fails_that_record_alone_and_a_retry_sends_it_again()
    {
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        var ids = new[] { "18365723102", "18365723103", "18365723105" };
        var ours = new List<Guid>();
        foreach (var (crmId, tier) in ids.Zip(new[] { AccountTier.A, AccountTier.D, AccountTier.B }))
        {
            var id = (await _f.OurIdAsync(_connection, CrmObjectKind.Company, crmId))!.Value;
            ours.Add(id);
            await SetTierAsync(id, tier, 50);
        }

        _f.Fake.TierOptions.Remove("D");
        var run = await _f.SyncAsync(_connection);
        run.State.Should().Be(SyncRunState.PartlyFailed);
        run.Failed.Should().Be(1);
        var failed = (await _f.RecordsAsync(run.Id, SyncOutcome.Failed)).Should().ContainSingle().Subject;
        failed.RecordId.Should().Be(ours[1]);
        failed.Direction.Should().Be(SyncDirection.Push);
        failed.Error.Should().Contain("D was not one of the allowed options");
        _f.Fake.Property("companies", "18365723102", "partnerforge_tier").Should().Be("A");
        _f.Fake.Property("companies", "18365723105", "partnerforge_tier").Should().Be("B");
        _f.Fake.Property("companies", "18365723103", "partnerforge_tier").Should().BeNull();
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().ListAsync())).Single().Health.Should().Be(CrmHealth.SomeRecordsFailed);

        _f.Fake.TierOptions.Add("D");
        var retry = await _f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().RetryFailedAsync(run.Id));
        retry.Succeeded.Should().BeTrue(retry.Describe());
        var retried = await _f.FinishedAsync(_connection, retry.Value);
        retried.Kind.Should().Be(SyncRunKind.Retry);
        retried.State.Should().Be(SyncRunState.Succeeded, retried.Error);
        retried.Pushed.Should().Be(1);
        _f.Fake.Property("companies", "18365723103", "partnerforge_tier").Should().Be("D");
    }

    [Fact]
    public async Task An_expired_token_is_renewed_once_and_the_call_goes_on()
    {
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        _f.Fake.ExpireAccessTokens();
        _f.Fake.Edit("companies", "18365723106", new Dictionary<string, string?> { ["name"] = "Solace Insurance plc" });
        var run = await _f.SyncAsync(_connection);
        run.State.Should().Be(SyncRunState.Succeeded, run.Error);
        _f.Fake.TokenRefreshes.Should().Be(1);
        (await _f.DbAsync(db => db.Companies.SingleAsync(c => c.Domain == "solace-insurance.example"))).Name.Should().Be("Solace Insurance plc");

        _f.Fake.ExpireAccessTokens();
        _f.Fake.RevokeAllRefreshTokens();
        var stopped = await _f.SyncAsync(_connection);
        stopped.State.Should().Be(SyncRunState.Failed);
        stopped.Error.Should().Contain("connect it again");
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().ListAsync())).Single().Health.Should().Be(CrmHealth.NeedsReconnect);
    }

    [Fact]
    public async Task Deletes_and_merges_in_hubspot_are_applied()
    {
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        var maya = await _f.DbAsync(db => db.Contacts.SingleAsync(c => c.Email == "maya.chen@quill-publishing.example"));
        var pinecrest = (await _f.OurIdAsync(_connection, CrmObjectKind.Company, "18365723105"))!.Value;
        _f.Fake.Archive("contacts", "51003");
        _f.Fake.Archive("companies", "18365723105");
        _f.Fake.Merge("companies", "18365723102", "18365723109");

        var run = await _f.SyncAsync(_connection);
        run.State.Should().Be(SyncRunState.Succeeded, run.Error);
        var records = await _f.RecordsAsync(run.Id);
        records.Should().Contain(r => r.CrmId == "51003" && r.Outcome == SyncOutcome.Deleted);
        (await _f.DbAsync(db => db.Contacts.AnyAsync(c => c.Id == maya.Id))).Should().BeFalse("the CRM is the system of record for contacts");
        records.Should().Contain(r => r.CrmId == "18365723105" && r.Outcome == SyncOutcome.Deleted);
        (await _f.DbAsync(db => db.Companies.AnyAsync(c => c.Id == pinecrest))).Should().BeTrue("an account keeps its intelligence");
        records.Should().Contain(r => r.CrmId == "18365723109" && r.Outcome == SyncOutcome.Merged);
        var merged = await _f.DbAsync(db => db.CrmLinks.SingleAsync(l => l.CrmId == "18365723109"));
        merged.Archived.Should().BeTrue();
        run.Deleted.Should().Be(2);
        run.Merged.Should().Be(1);

        var next = await _f.SyncAsync(_connection);
        (await _f.RecordsAsync(next.Id)).Should().NotContain(r => r.Outcome == SyncOutcome.Deleted || r.Outcome == SyncOutcome.Merged, "a delete or merge is applied once");
    }

    [Fact]
    public async Task A_merge_into_a_record_we_do_not_hold_yet_moves_the_link()
    {
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        var tidewater = (await _f.OurIdAsync(_connection, CrmObjectKind.Company, "18365723109"))!.Value;
        var survivor = _f.Fake.Create("companies", new Dictionary<string, string?> { ["name"] = "Tidewater Foods Group", ["domain"] = "tidewater-foods.example" });
        _f.Fake.Merge("companies", survivor, "18365723109");

        var run = await _f.SyncAsync(_connection);
        run.State.Should().Be(SyncRunState.Succeeded, run.Error);
        (await _f.OurIdAsync(_connection, CrmObjectKind.Company, survivor)).Should().Be(tidewater);
        (await _f.DbAsync(db => db.Companies.SingleAsync(c => c.Id == tidewater))).Name.Should().Be("Tidewater Foods Group");
        (await _f.DbAsync(db => db.Companies.CountAsync(c => c.Domain == "tidewater-foods.example"))).Should().Be(1);
    }

    [Fact]
    public async Task Another_workspace_sees_none_of_the_connection_its_runs_or_links()
    {
        var run = await _f.SyncAsync(_connection);
        var theirs = await _f.ConnectAsync(otherTenant: true);
        theirs.Should().NotBe(_connection, "each workspace has its own connection, even to the same portal");

        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().ListAsync(), otherTenant: true)).Should().ContainSingle(c => c.Id == theirs);
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().StartSyncAsync(_connection), otherTenant: true)).Kind.Should().Be(ErrorKind.NotFound);
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().RunsAsync(_connection), otherTenant: true)).Should().BeEmpty();
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().RecordsAsync(run.Id), otherTenant: true)).Should().BeEmpty();
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().RetryFailedAsync(run.Id), otherTenant: true)).Kind.Should().Be(ErrorKind.NotFound);
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().RevokeAsync(_connection), otherTenant: true)).Kind.Should().Be(ErrorKind.NotFound);
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().FieldMapAsync(_connection), otherTenant: true)).Should().BeEmpty();
        (await _f.DbAsync(db => db.CrmLinks.CountAsync(), otherTenant: true)).Should().Be(0);

        var theirRun = await _f.SyncAsync(theirs, otherTenant: true);
        theirRun.State.Should().Be(SyncRunState.Succeeded, theirRun.Error);
        (await _f.DbAsync(db => db.Companies.CountAsync(c => c.Domain == "lumen-analytics.example"), otherTenant: true)).Should().Be(1);
        (await _f.DbAsync(db => db.Companies.CountAsync(c => c.Domain == "lumen-analytics.example"))).Should().Be(1, "each workspace got its own account");
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().RunsAsync(_connection))).Should().ContainSingle();
    }

    [Fact]
    public async Task Each_conflict_policy_resolves_a_field_edited_on_both_sides_as_chosen()
    {
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        var lumen = (await _f.OurIdAsync(_connection, CrmObjectKind.Company, "18365723103"))!.Value;
        var map = await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().FieldMapAsync(_connection));
        var changed = map.Select(m => m.Kind == CrmObjectKind.Company && m.OurField == CrmFields.Country ? m with { Policy = ConflictPolicy.PartnerForgeWins } : m).ToList();
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().SaveFieldMapAsync(_connection, changed))).Succeeded.Should().BeTrue();

        // Ours first, the CRM's later: name (CRM wins), industry (newest wins: the CRM), country (PartnerForge wins).
        await EditOursAsync(lumen, "Lumen (our name)", "Analytics (ours)", "AT");
        await Task.Delay(50);
        _f.Fake.Edit("companies", "18365723103", new Dictionary<string, string?>
        {
            ["name"] = "Lumen Analytics AG", ["industry"] = "INFORMATION_TECHNOLOGY_AND_SERVICES", ["country"] = "Switzerland",
        });
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        var company = await _f.DbAsync(db => db.Companies.SingleAsync(c => c.Id == lumen));
        company.Name.Should().Be("Lumen Analytics AG");
        company.Industry.Should().Be("Information Technology And Services");
        company.Country.Should().Be("AT");

        // The CRM's first, ours later: name (CRM wins all the same), industry (newest wins: ours).
        _f.Fake.Edit("companies", "18365723103", new Dictionary<string, string?> { ["name"] = "Lumen Analytics Holding", ["industry"] = "MARKETING_AND_ADVERTISING" });
        await Task.Delay(50);
        await EditOursAsync(lumen, "Lumen (ours again)", "Data platforms (ours, newer)", "AT");
        (await _f.SyncAsync(_connection)).State.Should().Be(SyncRunState.Succeeded);
        company = await _f.DbAsync(db => db.Companies.SingleAsync(c => c.Id == lumen));
        company.Name.Should().Be("Lumen Analytics Holding");
        company.Industry.Should().Be("Data platforms (ours, newer)");
        company.Country.Should().Be("AT");
    }

    [Fact]
    public async Task A_field_map_with_an_unknown_field_or_a_bad_property_name_is_refused_per_row()
    {
        var rows = new List<CrmFieldMapRow>
        {
            new(CrmObjectKind.Company, SyncDirection.Pull, CrmFields.Name, "name", ConflictPolicy.CrmWins),
            new(CrmObjectKind.Company, SyncDirection.Pull, "Revenue", "annualrevenue", ConflictPolicy.CrmWins),
            new(CrmObjectKind.Company, SyncDirection.Push, CrmFields.Tier, "partnerforge tier!", ConflictPolicy.PartnerForgeWins),
        };
        var saved = await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().SaveFieldMapAsync(_connection, rows));
        saved.Kind.Should().Be(ErrorKind.Validation);
        saved.Errors.Keys.Should().BeEquivalentTo(["1.OurField", "2.CrmProperty"]);
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().FieldMapAsync(_connection))).Should().HaveCount(CrmFields.HubSpotDefaults.Count, "nothing was saved");
    }

    private Task<Result<Guid>> EditOursAsync(Guid company, string name, string industry, string country) =>
        _f.AsAdminAsync(async s =>
        {
            var c = await _f.DbAsync(db => db.Companies.SingleAsync(x => x.Id == company));
            var saved = await s.GetRequiredService<AccountEditor>().UpdateAsync(company, new CompanyProfileInput(name, c.Domain, industry, country, c.EmployeeBand, c.RevenueBand, null), c.OwnerId);
            saved.Succeeded.Should().BeTrue(saved.Describe());
            return saved;
        });

    private Task<int> SetTierAsync(Guid company, AccountTier tier, int fit) =>
        _f.DbAsync(async db =>
        {
            var c = await db.Companies.SingleAsync(x => x.Id == company);
            c.SetScores(fit, 40, fit, DateTime.UtcNow);
            c.SetTier(tier, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
}
