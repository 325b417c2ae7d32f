using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Changes.Retention;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Domain.Changes;
using PartnerForge.Tests.Support;
using Quartz;

namespace PartnerForge.Tests.Infrastructure.Changes;

/// <summary>Snapshot retention over a real SQLite database: what goes, what stays and why, and the record of each run.</summary>
public sealed class SnapshotRetentionJobTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _northwind;
    private Guid _globex;
    private Guid _acme;
    private Guid _globexCompany;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync(settings: new Dictionary<string, string?> { ["Changes:Retention:KeepAllDays"] = "30" });
        await _host.AsSystemAsync(async db =>
        {
            var tenants = await db.Tenants.ToDictionaryAsync(t => t.Slug, t => t.Id);
            _northwind = tenants["northwind"];
            _globex = tenants["globex"];
            _acme = (await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Name == "Acme Outdoor Supply")).Id;
            _globexCompany = (await db.Companies.IgnoreQueryFilters().FirstAsync(c => c.TenantId == _globex)).Id;
            return 0;
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Old_unreferenced_snapshots_thin_to_one_a_week_while_the_latest_and_those_changes_refer_to_stay_and_the_run_is_recorded()
    {
        var now = DateTime.UtcNow;
        // Monday 00:00 UTC, 20 weeks ago: six snapshots that week, one every 12 hours, oldest first.
        var monday = now.Date.AddDays(-(((int)now.DayOfWeek + 6) % 7)).AddDays(-140);
        var snapshots = new List<IntelSnapshot>();
        Guid? previous = null;
        await using (var scope = _host.Scope(_northwind))
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            foreach (var (at, i) in Enumerable.Range(0, 6).Select(i => (monday.AddHours(12 * i), i)).Append((now.AddDays(-1), 6)))
            {
                var snapshot = new IntelSnapshot(_acme, "M02", Guid.NewGuid(), at, ChangeDetectionTests.Snapshot(($"tech[T{i}]", "x")), 1, previous);
                db.IntelSnapshots.Add(snapshot);
                snapshots.Add(snapshot);
                previous = snapshot.Id;
            }

            db.SnapshotHeads.Add(new SnapshotHead(_acme, "M02", snapshots[^1].Id, snapshots[^1].Hash, now.AddDays(-1)));
            // A change (with an alert) was detected between snapshots 1 and 2: both must stay.
            var change = new ChangeEvent(_acme, snapshots[2].Id, snapshots[1].Id, new DetectedChange("M02", "tech[T2]", ChangeKind.Added, null, "x", 45, "technology", "T2"), monday.AddHours(24));
            db.ChangeEvents.Add(change);
            await db.SaveChangesAsync();
        }

        await using (var scope = _host.Scope(_globex))
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            db.IntelSnapshots.Add(new IntelSnapshot(_globexCompany, "M02", Guid.NewGuid(), monday, "{\"facts\":[]}", 0, null));
            db.IntelSnapshots.Add(new IntelSnapshot(_globexCompany, "M02", Guid.NewGuid(), monday.AddHours(1), "{\"facts\":[1]}", 0, null));
            await db.SaveChangesAsync();
        }

        SnapshotPruneRun run;
        await using (var scope = _host.Scope(_northwind))
        {
            run = await scope.ServiceProvider.GetRequiredService<SnapshotPruner>().RunAsync();
        }

        var left = await _host.AsSystemAsync(db => db.IntelSnapshots.IgnoreQueryFilters().Where(s => s.CompanyId == _acme).OrderBy(s => s.CapturedAtUtc).ToListAsync());
        // Week keeper = the newest of the week (5); referenced = 1 and 2; latest = 6. Pruned: 0, 3, 4.
        left.Select(s => s.Id).Should().Equal(snapshots[1].Id, snapshots[2].Id, snapshots[5].Id, snapshots[6].Id);
        left.Single(s => s.Id == snapshots[5].Id).PreviousSnapshotId.Should().Be(snapshots[2].Id, "its previous (4) and that one's previous (3) were pruned");
        left.Single(s => s.Id == snapshots[1].Id).PreviousSnapshotId.Should().BeNull("its previous (0) was the first and was pruned");

        run.Examined.Should().Be(7);
        run.Pruned.Should().Be(3);
        (run.KeptLatest, run.KeptReferenced, run.KeptWeekly, run.KeptRecent).Should().Be((1, 2, 1, 0));
        var recorded = await _host.AsSystemAsync(db => db.SnapshotPruneRuns.IgnoreQueryFilters().ToListAsync());
        recorded.Should().ContainSingle().Which.Should().Match<SnapshotPruneRun>(r => r.TenantId == _northwind && r.Pruned == 3 && r.KeepAllDays == 30);
        (await _host.AsSystemAsync(db => db.IntelSnapshots.IgnoreQueryFilters().CountAsync(s => s.TenantId == _globex))).Should().Be(2, "another tenant's snapshots are not touched");
    }

    [Fact]
    public async Task The_job_runs_every_tenant_and_is_scheduled_from_configuration()
    {
        await using (var scope = _host.Scope(_globex))
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            db.IntelSnapshots.Add(new IntelSnapshot(_globexCompany, "M02", Guid.NewGuid(), DateTime.UtcNow.AddDays(-200), "{\"facts\":[]}", 0, null));
            db.IntelSnapshots.Add(new IntelSnapshot(_globexCompany, "M02", Guid.NewGuid(), DateTime.UtcNow.AddDays(-200).AddMinutes(1), "{\"facts\":[1]}", 0, null));
            await db.SaveChangesAsync();
        }

        var scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(new TriggerKey("snapshot-retention-nightly", "changes"));
        trigger.Should().BeOfType<Quartz.Impl.Triggers.CronTriggerImpl>().Which.CronExpressionString.Should().Be(new SnapshotRetentionOptions().Cron);

        await scheduler.TriggerJob(SnapshotRetentionJob.Key);
        var runs = new List<SnapshotPruneRun>();
        for (var i = 0; i < 100 && runs.Count < 2; i++)
        {
            await Task.Delay(100);
            runs = await _host.AsSystemAsync(db => db.SnapshotPruneRuns.IgnoreQueryFilters().ToListAsync());
        }

        runs.Select(r => r.TenantId).Should().BeEquivalentTo([_northwind, _globex]);
        runs.Single(r => r.TenantId == _globex).Pruned.Should().Be(1, "the older of two snapshots in one old week, neither referenced");
    }

    [Theory]
    [InlineData("Changes:Retention:KeepAllDays", "0")]
    [InlineData("Changes:Retention:Cron", "every night")]
    [InlineData("Changes:Retention:BatchSize", "1")]
    public async Task Invalid_retention_settings_stop_the_start(string key, string value)
    {
        var start = () => InfrastructureHost.StartAsync(seedDemo: false, settings: new Dictionary<string, string?> { [key] = value });
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(key.Split(':')[^1]);
    }
}
