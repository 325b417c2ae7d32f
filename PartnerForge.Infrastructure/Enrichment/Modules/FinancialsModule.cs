using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment.Fetching;

namespace PartnerForge.Infrastructure.Enrichment.Modules;

/// <summary>
/// M04 financials from SEC EDGAR: the ticker map finds the company's CIK by name, then submissions and
/// companyfacts give revenue, net income, employees and fiscal year of the latest 10-K. The fetcher sends a
/// User-Agent with a contact and holds data.sec.gov/www.sec.gov to ≤ 10 requests per second. A 404 on
/// submissions means "no filings" (no data), not an error; a malformed answer fails the module.
/// </summary>
public sealed partial class FinancialsModule(TimeProvider time) : IEnrichmentModule
{
    public const string Source = "sec-edgar";
    public const string TickerMapUrl = "https://www.sec.gov/files/company_tickers.json";

    private static readonly ConcurrentDictionary<string, (DateTime ExpiresUtc, Task<Dictionary<string, (long Cik, string Ticker, string Title)>?> Map)> TickerMaps = new();

    /// <summary>SEC answers per tenant and URL for an hour: filings change rarely, and many accounts can share a CIK.</summary>
    private static readonly ConcurrentDictionary<(Guid Tenant, string Url), (DateTime ExpiresUtc, FetchResult Answer)> Answers = new();

    public string Code => ModuleCatalog.Financials;

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var map = await TickerMapAsync(context, cancellationToken);
        if (map.Result is not { } tickers)
        {
            return map.Failure!;
        }

        // M04 runs in wave 1 beside M01, so it matches on the account's own name (deterministically).
        if (!tickers.TryGetValue(Normalize(context.CompanyName), out var entry))
        {
            return ModuleResult.NoData($"{context.CompanyName} is not in the SEC ticker map (not a US-listed company).");
        }

        var cik = entry.Cik.ToString("D10", CultureInfo.InvariantCulture);
        var submissionsUrl = $"https://data.sec.gov/submissions/CIK{cik}.json";
        var submissions = await CachedCallAsync(context, submissionsUrl, cancellationToken);
        if (submissions.Status == FetchStatus.NotFound)
        {
            return ModuleResult.NoData($"SEC EDGAR has no filings for CIK {cik}.");
        }

        if (!submissions.IsOk)
        {
            return ModuleResult.FromFetch(submissions);
        }

        var factsUrl = $"https://data.sec.gov/api/xbrl/companyfacts/CIK{cik}.json";
        var companyFacts = await CachedCallAsync(context, factsUrl, cancellationToken);
        if (companyFacts.Status == FetchStatus.NotFound)
        {
            return ModuleResult.NoData($"SEC EDGAR has no XBRL company facts for CIK {cik}.");
        }

        if (!companyFacts.IsOk)
        {
            return ModuleResult.FromFetch(companyFacts);
        }

        var facts = new List<Fact>();
        try
        {
            using var sub = JsonDocument.Parse(submissions.Body);
            var subSource = new SourceRef(submissionsUrl, submissions.FetchedAtUtc, "sec-submissions", $"cik {cik}, ticker {entry.Ticker}");
            facts.Add(new Fact("financials.ticker", entry.Ticker, subSource));
            facts.Add(new Fact("financials.cik", cik, subSource));
            if (sub.RootElement.TryGetProperty("fiscalYearEnd", out var fye) && fye.GetString() is { Length: 4 } mmdd)
            {
                facts.Add(new Fact("financials.fiscal_year_end", $"{mmdd[..2]}-{mmdd[2..]}", subSource));
            }

            using var doc = JsonDocument.Parse(companyFacts.Body);
            var root = doc.RootElement.GetProperty("facts");
            void Take(string taxonomy, string[] concepts, string unit, string path)
            {
                foreach (var concept in concepts)
                {
                    if (root.TryGetProperty(taxonomy, out var tax) && tax.TryGetProperty(concept, out var c) && c.GetProperty("units").TryGetProperty(unit, out var values))
                    {
                        var latest = values.EnumerateArray()
                            .Where(v => v.TryGetProperty("form", out var form) && form.GetString() == "10-K")
                            .OrderByDescending(v => v.GetProperty("end").GetString(), StringComparer.Ordinal)
                            .FirstOrDefault();
                        if (latest.ValueKind == JsonValueKind.Object)
                        {
                            var value = latest.GetProperty("val").GetDecimal();
                            var fy = latest.TryGetProperty("fy", out var fyEl) ? fyEl.ToString() : "?";
                            var source = new SourceRef(factsUrl, companyFacts.FetchedAtUtc, "sec-companyfacts", $"{taxonomy}:{concept} {unit} {value.ToString(CultureInfo.InvariantCulture)} (FY{fy}, 10-K filed {latest.GetProperty("filed").GetString()})");
                            facts.Add(new Fact(path, value.ToString(CultureInfo.InvariantCulture), source));
                            facts.Add(new Fact(path + ".fiscal_year", fy, source));
                            return;
                        }
                    }
                }
            }

            Take("us-gaap", ["Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax", "SalesRevenueNet"], "USD", "financials.revenue_usd");
            Take("us-gaap", ["NetIncomeLoss"], "USD", "financials.net_income_usd");
            Take("dei", ["EntityNumberOfEmployees"], "pure", "financials.employees");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return ModuleResult.Failed($"SEC EDGAR answered with malformed JSON for CIK {cik}: {ex.Message}");
        }

