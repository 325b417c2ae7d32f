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
