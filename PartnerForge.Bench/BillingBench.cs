using System.Diagnostics;
using PartnerForge.Domain.Billing;
using PartnerForge.Infrastructure.Administration;

namespace PartnerForge.Bench;

/// <summary>
/// Billing and API-key costs: computing a month's invoice (two plan segments with overage) per tenant, and hashing
/// an API key as every API request does, each next to a trivial baseline over the same inputs in the same run.
/// </summary>
public sealed class BillingBench : IBenchSuite
{
    public string Name => "billing";

    public string Description => "invoice arithmetic per tenant and API-key hashing per request";

    public int DefaultSize => 200_000;

    public Task RunAsync(BenchContext context)
    {
        var starter = new PlanTerms("Starter", new Money(490m, "USD"), 500, 10_000, new Money(0.40m, "USD"), new Money(2.00m, "USD"));
        var growth = new PlanTerms("Growth", new Money(1490m, "USD"), 2500, 50_000, new Money(0.30m, "USD"), new Money(1.50m, "USD"));
        var month = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var change = month.AddDays(10);
        PlanSegment[] segments = [new(starter, month, change), new(growth, change, month.AddMonths(1))];
        var n = context.Size;

        // Baseline: the same decimal products and sum without the invoice rules.
        var clock = Stopwatch.StartNew();
        var check = 0m;
        for (var i = 0; i < n; i++)
        {
            check += (490m * 10 / 30) + (1490m * 20 / 30) + ((2000 + (i % 500) - 1832) * 0.30m);
        }

        var baseline = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var total = 0m;
        for (var i = 0; i < n; i++)
        {
            total += InvoiceCalculator.Compute(month, segments, 2000 + (i % 500), 30_000).Total.Amount;
        }

        var invoices = clock.Elapsed.TotalSeconds;
        context.Output.Note($"checksums {check:0} / {total:0}");
        context.Output.Figure("baseline_decimal_sums_per_s", n / baseline, "0");
        context.Output.Figure("invoices_per_s", n / invoices, "0");
        context.Output.Figure("invoice_us", invoices / n * 1e6, "0.00");

        var keys = Enumerable.Range(0, 1000).Select(_ => "pf_" + SecretTokens.New(40)).ToArray();
        clock.Restart();
        var h = 0;
        for (var i = 0; i < n; i++)
        {
            h += keys[i % keys.Length].GetHashCode(StringComparison.Ordinal) & 0xFF;
        }

        var baselineHash = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var length = 0;
        for (var i = 0; i < n; i++)
        {
            length += SecretTokens.Hash(keys[i % keys.Length]).Length;
        }

        var sha = clock.Elapsed.TotalSeconds;
        context.Output.Note($"checksums {h} / {length}");
        context.Output.Figure("baseline_string_hashes_per_s", n / baselineHash, "0");
        context.Output.Figure("api_key_sha256_per_s", n / sha, "0");
        context.Output.Figure("api_key_sha256_us", sha / n * 1e6, "0.00");
        return Task.CompletedTask;
    }
}
