using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Changes;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Tests.Domain.Changes;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Changes;

/// <summary>The recorder over a real SQLite database with the demo workspace.</summary>
public sealed class SnapshotRecorderTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _northwind;
    private Guid _globex;
    private Guid _acme;
    private Guid _harbor;
    private Guid _rep;
    private Guid _manager;
    private Guid _globexRep;

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
            _harbor = companies.Single(c => c.Name == "Harbor Freight Partners").Id;
            var users = await db.Users.IgnoreQueryFilters().ToListAsync();
            _rep = users.Single(u => u.Email == "rep@northwind.test").Id;
            _manager = users.Single(u => u.Email == "manager@northwind.test").Id;
            _globexRep = users.Single(u => u.Email == "rep@globex.test").Id;
            return 0;
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<SnapshotRecordResult> RecordAsync(Guid tenant, Guid company, string module, string json)
    {
        await using var scope = _host.Scope(tenant);
        return await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(company, module, Guid.NewGuid(), json, 1);
    }

    private async Task AddRuleAsync(Guid tenant, Guid user, Action<AlertRule> configure)
    {
        await using var scope = _host.Scope(tenant, user);
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForge.Infrastructure.Persistence.PartnerForgeDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var rule = new AlertRule("test rule", user, user, null);
        configure(rule);
        db.AlertRules.Add(rule);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task An_identical_snapshot_is_not_stored_again_only_confirmed()
    {
        var json = ChangeDetectionTests.Snapshot(("tech[React]", "JavaScript frameworks"));
        var first = await RecordAsync(_northwind, _acme, "M02", json);
        var again = await RecordAsync(_northwind, _acme, "M02", json);

        first.Stored.Should().BeTrue();
        again.Stored.Should().BeFalse();
        again.SnapshotId.Should().Be(first.SnapshotId);
        var (snapshots, head) = await _host.AsSystemAsync(async db => (
            await db.IntelSnapshots.IgnoreQueryFilters().CountAsync(s => s.CompanyId == _acme && s.Module == "M02"),
            await db.SnapshotHeads.IgnoreQueryFilters().SingleAsync(h => h.CompanyId == _acme && h.Module == "M02")));
        snapshots.Should().Be(1);
        head.Confirmations.Should().Be(2);
        head.SnapshotId.Should().Be(first.SnapshotId);
    }

    [Fact]
    public async Task A_different_snapshot_is_stored_linked_and_diffed_into_change_events()
    {
        var first = await RecordAsync(_northwind, _acme, "M09", ChangeDetectionTests.Snapshot(("executive[Jane Roe]", "CFO"), ("executive[John Doe]", "CEO")));
        var second = await RecordAsync(_northwind, _acme, "M09", ChangeDetectionTests.Snapshot(("executive[John Doe]", "CEO")));

        first.ChangeEventIds.Should().BeEmpty("the first snapshot is the baseline");
        second.Stored.Should().BeTrue();
        var (snapshot, changes) = await _host.AsSystemAsync(async db => (
            await db.IntelSnapshots.IgnoreQueryFilters().SingleAsync(s => s.Id == second.SnapshotId),
            await db.ChangeEvents.IgnoreQueryFilters().Where(c => c.SnapshotId == second.SnapshotId).ToListAsync()));
        snapshot.PreviousSnapshotId.Should().Be(first.SnapshotId);
        snapshot.TenantId.Should().Be(_northwind);
        changes.Should().ContainSingle().Which.Should().Match<ChangeEvent>(c =>
            c.Path == "executive[Jane Roe]" && c.Kind == ChangeKind.Removed && c.OldValue == "CFO" && c.Significance == 85
            && c.PreviousSnapshotId == first.SnapshotId && c.TenantId == _northwind);
    }

    [Fact]
    public async Task Matching_rules_create_alerts_for_their_owner_only_and_publish_them_live()
    {
        await AddRuleAsync(_northwind, _rep, r => { r.Module = "M07"; r.MinSignificance = 80; });
        await AddRuleAsync(_northwind, _manager, r => { r.Module = "M02"; });
        await AddRuleAsync(_globex, _globexRep, r => { r.MinSignificance = 0; });
        var received = new List<AlertRaised>();
        var bus = _host.Services.GetRequiredService<IEventBus>();
        using var northwind = bus.Subscribe<AlertRaised>(_northwind, e => { lock (received) { received.Add(e); } return Task.CompletedTask; });
        using var globex = bus.Subscribe<AlertRaised>(_globex, e => { lock (received) { received.Add(e); } return Task.CompletedTask; });

        await RecordAsync(_northwind, _acme, "M07", ChangeDetectionTests.Snapshot(("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse")));
        var result = await RecordAsync(_northwind, _acme, "M07", ChangeDetectionTests.Snapshot(
            ("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse"), ("trigger.funding[2026-11-20]", "Raises $30M Series B"),
            ("links.footer[careers]", "https://acme-outdoor.test/careers")));

        result.ChangeEventIds.Should().HaveCount(2);
        result.AlertIds.Should().ContainSingle("only the funding round (85) passes the rep's minimum of 80; the manager's rule is for M02");
        var alerts = await _host.AsSystemAsync(db => db.Alerts.IgnoreQueryFilters().ToListAsync());
        alerts.Should().ContainSingle().Which.Should().Match<Alert>(a => a.UserId == _rep && a.TenantId == _northwind && a.Title.Contains("Acme Outdoor Supply"));
        await WaitUntilAsync(() => { lock (received) { return received.Count >= 1; } });
        await Task.Delay(100);
        lock (received)
        {
            received.Should().ContainSingle().Which.UserId.Should().Be(_rep, "another tenant's rules never see this tenant's changes");
        }

        var metrics = _host.Services.GetRequiredService<PartnerForge.Infrastructure.Observability.MetricsSnapshot>().Read();
        metrics.AlertsRaised.Should().Be(1);
        metrics.AlertsDeliveredByChannel.Should().BeEquivalentTo(new Dictionary<string, long> { ["in_app"] = 1 });
    }

    [Fact]
    public async Task The_alert_centre_shows_and_marks_only_the_signed_in_users_alerts()
    {
        await AddRuleAsync(_northwind, _rep, r => r.MinSignificance = 0);
        await AddRuleAsync(_northwind, _manager, r => r.MinSignificance = 0);
        await AddRuleAsync(_globex, _globexRep, r => r.MinSignificance = 0);
        await RecordAsync(_northwind, _acme, "M01", ChangeDetectionTests.Snapshot(("company.industry", "Retail")));
        await RecordAsync(_northwind, _acme, "M01", ChangeDetectionTests.Snapshot(("company.industry", "Outdoor retail")));
        await RecordAsync(_globex, _harbor, "M01", ChangeDetectionTests.Snapshot(("company.industry", "Freight")));
        await RecordAsync(_globex, _harbor, "M01", ChangeDetectionTests.Snapshot(("company.industry", "Logistics")));

        await using (var rep = _host.Scope(_northwind, _rep))
        {
            var centre = rep.ServiceProvider.GetRequiredService<AlertCentre>();
            (await centre.UnreadCountAsync()).Should().Be(1);
            var list = await centre.ListAsync(false, 50);
            list.Should().ContainSingle().Which.CompanyName.Should().Be("Acme Outdoor Supply");

            // Another user's alert id is not reachable, even by id.
            var managersAlert = await _host.AsSystemAsync(db => db.Alerts.IgnoreQueryFilters().SingleAsync(a => a.UserId == _manager));
            (await centre.MarkReadAsync(managersAlert.Id, true)).Should().Be(0);
            var globexAlert = await _host.AsSystemAsync(db => db.Alerts.IgnoreQueryFilters().SingleAsync(a => a.UserId == _globexRep));
            (await centre.MarkReadAsync(globexAlert.Id, true)).Should().Be(0);
            (await centre.MarkAllReadAsync()).Should().Be(1);
            (await centre.UnreadCountAsync()).Should().Be(0);
        }

        await using (var manager = _host.Scope(_northwind, _manager))
        {
            (await manager.ServiceProvider.GetRequiredService<AlertCentre>().UnreadCountAsync()).Should().Be(1, "marking all read is per user");
        }

        await using (var globex = _host.Scope(_globex, _globexRep))
        {
            var list = await globex.ServiceProvider.GetRequiredService<AlertCentre>().ListAsync(false, 50);
            list.Should().ContainSingle().Which.CompanyName.Should().Be("Harbor Freight Partners");
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        condition().Should().BeTrue();
    }
}

/// <summary>The brief rule and the default alert rules of new users, over the demo workspace.</summary>
public sealed class BriefAndDefaultRuleTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _tenant;
    private Guid _rep;
    private Guid _repsAccount;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_tenant, _rep, _repsAccount) = await _host.AsSystemAsync(async db =>
        {
            var rep = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test");
            var account = await db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == rep.TenantId && c.OwnerId == rep.Id).Select(c => c.Id).FirstAsync();
            return (rep.TenantId, rep.Id, account);
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<SnapshotRecordResult> RecordAsync(string module, Guid runId, params (string Path, string Value)[] facts)
    {
        await using var scope = _host.Scope(_tenant);
        return await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(_repsAccount, module, runId, ChangeDetectionTests.Snapshot(facts), facts.Length);
    }

    [Fact]
    public async Task Seeded_users_start_with_the_four_default_rules_on_their_own_accounts()
    {
        var rules = await _host.AsSystemAsync(db => db.AlertRules.IgnoreQueryFilters().Where(r => r.UserId == _rep).ToListAsync());

        rules.Select(r => r.Name).Should().BeEquivalentTo(DefaultAlertRules.Tier, DefaultAlertRules.Competitor, DefaultAlertRules.Funding, DefaultAlertRules.Leadership, DefaultAlertRules.Replies);
        rules.Should().OnlyContain(r => r.OnlyMyAccounts && r.IsActive && r.TenantId == _tenant && r.CreatedBy == _rep);
    }

    [Fact]
    public async Task A_user_who_accepts_an_invitation_gets_the_default_rules()
    {
        const string token = "invitation-token-for-default-rules-0123456789";
        var invitation = new PartnerForge.Domain.Administration.Invitation(_tenant, "new.rep@northwind.test", "New Rep", PartnerForge.Domain.Tenancy.Roles.Rep,
            PartnerForge.Infrastructure.Administration.SecretTokens.Hash(token), _rep, DateTime.UtcNow);
        await _host.AsSystemAsync(async db =>
        {
            db.Invitations.Add(invitation);
            return await db.SaveChangesAsync();
        });
        await using (var scope = _host.Scope(null))
        {
            (await scope.ServiceProvider.GetRequiredService<PartnerForge.Infrastructure.Administration.InvitationAcceptance>().AcceptAsync(token, "A-good-long-passw0rd")).Should().BeEmpty();
        }

        var user = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "new.rep@northwind.test"));
        var rules = await _host.AsSystemAsync(db => db.AlertRules.IgnoreQueryFilters().Where(r => r.UserId == user.Id).ToListAsync());
        rules.Should().HaveCount(5).And.OnlyContain(r => r.TenantId == _tenant);
    }

    [Fact]
    public async Task The_default_rules_alert_the_owner_on_a_competitor_product_and_a_leadership_change()
    {
        await RecordAsync("M05", Guid.NewGuid(), ("peer[Globex]", "shares 2 technologies"));
        var competitor = await RecordAsync("M05", Guid.NewGuid(), ("peer[Globex]", "shares 2 technologies"), ("competitor_product[Algolia]", "in use"));
        await RecordAsync("M09", Guid.NewGuid(), ("executive[Ada Lovelace]", "CTO"));
        var leadership = await RecordAsync("M09", Guid.NewGuid(), ("executive[Ada Lovelace]", "CTO"), ("executive[Ben Rep]", "CFO"));

        var alerts = await _host.AsSystemAsync(db => db.Alerts.IgnoreQueryFilters()
            .Where(a => competitor.AlertIds.Concat(leadership.AlertIds).Contains(a.Id)).ToListAsync());
        alerts.Where(a => a.UserId == _rep).Select(a => a.Title).Should().Contain(t => t.EndsWith("Competitor product Algolia now in use", StringComparison.Ordinal))
            .And.Contain(t => t.EndsWith("Ben Rep joined the leadership team as CFO", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_re_worded_brief_raises_no_alert_but_one_after_its_facts_changed_does()
    {
        await using (var scope = _host.Scope(_tenant, _rep))
        {
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForge.Infrastructure.Persistence.PartnerForgeDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            db.AlertRules.Add(new AlertRule("briefs", _rep, _rep, null) { Module = "M15" });
            await db.SaveChangesAsync();
        }

        await RecordAsync("M15", Guid.NewGuid(), ("brief.section[why_now]", "Acme is hiring."));
        var reworded = await RecordAsync("M15", Guid.NewGuid(), ("brief.section[why_now]", "Acme is hiring engineers."));

        reworded.ChangeEventIds.Should().ContainSingle("the re-wording stays on the timeline");
        reworded.AlertIds.Should().BeEmpty();

        var run = Guid.NewGuid();
        await RecordAsync("M06", Guid.NewGuid(), ("hiring.open_roles", "3"));
        await RecordAsync("M06", run, ("hiring.open_roles", "9"));
        var rebuilt = await RecordAsync("M15", run, ("brief.section[why_now]", "Acme tripled its open roles."));

        rebuilt.AlertIds.Should().ContainSingle();
    }
}

/// <summary>The two-runs removal rule through the recorder, on a real database.</summary>
public sealed class TechnologyRemovalRecorderTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _tenant;
    private Guid _company;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_tenant, _company) = await _host.AsSystemAsync(async db =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Slug == "northwind");
            return (tenant.Id, await db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == tenant.Id).Select(c => c.Id).FirstAsync());
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<SnapshotRecordResult> RecordAsync(params string[] technologies)
    {
        await using var scope = _host.Scope(_tenant);
        var json = ChangeDetectionTests.Snapshot(technologies.Select(t => ($"tech[{t}]", "Search")).ToArray());
        return await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(_company, "M02", Guid.NewGuid(), json, technologies.Length);
    }

    [Fact]
    public async Task Algolia_is_removed_only_when_two_runs_in_a_row_miss_it()
    {
        await RecordAsync("React", "Algolia");
        var firstMiss = await RecordAsync("React");
        var secondMiss = await RecordAsync("React");

        firstMiss.ChangeEventIds.Should().BeEmpty();
        secondMiss.ChangeEventIds.Should().ContainSingle();
        var removal = await _host.AsSystemAsync(db => db.ChangeEvents.IgnoreQueryFilters().SingleAsync(c => c.Id == secondMiss.ChangeEventIds[0]));
        removal.Describe().Should().Be("Algolia removed");
    }

    [Fact]
    public async Task A_technology_missed_once_and_found_again_leaves_no_change_on_the_timeline()
    {
        await RecordAsync("React", "Algolia");
        await RecordAsync("React");
        await RecordAsync("React", "Algolia");

        (await _host.AsSystemAsync(db => db.ChangeEvents.IgnoreQueryFilters().CountAsync(c => c.CompanyId == _company && c.Module == "M02"))).Should().Be(0);
    }
}
