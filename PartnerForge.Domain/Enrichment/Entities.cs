using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Enrichment;

/// <summary>A technology of our catalog (global, not tenant data).</summary>
public sealed class Technology
{
    private Technology()
    {
        Name = Category = string.Empty;
    }

    public Technology(string name, string category, string? vendor, string? website)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Category = category;
        Vendor = vendor;
        Website = website;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public string Name { get; private set; }

    public string Category { get; private set; }

    public string? Vendor { get; private set; }

    public string? Website { get; private set; }

    public void Update(string category, string? vendor, string? website)
    {
        Category = category;
        Vendor = vendor;
        Website = website;
    }
}

/// <summary>A technology detected on an account's site, with its evidence.</summary>
public sealed class CompanyTechnology : TenantOwnedEntity
{
    private CompanyTechnology()
    {
        Evidence = SourceUrl = Method = string.Empty;
    }

    public CompanyTechnology(Guid companyId, Guid technologyId, int confidence, string? version, SourceRef source)
    {
        CompanyId = companyId;
        TechnologyId = technologyId;
        FirstSeenUtc = source.FetchedAtUtc;
        Evidence = SourceUrl = Method = string.Empty;
        See(confidence, version, source);
    }

    public Guid CompanyId { get; private set; }

    public Guid TechnologyId { get; private set; }

    public int Confidence { get; private set; }

    public string? Version { get; private set; }

    public DateTime FirstSeenUtc { get; private set; }

    public DateTime LastSeenUtc { get; private set; }

    public string Evidence { get; private set; }

    public string SourceUrl { get; private set; }

    public string Method { get; private set; }

    public void See(int confidence, string? version, SourceRef source)
    {
        Confidence = Math.Clamp(confidence, 0, 100);
        Version = version ?? Version;
        LastSeenUtc = source.FetchedAtUtc;
        Evidence = source.Excerpt;
        SourceUrl = source.Url;
        Method = source.Method;
    }
}

public enum RunState
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>One run of one account through the modules.</summary>
public sealed class EnrichmentRun : TenantOwnedEntity
{
    private EnrichmentRun()
    {
    }

    public EnrichmentRun(Guid companyId, Guid? batchId, Guid? requestedBy, DateTime queuedAtUtc, int modulesTotal)
    {
        CompanyId = companyId;
        BatchId = batchId;
        RequestedBy = requestedBy;
        QueuedAtUtc = queuedAtUtc;
        ModulesTotal = modulesTotal;
    }

    public Guid CompanyId { get; private set; }

    /// <summary>The bulk request this run belongs to, if any.</summary>
    public Guid? BatchId { get; private set; }

    public Guid? RequestedBy { get; private set; }

    public RunState State { get; private set; }

    public DateTime QueuedAtUtc { get; private set; }

    public DateTime? StartedAtUtc { get; private set; }

    public DateTime? FinishedAtUtc { get; private set; }

    public int ModulesTotal { get; private set; }

    public int ModulesOk { get; private set; }

    public int ModulesFailed { get; private set; }

    /// <summary>How many times a worker picked this run up (more than one: resumed after a restart).</summary>
    public int Attempts { get; private set; }

    public void Start(DateTime nowUtc)
    {
        State = RunState.Running;
        StartedAtUtc ??= nowUtc;
        Attempts++;
    }

    public void Finish(DateTime nowUtc, int ok, int failed)
    {
        ModulesOk = ok;
        ModulesFailed = failed;
        FinishedAtUtc = nowUtc;
        State = RunState.Completed;
    }

    /// <summary>Why the run failed, in words a user can read (null unless <see cref="RunState.Failed"/>).</summary>
    public string? FailureReason { get; private set; }

    /// <summary>Queued or running: at most one such run per account (a unique index holds it).</summary>
    public bool IsActive => State.IsActive();

