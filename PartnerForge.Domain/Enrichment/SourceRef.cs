namespace PartnerForge.Domain.Enrichment;

/// <summary>
/// Where a fact came from: the URL fetched, when, how it was read (e.g. <c>html-meta</c>, <c>json-ld</c>,
/// <c>script-src</c>, <c>sec-companyfacts</c>, <c>greenhouse-api</c>) and a short excerpt or hash of the evidence.
/// Every fact enrichment writes carries one.
/// </summary>
public sealed record SourceRef
{
    public const int MaxExcerpt = 300;

    public SourceRef(string url, DateTime fetchedAtUtc, string method, string excerpt)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            throw new InvalidFactException($"A source needs an absolute URL, got '{url}'.");
        }

        if (string.IsNullOrWhiteSpace(method))
        {
            throw new InvalidFactException("A source needs a method.");
        }

        Url = url;
        FetchedAtUtc = DateTime.SpecifyKind(fetchedAtUtc, DateTimeKind.Utc);
        Method = method;
        excerpt ??= string.Empty;
        Excerpt = excerpt.Length > MaxExcerpt ? excerpt[..MaxExcerpt] : excerpt;
    }

    public string Url { get; }

    public DateTime FetchedAtUtc { get; }

    public string Method { get; }

    public string Excerpt { get; }
}

public sealed class InvalidFactException(string message) : ArgumentException(message);
