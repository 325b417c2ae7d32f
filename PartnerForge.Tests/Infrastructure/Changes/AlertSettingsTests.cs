using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Domain.Changes;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Changes;

/// <summary>
/// Alert rules and preferences through <see cref="AlertSettings"/>, the database account profile (owner, tier,
/// territory) the rules match on, the in-app preference gating toasts, and the timeline's owner and tier filters,
/// over a real SQLite database with the demo workspace.
/// </summary>
public sealed class AlertSettingsTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _northwind;
    private Guid _globex;
    private Guid _acme;
    private Guid _harbor;
    private Guid _rep;
    private Guid _manager;
    private Guid _admin;
    private Guid _globexManager;
    private Guid _team;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        await _host.AsSystemAsync(async db =>
        {
            var tenants = await db.Tenants.ToDictionaryAsync(t => t.Slug, t => t.Id);
            _northwind = tenants["northwind"];
            _globex = tenants["globex"];
            var companies = await db.Companies.IgnoreQueryFilters().ToListAsync();
            _acme = companies.Single(c => c.Name == "Acme Outdoor Supply").Id;
            _harbor = companies.Where(c => c.TenantId == _northwind && c.Id != _acme).OrderBy(c => c.Name).First().Id;
            var users = await db.Users.IgnoreQueryFilters().ToListAsync();
            _rep = users.Single(u => u.Email == "rep@northwind.test").Id;
            _manager = users.Single(u => u.Email == "manager@northwind.test").Id;
            _admin = users.Single(u => u.Email == "admin@northwind.test").Id;
            _globexManager = users.Single(u => u.Email == "manager@globex.test").Id;
            _team = users.Single(u => u.Email == "rep@northwind.test").TeamId!.Value;
            return 0;
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static AlertRuleInput Rule(string name = "Competitors on my accounts", int min = 40) =>
        new(name, "M02", null, ChangeKind.Added, min, "Algolia, Bloomreach", ["A", "b"], true, null);

    private async Task<T> AsUserAsync<T>(Guid tenant, Guid user, Func<AlertSettings, Task<T>> work)
    {
        await using var scope = _host.Scope(tenant, user);
        return await work(scope.ServiceProvider.GetRequiredService<AlertSettings>());
    }

    private async Task UpdateCompanyAsync(Guid company, Action<Company> change)
    {
        await using var scope = _host.Scope(_northwind);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        change(await db.Companies.SingleAsync(c => c.Id == company));
        await db.SaveChangesAsync();
    }

    private async Task<SnapshotRecordResult> RecordAsync(Guid company, string module, string json)
    {
        await using var scope = _host.Scope(_northwind);
        return await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(company, module, Guid.NewGuid(), json, 1);
    }

    private static bool IsDefault(AlertRuleRow rule) =>
        rule.Name is DefaultAlertRules.Tier or DefaultAlertRules.Competitor or DefaultAlertRules.Funding or DefaultAlertRules.Leadership or DefaultAlertRules.Replies;

    [Fact]
    public async Task A_rep_creates_edits_and_deletes_a_personal_rule_and_every_step_is_audited()
    {
        var created = await AsUserAsync(_northwind, _rep, s => s.SaveRuleAsync(null, Rule(), null));
        created.Succeeded.Should().BeTrue();
        var rules = await AsUserAsync(_northwind, _rep, s => s.RulesAsync());
        rules.Where(IsDefault).Should().HaveCount(5, "a new user starts with the default rules").And.OnlyContain(r => r.CanEdit && r.UserId == _rep);
        var row = rules.Where(r => !IsDefault(r)).Should().ContainSingle().Subject;
        row.UserId.Should().Be(_rep);
        row.CanEdit.Should().BeTrue();
        row.Values.Tiers.Should().Equal("A", "B");
        row.Values.Technologies.Should().Be("Algolia, Bloomreach");
        row.Summary.Should().Contain("module M02").And.Contain("significance ≥ 40").And.Contain("accounts I own").And.Contain("tier A/B");

        (await AsUserAsync(_northwind, _rep, s => s.SaveRuleAsync(created.Value, Rule("Renamed", 75), null))).Succeeded.Should().BeTrue();
        (await AsUserAsync(_northwind, _rep, s => s.RulesAsync())).Single(r => !IsDefault(r)).Values.MinSignificance.Should().Be(75);
        (await AsUserAsync(_northwind, _rep, s => s.DeleteRuleAsync(created.Value))).Succeeded.Should().BeTrue();
        (await AsUserAsync(_northwind, _rep, s => s.RulesAsync())).Where(r => !IsDefault(r)).Should().BeEmpty();

        var audit = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == created.Value).OrderBy(a => a.AtUtc).ToListAsync());
        audit.Select(a => a.Action).Should().Equal(PartnerForge.Domain.Auditing.AuditAction.Created, PartnerForge.Domain.Auditing.AuditAction.Updated, PartnerForge.Domain.Auditing.AuditAction.Deleted);
        audit.Should().OnlyContain(a => a.UserId == _rep && a.EntityType == nameof(AlertRule));
        audit[1].Changes.Should().Contain("Renamed");
    }

    [Fact]
    public async Task Invalid_rules_and_preferences_come_back_with_a_message_per_field_and_nothing_is_saved()
    {
        var rulesBefore = await _host.AsSystemAsync(db => db.AlertRules.IgnoreQueryFilters().CountAsync());
        var result = await AsUserAsync(_northwind, _rep, s => s.SaveRuleAsync(null,
            new AlertRuleInput("  ", "M99", null, null, 150, null, ["E"], false, Guid.NewGuid()), null));
        result.Kind.Should().Be(ErrorKind.Validation);
        result.FieldMessages().Keys.Should().BeEquivalentTo("Name", "Module", "MinSignificance", "Tiers", "TerritoryId");
        result.FieldMessages()["Tiers"].Should().Contain("'E'");

        var preferences = await AsUserAsync(_northwind, _rep, s => s.SavePreferencesAsync(new AlertPreferenceInput(true, false, DigestFrequency.Daily, 25, DayOfWeek.Monday, 22, null)));
        preferences.FieldMessages().Keys.Should().BeEquivalentTo("DigestHour", "QuietToHour");
        (await _host.AsSystemAsync(db => db.AlertRules.IgnoreQueryFilters().CountAsync())).Should().Be(rulesBefore);
        (await _host.AsSystemAsync(db => db.AlertPreferences.IgnoreQueryFilters().CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Team_rules_are_made_by_the_teams_manager_and_read_only_for_its_members_and_invisible_to_other_tenants()
    {
        (await AsUserAsync(_northwind, _rep, s => s.ManagedTeamsAsync())).Should().BeEmpty();
        var refused = await AsUserAsync(_northwind, _rep, s => s.SaveRuleAsync(null, Rule(), _team));
        refused.Kind.Should().Be(ErrorKind.Forbidden);
        refused.FormMessages()["Team"].Should().Be("Only the team's manager or an admin can make rules for a team.");

        (await AsUserAsync(_northwind, _manager, s => s.ManagedTeamsAsync())).Select(t => t.Id).Should().Equal(_team);
        var teamRule = await AsUserAsync(_northwind, _manager, s => s.SaveRuleAsync(null, Rule("Team: funding", 80), _team));
        teamRule.Succeeded.Should().BeTrue();
        (await AsUserAsync(_northwind, _admin, s => s.ManagedTeamsAsync())).Should().ContainSingle(t => t.Id == _team);

        var seenByRep = (await AsUserAsync(_northwind, _rep, s => s.RulesAsync())).Where(r => !IsDefault(r)).Should().ContainSingle().Subject;
        seenByRep.TeamId.Should().Be(_team);
        seenByRep.CanEdit.Should().BeFalse();
        (await AsUserAsync(_northwind, _rep, s => s.DeleteRuleAsync(teamRule.Value))).Message.Should().Be("That rule was already gone or is not yours to delete.");
        var hijack = await AsUserAsync(_northwind, _rep, s => s.SaveRuleAsync(teamRule.Value, Rule("hijack"), null));
        hijack.Kind.Should().Be(ErrorKind.NotFound);
        hijack.FormMessages()[string.Empty].Should().Be("That rule no longer exists or is not yours to change.", "the editor shows it above the fields");

        (await AsUserAsync(_globex, _globexManager, s => s.RulesAsync())).Where(r => !IsDefault(r)).Should().BeEmpty();
        (await AsUserAsync(_globex, _globexManager, s => s.DeleteRuleAsync(teamRule.Value))).IsNotFound.Should().BeTrue();
        (await _host.AsSystemAsync(db => db.AlertRules.IgnoreQueryFilters().CountAsync(r => r.TeamId != null))).Should().Be(1);
    }

    [Fact]
    public async Task Preferences_default_to_in_app_and_save_for_the_user_only()
    {
        (await AsUserAsync(_northwind, _rep, s => s.PreferencesAsync())).InApp.Should().BeTrue();
        var saved = await AsUserAsync(_northwind, _rep, s => s.SavePreferencesAsync(new AlertPreferenceInput(false, true, DigestFrequency.Weekly, 7, DayOfWeek.Friday, 22, 6)));
        saved.Succeeded.Should().BeTrue();
        var back = await AsUserAsync(_northwind, _rep, s => s.PreferencesAsync());
        back.Should().Be(new AlertPreferenceInput(false, true, DigestFrequency.Weekly, 7, DayOfWeek.Friday, 22, 6));
        (await AsUserAsync(_northwind, _manager, s => s.PreferencesAsync())).InApp.Should().BeTrue("the manager has their own (default) preferences");
        (await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.EntityType == nameof(AlertPreference) && a.EntityId == saved.Value))).Should().Be(1);
    }

    [Fact]
    public async Task Tier_territory_and_accounts_I_own_rules_match_on_the_accounts_data_in_the_database()
    {
        Guid emea = Guid.Empty;
        await using (var scope = _host.Scope(_northwind, _admin))
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            var territory = new Territory("A EMEA Retail", _team, ["GB", "DE"], ["Retail"]);
            db.Territories.Add(territory);
            await db.SaveChangesAsync();
            emea = territory.Id;
        }

        var now = DateTime.UtcNow;
        await UpdateCompanyAsync(_acme, c => { c.AssignOwner(_rep, now); c.SetTier(AccountTier.A, now); c.SetFirmographics("Retail", "GB", null, null, now); });
        await UpdateCompanyAsync(_harbor, c => { c.AssignOwner(_manager, now); c.SetTier(AccountTier.C, now); c.SetFirmographics("Retail", "US", null, null, now); });

        var profile = await _host.AsSystemAsync(async db =>
        {
            await using var scope = _host.Scope(_northwind);
            await using var tenantDb = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            return await scope.ServiceProvider.GetRequiredService<IAccountProfileSource>().GetAsync(tenantDb, _acme, default);
        });
        profile.Should().Be(new AccountProfile(_acme, "Acme Outdoor Supply", _rep, "A", emea));

        var input = new AlertRuleInput("Tier A in EMEA retail, mine", null, null, null, 0, null, ["A"], true, emea);
        (await AsUserAsync(_northwind, _rep, s => s.SaveRuleAsync(null, input, null))).Succeeded.Should().BeTrue();
        (await AsUserAsync(_northwind, _manager, s => s.SaveRuleAsync(null, input, null))).Succeeded.Should().BeTrue();

        foreach (var company in new[] { _acme, _harbor })
        {
            await RecordAsync(company, "M07", ChangeDetectionTests.Snapshot(("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse")));
            await RecordAsync(company, "M07", ChangeDetectionTests.Snapshot(("trigger.funding[2026-11-20]", "Raises $30M Series B")));
        }

        var alerts = await _host.AsSystemAsync(db => db.Alerts.IgnoreQueryFilters().ToListAsync());
        alerts.Should().NotBeEmpty().And.OnlyContain(a => a.UserId == _rep && a.CompanyId == _acme,
            "only Acme is tier A, owned by the rep and in the EMEA retail territory; the other account is tier C in the US, owned by the manager");
    }

    [Fact]
    public async Task A_user_who_turned_in_app_alerts_off_gets_the_alert_counted_but_no_toast()
    {
        var all = new AlertRuleInput("Everything", null, null, null, 0, null, [], false, null);
        (await AsUserAsync(_northwind, _rep, s => s.SaveRuleAsync(null, all, null))).Succeeded.Should().BeTrue();
        (await AsUserAsync(_northwind, _manager, s => s.SaveRuleAsync(null, all, null))).Succeeded.Should().BeTrue();
        (await AsUserAsync(_northwind, _rep, s => s.SavePreferencesAsync(new AlertPreferenceInput(false, false, DigestFrequency.None, 8, DayOfWeek.Monday, null, null))))
            .Succeeded.Should().BeTrue();

        var raised = new ConcurrentBag<AlertRaised>();
        using var subscription = _host.Services.GetRequiredService<IEventBus>().Subscribe<AlertRaised>(_northwind, e => { raised.Add(e); return Task.CompletedTask; });
        await RecordAsync(_acme, "M07", ChangeDetectionTests.Snapshot(("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse")));
        await RecordAsync(_acme, "M07", ChangeDetectionTests.Snapshot(("trigger.funding[2026-11-20]", "Raises $30M Series B")));

        // The bus delivers on the thread pool (fire and forget): give the four deliveries a moment to land.
        for (var waited = 0; raised.Count < 4 && waited < 5000; waited += 20)
        {
            await Task.Delay(20);
        }

        raised.Should().HaveCount(4, "two changes (one removed, one added) for two users");
        raised.Where(e => e.UserId == _rep).Should().OnlyContain(e => !e.Toast);
        raised.Where(e => e.UserId == _manager).Should().OnlyContain(e => e.Toast);
        (await _host.AsSystemAsync(db => db.Alerts.IgnoreQueryFilters().CountAsync(a => a.UserId == _rep))).Should().Be(2, "the alert centre and badge still count them");
    }

    [Fact]
    public async Task The_timeline_filters_by_the_accounts_current_owner_and_tier()
    {
        var now = DateTime.UtcNow;
        await UpdateCompanyAsync(_acme, c => { c.AssignOwner(_rep, now); c.SetTier(AccountTier.A, now); });
        await UpdateCompanyAsync(_harbor, c => { c.AssignOwner(_manager, now); c.SetTier(AccountTier.B, now); });
        foreach (var company in new[] { _acme, _harbor })
        {
            await RecordAsync(company, "M07", ChangeDetectionTests.Snapshot(("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse")));
            await RecordAsync(company, "M07", ChangeDetectionTests.Snapshot(("trigger.funding[2026-11-20]", "Raises $30M Series B")));
        }

        await using var scope = _host.Scope(_northwind, _rep);
        var timeline = scope.ServiceProvider.GetRequiredService<ChangeTimeline>();
        (await timeline.PageAsync(new TimelineFilter(), null)).Items.Select(i => i.CompanyId).Distinct().Should().BeEquivalentTo([_acme, _harbor]);
        (await timeline.PageAsync(new TimelineFilter { OwnerId = _rep }, null)).Items.Should().HaveCount(2).And.OnlyContain(i => i.CompanyId == _acme);
        (await timeline.PageAsync(new TimelineFilter { Tier = AccountTier.B }, null)).Items.Should().HaveCount(2).And.OnlyContain(i => i.CompanyId == _harbor);
        (await timeline.PageAsync(new TimelineFilter { Tier = AccountTier.B, OwnerId = _rep }, null)).Items.Should().BeEmpty();
        (await timeline.PageAsync(new TimelineFilter { Tier = AccountTier.A, MinSignificance = 80 }, null)).Items.Should().ContainSingle()
            .Which.NewValue.Should().Be("Raises $30M Series B");

        // Both query shapes (EXISTS per event on the time index, or the accounts' IN list first) give the same rows.
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        foreach (var filter in new[] { new TimelineFilter { OwnerId = _rep }, new TimelineFilter { Tier = AccountTier.B }, new TimelineFilter { OwnerId = _manager, Tier = AccountTier.A } })
        {
            var perEvent = await ChangeTimeline.Filter(db.ChangeEvents, filter, db.Companies, accountsFirst: false).Select(c => c.Id).OrderBy(id => id).ToListAsync();
            var accountsFirst = await ChangeTimeline.Filter(db.ChangeEvents, filter, db.Companies, accountsFirst: true).Select(c => c.Id).OrderBy(id => id).ToListAsync();
            accountsFirst.Should().Equal(perEvent);
        }

        (await ChangeTimeline.FewAccountsAsync(db, new TimelineFilter { OwnerId = _rep })).Should().BeFalse("the rep owns far more than 1% of the demo's accounts");
    }
}