        return ModuleResult.Ok(facts);
    }

    private async Task<(Dictionary<string, (long Cik, string Ticker, string Title)>? Result, ModuleResult? Failure)> TickerMapAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        // The ticker map is the same for every account: fetched (and metered) once a day per tenant, not per account.
        var key = context.TenantId.ToString();
        var now = time.GetUtcNow().UtcDateTime;
        FetchResult? failed = null;
        var cached = TickerMaps.AddOrUpdate(
            key,
            _ => (now.AddHours(24), Load()),
            (_, existing) => existing.ExpiresUtc > now && !existing.Map.IsFaulted && existing.Map is not { IsCompletedSuccessfully: true, Result: null } ? existing : (now.AddHours(24), Load()));
        Task<Dictionary<string, (long, string, string)>?> Load() => Task.Run(async () =>
        {
            var fetch = await context.Sources.CallAsync(Source, Code, TickerMapUrl, cancellationToken);
            if (!fetch.IsOk)
            {
                failed = fetch;
                return null;
            }

            using var doc = JsonDocument.Parse(fetch.Body);
            var map = new Dictionary<string, (long, string, string)>(StringComparer.Ordinal);
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                var title = entry.Value.GetProperty("title").GetString()!;
                map.TryAdd(Normalize(title), (entry.Value.GetProperty("cik_str").GetInt64(), entry.Value.GetProperty("ticker").GetString()!, title));
            }

            return map;
        }, cancellationToken);
        try
        {
            var map = await cached.Map;
            return map is null ? (null, failed is null ? ModuleResult.Failed("The SEC ticker map could not be read.") : ModuleResult.FromFetch(failed)) : (map, null);
        }
        catch (JsonException ex)
        {
            TickerMaps.TryRemove(key, out _);
            return (null, ModuleResult.Failed("The SEC ticker map is malformed: " + ex.Message));
        }
        catch (BudgetExceededException)
        {
            TickerMaps.TryRemove(key, out _);
            throw;
        }
    }

    private async Task<FetchResult> CachedCallAsync(ModuleContext context, string url, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (Answers.TryGetValue((context.TenantId, url), out var cached) && cached.ExpiresUtc > now)
        {
            return cached.Answer;
        }

        var answer = await context.Sources.CallAsync(Source, Code, url, cancellationToken);
        if (answer.Status is FetchStatus.Ok or FetchStatus.NotFound)
        {
            Answers[(context.TenantId, url)] = (now.AddHours(1), answer);
        }

        return answer;
    }

    /// <summary>"Cobalt Health Systems, Inc." and "COBALT HEALTH SYSTEMS INC" match.</summary>
    public static string Normalize(string name)
    {
        var lower = NonAlphanumeric().Replace(name.ToLowerInvariant(), " ");
        var words = lower.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("inc" or "corp" or "corporation" or "co" or "ltd" or "plc" or "llc" or "the" or "company" or "holdings" or "group"));
        return string.Join(' ', words);
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();
}
