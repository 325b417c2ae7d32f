namespace PartnerForge.Infrastructure.Enrichment.Fetching;

public enum FetchStatus
{
    Ok,
    NotFound,
    ClientError,
    ServerError,
    /// <summary>A bot wall or challenge page answered instead of the content.</summary>
    Blocked,
    RobotsDisallowed,
    RateLimited,
    TooLarge,
    Timeout,
    /// <summary>The SSRF guard refused the address (or the URL scheme).</summary>
    Refused,
    TooManyRedirects,
    NetworkError,
}

public sealed record FetchResult
{
    public required string RequestedUrl { get; init; }

    public required string FinalUrl { get; init; }

    public required FetchStatus Status { get; init; }

    public int HttpStatus { get; init; }

    public string Body { get; init; } = string.Empty;

    public string? ContentType { get; init; }

    public string? Charset { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Cookies { get; init; } = [];

    public IReadOnlyList<string> Redirects { get; init; } = [];

    public DateTime FetchedAtUtc { get; init; }

    public string? Reason { get; init; }

    public bool IsOk => Status == FetchStatus.Ok;
}

/// <summary>The one way enrichment reaches the web.</summary>
public interface IWebFetcher
{
    Task<FetchResult> GetAsync(string url, CancellationToken cancellationToken = default);

    /// <summary>The same fetch, counted under <paramref name="source"/> (a metered source's name; "web" for pages).</summary>
    Task<FetchResult> GetAsync(string url, string source, CancellationToken cancellationToken) => GetAsync(url, cancellationToken);
}
