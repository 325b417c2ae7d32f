using System.ComponentModel.DataAnnotations;

namespace PartnerForge.Infrastructure.Enrichment;

/// <summary>Settings of the enrichment engine (section <c>Enrichment</c>).</summary>
public sealed class EnrichmentOptions
{
    public const string Section = "Enrichment";

    /// <summary>Modules of one wave run in parallel, at most this many at a time per account.</summary>
    [Range(1, 16)]
    public int MaxParallelModules { get; set; } = 4;

    /// <summary>Accounts of bulk runs processed at the same time on each node (two nodes: twice as many); 0: this node takes no bulk runs.</summary>
    [Range(0, 64)]
    public int BulkParallelAccounts { get; set; } = 4;

    /// <summary>
    /// How long a node's claim on a bulk run lasts without renewal (renewed every third of it while the node works):
    /// the longest a run of a node that died waits before another node resumes it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:30:00")]
    public TimeSpan BulkLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node looks for bulk runs queued on other nodes or left by a node that died.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan BulkPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan ModuleTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Default refresh cadence; per tenant (by slug) in <see cref="TenantRefreshDays"/>.</summary>
    [Range(1, 365)]
    public int RefreshDays { get; set; } = 7;

    public Dictionary<string, int> TenantRefreshDays { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Cron of the scheduled refresh sweep (Quartz syntax).</summary>
    [Required]
    public string RefreshCron { get; set; } = "0 0 * * * ?";
}

/// <summary>Sample-site mode for the offline demo (section <c>Enrichment:SampleSites</c>).</summary>
public sealed class SampleSitesOptions
{
    public const string Section = "Enrichment:SampleSites";

    /// <summary>Start the sample-site server in-process and route the fetcher to it (Demo and Development environments only).</summary>
    public bool Enabled { get; set; }

    /// <summary>Folder with sites/ and api/ (default: Demo/SampleSites beside the app).</summary>
    public string? Path { get; set; }
}
