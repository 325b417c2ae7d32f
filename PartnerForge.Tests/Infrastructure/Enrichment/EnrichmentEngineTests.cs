using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Enrichment;

/// <summary>Budgets, tenant isolation of runs and events, the Quartz jobs, and resuming an interrupted run.</summary>
public sealed class EnrichmentEngineTests(SampleSitesFixture sites) : EnrichmentTestBase(sites), IClassFixture<SampleSitesFixture>
{
    [Fact]
    public async Task A_budget_of_N_calls_stops_call_N_plus_1_and_the_module_is_budget_exceeded()
    {
        await using (var scope = Host.Scope(Globex))
        {
            await scope.ServiceProvider.GetRequiredService<BudgetGuard>().SetBudgetAsync("sec-edgar", maxCalls: 2, maxCostMicros: null);
        }

        // Ironclad is listed: ticker map (1), submissions (2), company facts would be call 3.
        var ironclad = await CompanyAsync(Globex, "ironclad-security.test");
        await RunAsync(Globex, ironclad);
        var panel = await PanelAsync(Globex, ironclad);
        panel["M04"].Outcome.Should().Be(ModuleOutcome.BudgetExceeded);
        panel["M04"].Reason.Should().Contain("budget of 2 sec-edgar calls");
        panel["M01"].Outcome.Should().Be(ModuleOutcome.Ok, "other modules are not affected");
        var usage = await Host.AsSystemAsync(db => db.ApiUsages.IgnoreQueryFilters().Where(u => u.TenantId == Globex && u.Source == "sec-edgar").ToListAsync());
        usage.Should().HaveCount(2);
        usage.Select(u => u.Url).Should().NotContain(u => u!.Contains("companyfacts"), "call 3 was never made");

        await using var read = Host.Scope(Globex);
        var use = (await read.ServiceProvider.GetRequiredService<BudgetGuard>().UsageThisMonthAsync()).Single(u => u.Source == "sec-edgar");
        use.Calls.Should().Be(2);
        use.MaxCalls.Should().Be(2);
        use.Share.Should().Be(1);

        // Northwind has no budget: the same company enriches fully there.
        var northwindIronclad = await CompanyAsync(Northwind, "ironclad-security.test", "Ironclad Security");
        await RunAsync(Northwind, northwindIronclad);
        (await PanelAsync(Northwind, northwindIronclad))["M04"].Outcome.Should().Be(ModuleOutcome.Ok);
    }

    [Fact]
    public async Task Runs_statuses_and_events_stay_in_their_tenant()
    {
        var northwindEvents = new ConcurrentBag<ModuleStateChanged>();
        var globexEvents = new ConcurrentBag<ModuleStateChanged>();
        var bus = Host.Services.GetRequiredService<IEventBus>();
        using var a = bus.Subscribe<ModuleStateChanged>(Northwind, e => { northwindEvents.Add(e); return Task.CompletedTask; });
        using var b = bus.Subscribe<ModuleStateChanged>(Globex, e => { globexEvents.Add(e); return Task.CompletedTask; });

        var acme = await CompanyAsync(Northwind, "acme-outdoor.test");
        await RunAsync(Northwind, acme);
        await WaitUntilAsync(() => northwindEvents.Count(e => e.Outcome.IsFinal()) >= 7);
        await Task.Delay(200);
        globexEvents.Should().BeEmpty();
        northwindEvents.Should().OnlyContain(e => e.TenantId == Northwind && e.CompanyId == acme);

        await using var globex = Host.Scope(Globex);
        var service = globex.ServiceProvider.GetRequiredService<EnrichmentService>();
        (await service.RecentRunsAsync()).Should().BeEmpty();
        (await service.PanelAsync(acme)).Should().OnlyContain(p => p.Outcome == ModuleOutcome.Pending && p.Facts.Count == 0);
        await service.Invoking(s => s.EnrichNowAsync(acme)).Should().ThrowAsync<KeyNotFoundException>();
        (await service.EnrichCompaniesAsync([acme])).Should().BeNull("another tenant's accounts are ignored");

        await using var northwind = Host.Scope(Northwind);
        (await northwind.ServiceProvider.GetRequiredService<EnrichmentService>().RecentRunsAsync()).Should().ContainSingle(r => r.CompanyId == acme);
    }

