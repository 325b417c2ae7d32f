using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Bench.Suites;

/// <summary>
/// The deal editor's account type-ahead (<see cref="AccountQueries.SearchChoicesAsync"/>: name or domain prefix,
/// first 20) over N accounts in one tenant, next to what the picker did before: load the first 5,000 accounts.
/// </summary>
public sealed class AccountPickerSuite : IBenchSuite
{
    public string Name => "picker";

    public string Description => "deal editor account type-ahead p95 over N accounts (SQLite)";

    public int DefaultSize => 1_000_000;

    public async Task RunAsync(BenchContext context)
    {
        var output = context.Output;
        using var host = await BenchHost.StartAsync(context.WorkDirectory);
        var tenantId = await host.TenantIdAsync("northwind");
        var load = Stopwatch.StartNew();
        await GridSuite.GenerateAsync(host.SqlitePath, tenantId, context.Size); // the same accounts as the grid suite
        output.Note($"generated {context.Size:N0} accounts in {load.Elapsed.TotalSeconds:0.0} s");

        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var queries = scope.ServiceProvider.GetRequiredService<AccountQueries>();
        string[] typed = ["z", "ze", "zen", "zent", "zentor", "qua-", "mar", "markin", "nothing-like-this", "vi", "ostari", "bel"];
        foreach (var t in typed)
        {
            await queries.SearchChoicesAsync(t); // warm-up
        }

        var times = new List<double>();
        for (var round = 0; round < 10; round++)
        {
            foreach (var t in typed)
            {
                var watch = Stopwatch.StartNew();
                var found = await queries.SearchChoicesAsync(t);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (t == "zen" && found.Count == 0)
                {
                    throw new InvalidOperationException("The search found nothing for a prefix the data has; the figures would be meaningless.");
                }
            }
        }

        var baseline = new List<double>();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            await queries.ChoicesAsync(5_000);
            baseline.Add(watch.Elapsed.TotalMilliseconds);
        }

        output.Figure("picker_accounts", context.Size, "0");
        output.Figure("picker_p50_ms", GridSuite.Percentile(times, 50), "0.00");
        output.Figure("picker_p95_ms", GridSuite.Percentile(times, 95), "0.00");
        output.Figure("picker_baseline_first_5000_p95_ms", GridSuite.Percentile(baseline, 95), "0.00");
        output.Note($"{times.Count} searches of {typed.Length} typed prefixes (name or domain, first 20); baseline: the old picker's first 5,000 accounts by name, 5 runs");
    }
}
