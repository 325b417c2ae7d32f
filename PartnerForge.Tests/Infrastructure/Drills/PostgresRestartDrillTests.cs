using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Billing;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Demo;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;
using Xunit.Abstractions;

namespace PartnerForge.Tests.Infrastructure.Drills;

/// <summary>
/// Fault drill: the PostgreSQL server stops outright (<c>pg_ctl -m immediate</c>, every connection cut) in the middle of
/// a bulk enrichment and comes back a few seconds later. The node reconnects: its queries and saves are tried again on
/// new connections, every run ends completed (none failed, none left running), each module's result is recorded once
/// and metered once, and a write made through an application service while the server was down succeeds once it is
/// back. The server is this class's own, so the restart touches no other test, and it keeps the durable defaults
/// (a commit is on disk before it is acknowledged), as a production server does.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class PostgresRestartDrillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Accounts = 16;
    private readonly PostgresServer _postgres = new() { Durable = true };
    private SampleSitesServer _sites = null!;
    private InfrastructureHost _host = null!;
    private Guid _northwind;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        // Sites that answer after 100 ms, so the runs are still going when the server goes away.
        _sites = await SampleSitesServer.StartAsync(intercept: async (_, _) =>
        {
            await Task.Delay(100);
            return false;
        });
        _host = await InfrastructureHost.StartAsync(postgres: await _postgres.CreateDatabaseAsync("pf_restart"), settings: new Dictionary<string, string?>
        {
            ["Enrichment:Fetch:AllowLoopback"] = "true",
            ["Enrichment:Fetch:SandboxEndpoint"] = _sites.Endpoint,
            ["Enrichment:Fetch:DefaultRequestsPerSecond"] = "0",
            ["Enrichment:SampleSites:Path"] = _sites.Root,
            ["Enrichment:BulkLease"] = "00:00:10",
            ["Enrichment:BulkPollInterval"] = "00:00:01",
        });
        _northwind = await _host.AsSystemAsync(db => db.Tenants.Where(t => t.Slug == "northwind").Select(t => t.Id).SingleAsync());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _sites.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task A_database_restart_mid_bulk_enrichment_is_ridden_out_and_every_run_completes_once()
    {
        var sites = SampleSitesServer.SiteHosts(_sites.Root).Order(StringComparer.Ordinal).ToList();
        var creditsBefore = await CreditsAsync();
        Guid batch;
        await using (var scope = _host.Scope(_northwind))
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountEditor>();
            var ids = new List<Guid>();
            for (var i = 0; i < Accounts; i++)
            {
                ids.Add((await accounts.GetOrCreateAsync(DomainName.Parse($"r{i}.{sites[i % sites.Count]}"), $"Restart {i}")).Id);
            }

            batch = (await scope.ServiceProvider.GetRequiredService<EnrichmentService>().EnrichCompaniesAsync(ids))!.Value;
        }

        await Eventually.TrueAsync(async () =>
        {
            var runs = await RunsAsync(batch);
            return runs.Any(r => r.State == RunState.Running) && runs.Any(r => r.State == RunState.Completed);
        }, TimeSpan.FromSeconds(90));
        var atRestart = await RunsAsync(batch);
        output.WriteLine($"restarting PostgreSQL with {atRestart.Count(r => r.State == RunState.Running)} runs going, {atRestart.Count(r => r.State == RunState.Completed)}/{Accounts} done");

        // The server goes away; meanwhile a rep saves an account. The save waits for the server and then succeeds.
        var restart = _postgres.RestartAsync(downFor: TimeSpan.FromSeconds(4));
        await Task.Delay(500);
        var clock = Stopwatch.StartNew();
        Guid created;
        await using (var scope = _host.Scope(_northwind))
        {
            created = (await scope.ServiceProvider.GetRequiredService<AccountEditor>().GetOrCreateAsync(DomainName.Parse("saved-during-restart.example.com"), "Saved during the restart")).Id;
        }

        output.WriteLine($"a save issued while the server was down returned after {clock.Elapsed.TotalSeconds:0.0} s");
        await restart;

        await Eventually.TrueAsync(async () => (await RunsAsync(batch)).All(r => r.State is RunState.Completed or RunState.Failed), TimeSpan.FromMinutes(2));
        var after = await RunsAsync(batch);
        after.Should().HaveCount(Accounts).And.OnlyContain(r => r.State == RunState.Completed, "a restart of the database fails no run: {0}",
            string.Join("; ", after.Where(r => r.FailureReason != null).Select(r => r.FailureReason).Distinct()));
        (await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().CountAsync(c => c.Id == created))).Should().Be(1, "the save made during the restart is there, once");

        var runCompanies = after.Select(r => r.CompanyId).ToList();
        var all = await _host.AsSystemAsync(db => db.EnrichmentStatuses.IgnoreQueryFilters().AsNoTracking()
            .Where(s => runCompanies.Contains(s.CompanyId)).ToListAsync());
        var missing = after.SelectMany(r => ModuleCatalog.All.Select(m => (Run: r, Module: m.Code)))
            .Where(x => !all.Any(s => s.CompanyId == x.Run.CompanyId && s.Module == x.Module && s.LastRunId == x.Run.Id))
            .Select(x => $"{x.Module} of run {x.Run.Id} (attempts {x.Run.Attempts}, ok {x.Run.ModulesOk}, failed {x.Run.ModulesFailed}): status "
                + string.Join(",", all.Where(s => s.CompanyId == x.Run.CompanyId && s.Module == x.Module).Select(s => $"{s.Outcome} last run {s.LastRunId}")))
            .ToList();
        missing.Should().BeEmpty("every module of every run has its outcome recorded for that run");
        var statuses = all.Where(s => after.Any(r => r.Id == s.LastRunId)).Select(s => s.Outcome).ToList();
        statuses.Should().HaveCount(Accounts * ModuleCatalog.All.Count).And.OnlyContain(o => o.IsFinal());
        (await CreditsAsync() - creditsBefore).Should().Be(statuses.Count(EnrichmentCredits.Counts), "each module that ran is metered once");
    }

    private Task<List<EnrichmentRun>> RunsAsync(Guid batch) =>
        _host.AsSystemAsync(db => db.EnrichmentRuns.IgnoreQueryFilters().AsNoTracking().Where(r => r.BatchId == batch).ToListAsync());

    private Task<int> CreditsAsync() =>
        _host.AsSystemAsync(db => db.UsageRecords.IgnoreQueryFilters().Where(u => u.Kind == UsageKind.EnrichmentCredit).SumAsync(u => u.Quantity));
}