    public void Fail(DateTime nowUtc, string reason)
    {
        FinishedAtUtc = nowUtc;
        State = RunState.Failed;
        FailureReason = reason.Length <= MaxReasonLength ? reason : reason[..(MaxReasonLength - 1)] + "…";
    }

    public const int MaxReasonLength = 500;
}

public static class RunStateExtensions
{
    /// <summary>Queued or running: the run still holds its account's one active slot.</summary>
    public static bool IsActive(this RunState state) => state is RunState.Queued or RunState.Running;
}

/// <summary>The latest outcome of one module for one account, and when it last produced a good result.</summary>
public sealed class EnrichmentStatus : TenantOwnedEntity
{
    private EnrichmentStatus()
    {
        Module = string.Empty;
    }

    public EnrichmentStatus(Guid companyId, string module)
    {
        CompanyId = companyId;
        Module = module;
    }

    public Guid CompanyId { get; private set; }

    public string Module { get; private set; }

    public ModuleOutcome Outcome { get; private set; }

    public string? Reason { get; private set; }

    public Guid? LastRunId { get; private set; }

    public DateTime? LastRunAtUtc { get; private set; }

    public DateTime? LastGoodAtUtc { get; private set; }

    /// <summary>The snapshot holding the last good output (kept when a later run fails).</summary>
    public Guid? LastGoodSnapshotId { get; private set; }

    public void Record(Guid runId, ModuleOutcome outcome, string? reason, DateTime nowUtc, Guid? goodSnapshotId)
    {
        LastRunId = runId;
        Outcome = outcome;
        Reason = reason is { Length: > 500 } ? reason[..500] : reason;
        LastRunAtUtc = nowUtc;
        if (outcome is ModuleOutcome.Ok or ModuleOutcome.NoData)
        {
            LastGoodAtUtc = nowUtc;
            LastGoodSnapshotId = goodSnapshotId ?? LastGoodSnapshotId;
        }
    }
}

/// <summary>
/// One module's output for one account at one time: the canonical JSON of its facts and its SHA-256.
/// A run whose output hashes the same as the latest snapshot stores nothing new (DESIGN.md §5);
/// <see cref="PreviousSnapshotId"/> links consecutive snapshots for change detection.
/// </summary>
public sealed class IntelSnapshot : TenantOwnedEntity
{
    private IntelSnapshot()
    {
        Module = CanonicalJson = Hash = string.Empty;
    }

    public IntelSnapshot(Guid companyId, string module, Guid runId, DateTime capturedAtUtc, string canonicalJson, int factCount, Guid? previousSnapshotId)
    {
        CompanyId = companyId;
        Module = module;
        RunId = runId;
        CapturedAtUtc = capturedAtUtc;
        CanonicalJson = canonicalJson;
        Hash = Enrichment.CanonicalJson.Hash(canonicalJson);
        FactCount = factCount;
        PreviousSnapshotId = previousSnapshotId;
    }

    public Guid CompanyId { get; private set; }

    public string Module { get; private set; }

    public Guid RunId { get; private set; }

    public DateTime CapturedAtUtc { get; private set; }

    public string CanonicalJson { get; private set; }

    public string Hash { get; private set; }

    public int FactCount { get; private set; }

    public Guid? PreviousSnapshotId { get; private set; }
}

/// <summary>What one call to a source costs (global, set by the platform admin).</summary>
public sealed class ApiCostConfig
{
    private ApiCostConfig()
    {
        Source = string.Empty;
    }

    public ApiCostConfig(string source, long costMicros, bool metered, string? description)
    {
        Source = source;
        CostMicros = costMicros;
        Metered = metered;
        Description = description;
        Currency = DefaultCurrency;
    }

    public const string DefaultCurrency = "USD";

    public Guid Id { get; private set; } = Guid.NewGuid();

    public string Source { get; private set; }

    /// <summary>Cost of one call in millionths of the billing currency.</summary>
    public long CostMicros { get; private set; }

    /// <summary>Calls to a metered source are recorded as ApiUsage and checked against budgets.</summary>
    public bool Metered { get; private set; }

