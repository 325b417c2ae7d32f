using System.ComponentModel.DataAnnotations;

namespace PartnerForge.Infrastructure.Enrichment.Fetching;

/// <summary>Settings of the one HTTP fetcher (section <c>Enrichment:Fetch</c>).</summary>
public sealed class FetchOptions
{
    public const string Section = "Enrichment:Fetch";

    /// <summary>Product token in the User-Agent and for robots.txt groups.</summary>
    [Required]
    public string ProductToken { get; set; } = "PartnerForge";

    /// <summary>Contact (mail address or URL) named in the User-Agent; SEC EDGAR requires one.</summary>
    [Required, MinLength(5)]
    public string Contact { get; set; } = "enrichment@partnerforge.example";

    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 5;

    [Range(1024, 100_000_000)]
    public long MaxBodyBytes { get; set; } = 3 * 1024 * 1024;

    public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 64)]
    public int PerHostConcurrency { get; set; } = 4;

    /// <summary>Requests per second per host when the host has no entry in <see cref="HostRequestsPerSecond"/>; 0 = unlimited.</summary>
    [Range(0, 10_000)]
    public double DefaultRequestsPerSecond { get; set; } = 5;

    /// <summary>Per-host rate limits, by host suffix (e.g. <c>sec.gov</c> = 10).</summary>
    public Dictionary<string, double> HostRequestsPerSecond { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["sec.gov"] = 10 };

    [Range(0, 6)]
    public int Retries { get; set; } = 2;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>A Retry-After longer than this is not waited for; the fetch ends as rate limited.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    public bool RespectRobots { get; set; } = true;

    public TimeSpan RobotsCacheDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Allow connecting to loopback addresses (tests and the offline demo only).</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Allow connecting to private (RFC 1918, unique-local) addresses. Off everywhere by default.</summary>
    public bool AllowPrivate { get; set; }

    /// <summary>
    /// Sample-site mode (tests, offline demo): every host name (not IP literals) is connected to this
    /// <c>host:port</c> over plain HTTP, with the original Host header. Empty in production.
    /// </summary>
    public string? SandboxEndpoint { get; set; }

    public string UserAgent => $"{ProductToken}/1.0 (+{Contact})";
}

/// <summary>
/// Where the sample-site server listens once started (offline demo): set by the hosted service that starts
/// it, read by the fetcher. Only used when configuration enables the sample sites.
/// </summary>
public sealed class SandboxRouting
{
    public string? Endpoint { get; set; }
}
