using System.Collections.Concurrent;
using System.Text.Json;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment.Fetching;

namespace PartnerForge.Infrastructure.Enrichment.Modules;

/// <summary>One enrichment module (M01…M07).</summary>
public interface IEnrichmentModule
{
    string Code { get; }

    Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken);
}

/// <summary>What a module produced. Every fact carries its source (a <see cref="Fact"/> cannot be built without one).</summary>
public sealed record ModuleResult(ModuleOutcome Outcome, IReadOnlyList<Fact> Facts, string? Reason = null, object? Payload = null)
{
    public static ModuleResult Ok(IReadOnlyList<Fact> facts, object? payload = null) =>
        facts.Count == 0 ? NoData("Nothing was found.") : new(ModuleOutcome.Ok, facts, null, payload);

    public static ModuleResult NoData(string reason) => new(ModuleOutcome.NoData, [], reason);

    public static ModuleResult Failed(string reason) => new(ModuleOutcome.Failed, [], reason);

    public static ModuleResult Blocked(string reason) => new(ModuleOutcome.Blocked, [], reason);

    /// <summary>The outcome a failed fetch means for a module: bot walls and robots are "blocked", 404 is "no data".</summary>
    public static ModuleResult FromFetch(FetchResult fetch) => fetch.Status switch
    {
        FetchStatus.Blocked => Blocked(fetch.Reason ?? "Bot wall."),
        FetchStatus.RobotsDisallowed => Blocked(fetch.Reason ?? "robots.txt disallows it."),
        FetchStatus.NotFound => NoData(fetch.Reason ?? "Not found."),
        FetchStatus.Refused => Failed("Refused by the address guard: " + fetch.Reason),
        _ => Failed(fetch.Reason ?? fetch.Status.ToString()),
    };

    public string? Value(string path) => Facts.FirstOrDefault(f => f.Path == path)?.Value;

    /// <summary>Facts read back from a stored snapshot (to resume a run whose earlier modules finished).</summary>
    public static ModuleResult FromSnapshot(ModuleOutcome outcome, string canonicalJson, DateTime capturedAtUtc)
    {
        using var doc = JsonDocument.Parse(canonicalJson);
        var facts = doc.RootElement.GetProperty("facts").EnumerateArray().Select(f => new Fact(
            f.GetProperty("path").GetString()!,
            f.GetProperty("value").GetString()!,
            new SourceRef(
                f.GetProperty("source").GetProperty("url").GetString()!,
                capturedAtUtc,
                f.GetProperty("source").GetProperty("method").GetString()!,
                f.GetProperty("source").GetProperty("excerpt").GetString()!))).ToList();
        return new ModuleResult(outcome, facts);
    }
}

public sealed class BudgetExceededException(string source, string reason) : Exception(reason)
{
    public string SourceName { get; } = source;
}

/// <summary>Calls to outside sources within a run: pages are fetched once per run, metered sources are budget-checked.</summary>
public interface ISourceGateway
{
    /// <summary>A page of the account's own website (not metered), fetched once per run.</summary>
    Task<FetchResult> PageAsync(string url, CancellationToken cancellationToken);

    /// <summary>A call to a metered source; throws <see cref="BudgetExceededException"/> over budget.</summary>
    Task<FetchResult> CallAsync(string source, string module, string url, CancellationToken cancellationToken);
}

public sealed class ModuleContext
{
    public required Guid TenantId { get; init; }

    public required Guid CompanyId { get; init; }

    public required Guid RunId { get; init; }

    public required string CompanyName { get; init; }

    public required string Domain { get; init; }

    public required ISourceGateway Sources { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>Results of modules that already ran in this run (earlier waves).</summary>
    public ConcurrentDictionary<string, ModuleResult> Earlier { get; } = new();

    public string HomeUrl => $"https://{Domain}/";

    public string Url(string path) => $"https://{Domain}{path}";
}
