using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using PartnerForge.Domain.Accounts;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Observability;

namespace PartnerForge.Bench.Suites;

/// <summary>
/// <c>otel_overhead_pct</c>: the grid's page queries with the app's OpenTelemetry metrics on (the same meters as
/// <c>/metrics</c>: EF Core, Npgsql, Quartz, PartnerForge, runtime, HttpClient, aggregated by a reader) against
/// off, in alternating blocks of the same run so drift hits both sides alike.
/// </summary>
internal static class OtelOverhead
{
    private const int Blocks = 8;
    private const int RoundsPerBlock = 8;

    public static async Task MeasureAsync(AccountQueries queries, IReadOnlyList<(AccountFilter Filter, AccountSort Sort)> scenarios, BenchOutput output)
    {
        var off = new List<double>();
        var on = new List<double>();
        using (Instrumented())
        {
            await BlockAsync(queries, scenarios, -1); // warm-up: JIT of the SDK's recording paths, not measured
        }

        for (var block = 0; block < Blocks; block++)
        {
            // Alternate which side goes first, so neither always meets a warmer cache.
            if (block % 2 == 0)
            {
                off.Add(await BlockAsync(queries, scenarios, block));
            }

            using (var provider = Instrumented())
            {
                // The app builds its provider once; here each block builds one, and its first recordings allocate
                // every instrument's aggregation arrays. One unmeasured round lets that happen outside the timing.
                await BlockAsync(queries, scenarios, -2, rounds: 1);
                on.Add(await BlockAsync(queries, scenarios, block));
                provider.ForceFlush();
            }

            if (block % 2 == 1)
            {
                off.Add(await BlockAsync(queries, scenarios, block));
            }
        }

        var offMs = GridSuite.Percentile(off, 50);
        var onMs = GridSuite.Percentile(on, 50);
        output.Note($"otel: block median {offMs:0.0} ms off, {onMs:0.0} ms on ({Blocks} blocks of {RoundsPerBlock} rounds × {scenarios.Count} scenarios)");
        output.Figure("otel_off_block_ms", offMs, "0.0");
        output.Figure("otel_on_block_ms", onMs, "0.0");
        output.Figure("otel_overhead_pct", (onMs / offMs - 1) * 100, "0.0");
    }

    private static MeterProvider Instrumented() =>
        Sdk.CreateMeterProviderBuilder()
            .AddMeter(PartnerForgeMetrics.MeterName, "Microsoft.EntityFrameworkCore", "Npgsql", "Quartz*")
            .AddRuntimeInstrumentation()
            .AddHttpClientInstrumentation()
            .AddReader(new PeriodicExportingMetricReader(new DiscardExporter(), exportIntervalMilliseconds: 1000))
            .Build();

    private static async Task<double> BlockAsync(AccountQueries queries, IReadOnlyList<(AccountFilter Filter, AccountSort Sort)> scenarios, int seed, int rounds = RoundsPerBlock)
    {
        // Both sides start from a collected heap, so neither pays for the other's garbage.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (filter, sort) in scenarios)
            {
                await queries.PageAsync(filter, sort, random.Next(0, 20) * 25, 25);
            }
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Takes every export and drops it: the cost measured is recording and aggregating, not shipping.</summary>
    private sealed class DiscardExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