    public string? Description { get; private set; }

    /// <summary>ISO 4217 code of <see cref="CostMicros"/> (e.g. USD).</summary>
    public string Currency { get; private set; } = DefaultCurrency;

    /// <summary>Cost of one call in money (exact: micros are whole millionths).</summary>
    public decimal CostPerCall => CostMicros / 1_000_000m;

    public void Set(long costMicros, bool metered)
    {
        CostMicros = costMicros;
        Metered = metered;
    }

    /// <summary>Sets the cost of one call in money; at most six decimals, not negative, a three-letter currency.</summary>
    public void SetCost(decimal costPerCall, string currency, bool metered)
    {
        Set(CostMicrosOf(costPerCall), metered);
        Currency = CurrencyCode(currency);
    }

    public static long CostMicrosOf(decimal amount)
    {
        if (amount < 0 || amount > 1_000_000m)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A cost per call is between 0 and 1,000,000.");
        }

        var micros = amount * 1_000_000m;
        if (micros != decimal.Truncate(micros))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A cost per call has at most six decimals.");
        }

        return (long)micros;
    }

    public static string CurrencyCode(string? currency)
    {
        var code = (currency ?? string.Empty).Trim().ToUpperInvariant();
        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("A currency is a three-letter ISO 4217 code such as USD, EUR or GBP.", nameof(currency));
        }

        return code;
    }
}

/// <summary>A tenant's allowance for one source in one month (yyyy-MM).</summary>
public sealed class ApiBudget : TenantOwnedEntity
{
    private ApiBudget()
    {
        Source = Period = string.Empty;
    }

    public ApiBudget(string source, string period, int? maxCalls, long? maxCostMicros)
    {
        Source = source;
        Period = period;
        Set(maxCalls, maxCostMicros);
    }

    public string Source { get; private set; }

    public string Period { get; private set; }

    public int? MaxCalls { get; private set; }

    public long? MaxCostMicros { get; private set; }

    public void Set(int? maxCalls, long? maxCostMicros)
    {
        if (maxCalls < 0 || maxCostMicros < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCalls), "A budget cannot be negative.");
        }

        MaxCalls = maxCalls;
        MaxCostMicros = maxCostMicros;
    }
}

/// <summary>One call to a metered source.</summary>
public sealed class ApiUsage : TenantOwnedEntity
{
    private ApiUsage()
    {
        Source = Module = string.Empty;
    }

    public ApiUsage(string source, string module, DateTime atUtc, long costMicros, Guid? companyId, string? url)
    {
        Source = source;
        Module = module;
        AtUtc = atUtc;
        CostMicros = costMicros;
        CompanyId = companyId;
        Url = url is { Length: > 500 } ? url[..500] : url;
    }

    public string Source { get; private set; }

    public string Module { get; private set; }

    public DateTime AtUtc { get; private set; }

    public long CostMicros { get; private set; }

    public Guid? CompanyId { get; private set; }

    public string? Url { get; private set; }
}

/// <summary>A domain's rank in a top-sites list an admin imported (global reference data for M03).</summary>
public sealed class TrafficRank
{
    private TrafficRank()
    {
        Domain = ListName = string.Empty;
    }

    public TrafficRank(string domain, int rank, string listName, DateTime importedAtUtc)
    {
        Domain = domain;
        Rank = rank;
        ListName = listName;
        ImportedAtUtc = importedAtUtc;
    }

    public string Domain { get; private set; }

    public int Rank { get; private set; }

    public string ListName { get; private set; }

    public DateTime ImportedAtUtc { get; private set; }

    /// <summary>Popularity band from the rank.</summary>
    public static string Band(int rank) => rank switch
    {
        <= 1_000 => "top 1K",
        <= 10_000 => "top 10K",
        <= 100_000 => "top 100K",
        <= 1_000_000 => "top 1M",
        _ => "long tail",
    };
}