    [Fact]
    public async Task Enrich_now_and_a_bulk_selection_run_through_the_persistent_Quartz_jobs()
    {
        var ids = new List<Guid>();
        foreach (var domain in new[] { "acme-outdoor.test", "brightline-logistics.test", "driftwood-home.test" })
        {
            ids.Add(await CompanyAsync(Northwind, domain));
        }

        await using var scope = Host.Scope(Northwind);
        var service = scope.ServiceProvider.GetRequiredService<EnrichmentService>();
        var runId = (await service.EnrichNowAsync(ids[0])).RunId;
        var batchId = await service.EnrichCompaniesAsync(ids.Skip(1).ToList());
        batchId.Should().NotBeNull();

        await WaitUntilAsync(async () => (await service.RecentRunsAsync()).Count(r => r.State == RunState.Completed) == 3, TimeSpan.FromSeconds(90));
        var progress = await service.BatchProgressAsync(batchId!.Value);
        progress!.Accounts.Should().Be(2);
        progress.AccountsDone.Should().Be(2);
        progress.ModuleRuns.Should().Be(2 * ModuleCatalog.All.Count, "every module of the catalog ran for both accounts");
        progress.Share.Should().Be(1);
        (await service.RecentRunsAsync()).Single(r => r.Id == runId).ModulesOk.Should().BeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public async Task An_interrupted_run_resumes_without_running_finished_modules_again()
    {
        var acme = await CompanyAsync(Northwind, "acme-outdoor.test");
        var firstRun = await RunAsync(Northwind, acme);

        // A run that had finished wave 1 when the process stopped: its statuses point at it, the run is still "running".
        Guid runId;
        await using (var scope = Host.Scope(Northwind))
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            var run = new EnrichmentRun(acme, null, null, DateTime.UtcNow, 7);
            run.Start(DateTime.UtcNow);
            db.EnrichmentRuns.Add(run);
            foreach (var status in await db.EnrichmentStatuses.Where(s => s.CompanyId == acme && (s.Module == "M01" || s.Module == "M02" || s.Module == "M03" || s.Module == "M04")).ToListAsync())
            {
                status.Record(run.Id, status.Outcome, status.Reason, DateTime.UtcNow, status.LastGoodSnapshotId);
            }

            await db.SaveChangesAsync();
            runId = run.Id;
        }

        var started = new ConcurrentBag<string>();
        using var sub = Host.Services.GetRequiredService<IEventBus>().Subscribe<ModuleStateChanged>(Northwind, e =>
        {
            if (e.RunId == runId && e.Outcome == ModuleOutcome.Running)
            {
                started.Add(e.Module);
            }

            return Task.CompletedTask;
        });
        await using (var scope = Host.Scope(Northwind))
        {
            await scope.ServiceProvider.GetRequiredService<EnrichmentOrchestrator>().RunAsync(runId, CancellationToken.None);
        }

        await WaitUntilAsync(() => started.Count >= 3);
        await Task.Delay(200);
        // Wave 2 runs again; wave 1 does not (later waves, e.g. scoring, may follow).
        started.Where(m => ModuleCatalog.Get(m).Wave <= 2).Should().BeEquivalentTo(["M05", "M06", "M07"]);
        var panel = await PanelAsync(Northwind, acme);
        panel["M06"].Outcome.Should().Be(ModuleOutcome.Ok, "wave 2 used M01's facts read back from its snapshot");
        var stored = await Host.AsSystemAsync(db => db.EnrichmentRuns.IgnoreQueryFilters().SingleAsync(r => r.Id == runId));
        stored.State.Should().Be(RunState.Completed);
        stored.Attempts.Should().Be(2);
        firstRun.Should().NotBe(runId);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null) => await WaitUntilAsync(() => Task.FromResult(condition()), timeout);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true in time.");
            }

            await Task.Delay(100);
        }
    }
}
