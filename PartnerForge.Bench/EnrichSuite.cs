using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Infrastructure.Enrichment.Modules;
using PartnerForge.Infrastructure.Demo;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Bench;

/// <summary>
/// A bulk run of N accounts × every module of the catalog against the sample sites on loopback, through the real orchestrator,
/// fetcher (SSRF guard, robots, limits) and SQLite: module runs per second and peak memory. Baseline in the
/// same run: the same engine one account at a time over a slice of the accounts.
/// </summary>
public sealed partial class EnrichSuite : IBenchSuite
{
    public string Name => "enrich";

    public string Description => "bulk enrichment of N accounts × every module against the loopback sample sites";

    public int DefaultSize => 1000;

    public async Task RunAsync(BenchContext context)
    {
        await using var sites = await SampleSitesServer.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Bench", ContentRootPath = context.WorkDirectory, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = context.WorkDirectory,
            ["Demo:Seed"] = "true",
            ["Enrichment:Fetch:AllowLoopback"] = "true",
            ["Enrichment:Fetch:SandboxEndpoint"] = sites.Endpoint,
            ["Enrichment:Fetch:DefaultRequestsPerSecond"] = "0",
            ["Enrichment:Fetch:PerHostConcurrency"] = "8",
            ["Enrichment:SampleSites:Path"] = sites.Root,
            ["Enrichment:BulkParallelAccounts"] = "8",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Services.AddPartnerForgeInfrastructure(builder.Configuration, builder.Environment);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var tenantId = await SetUpAsync(host.Services, sites, context.Size);
            var baselineSize = Math.Max(10, context.Size / 20);
            var baseline = await RunBatchAsync(host.Services, tenantId, baselineSize, 1, skip: context.Size);
            context.Output.Note($"baseline: {baselineSize} accounts one at a time: {baseline.ModuleRuns} module runs in {baseline.Seconds:0.0} s");
            context.Output.Figure("enrich_baseline_module_runs_per_s", baseline.ModuleRuns / baseline.Seconds, "0.0");

            var result = await RunBatchAsync(host.Services, tenantId, context.Size, 8, skip: 0);
            context.Output.Note($"bulk: {context.Size} accounts, 8 at a time: {result.ModuleRuns} module runs in {result.Seconds:0.0} s; outcomes {result.Outcomes}");
            context.Output.Figure("enrich_module_runs_per_s", result.ModuleRuns / result.Seconds, "0.0");
            context.Output.Figure("enrich_speedup_vs_one_at_a_time", result.ModuleRuns / result.Seconds / (baseline.ModuleRuns / baseline.Seconds), "0.0");
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            context.Output.Figure("enrich_peak_mb", process.PeakWorkingSet64 / 1024.0 / 1024.0, "0");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<Guid> SetUpAsync(IServiceProvider services, SampleSitesServer sites, int size)
    {
        Guid tenantId;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            await using (db)
            {
                tenantId = (await db.Tenants.SingleAsync(t => t.Slug == "northwind")).Id;
            }

            await using var csv = File.OpenRead(Path.Combine(sites.Root, "top-sites.csv"));
            await scope.ServiceProvider.GetRequiredService<TrafficRankImporter>().ImportAsync(csv, "sample-top-sites");
        }

        var hosts = SampleSitesServer.SiteHosts(sites.Root);
        var names = hosts.ToDictionary(h => h, h => OgSiteName().Match(File.ReadAllText(Path.Combine(sites.Root, "sites", h, "index.html"))) is { Success: true } m ? m.Groups[1].Value : h);
        await using var write = services.CreateAsyncScope();
        write.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, "bench");
        await using var wdb = await write.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        var now = DateTime.UtcNow;
        // Accounts 0..size-1 for the bulk run, then a separate slice for the baseline.
        for (var i = 0; i < size + Math.Max(10, size / 20); i++)
        {
            var site = hosts[i % hosts.Count];
            wdb.Companies.Add(new Company(names[site], DomainName.Parse($"b{i}.{site}"), now));
        }

        await wdb.SaveChangesAsync();
        return tenantId;
    }

    private static async Task<(int ModuleRuns, double Seconds, string Outcomes)> RunBatchAsync(IServiceProvider services, Guid tenantId, int count, int parallel, int skip)
    {
        // Runs outside any batch, so no node's bulk worker claims them: this suite drives the accounts itself.
        List<Guid> runIds;
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, "bench");
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            var ids = await db.Companies.Where(c => EF.Functions.Like(c.Domain, "b%")).OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id).Select(c => new { c.Id, c.Domain }).ToListAsync();
            var chosen = ids.Select(c => (c.Id, Match: BenchIndex().Match(c.Domain)))
                .Where(c => c.Match.Success && int.Parse(c.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var n && n >= skip && n < skip + count)
                .Select(c => c.Id).ToList();
            var runs = chosen.Select(id => new EnrichmentRun(id, null, null, DateTime.UtcNow, ModuleCatalog.All.Count)).ToList();
            db.EnrichmentRuns.AddRange(runs);
            await db.SaveChangesAsync();
            runIds = runs.Select(r => r.Id).ToList();
        }

        var clock = Stopwatch.StartNew();
        // What a node's bulk worker does with BulkParallelAccounts = parallel: each account in its own scope as the tenant.
        await Parallel.ForEachAsync(runIds, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (runId, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, "bench");
            await scope.ServiceProvider.GetRequiredService<EnrichmentOrchestrator>().RunAsync(runId, ct);
        });
        var seconds = clock.Elapsed.TotalSeconds;

        await using var read = services.CreateAsyncScope();
        read.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, "bench");
        await using var rdb = await read.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        var outcomes = await rdb.EnrichmentStatuses.Where(s => s.LastRunId != null && runIds.Contains(s.LastRunId.Value)).GroupBy(s => s.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        return (outcomes.Sum(o => o.Count), seconds, string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key.Label()} {o.Count}")));
    }

    [GeneratedRegex("<meta property=\"og:site_name\" content=\"([^\"]+)\"")]
    private static partial Regex OgSiteName();

    [GeneratedRegex(@"^b(\d+)\.")]
    private static partial Regex BenchIndex();
}
