using System.Net;
using System.Text.RegularExpressions;
using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Web.Components.Pages.Accounts.Intelligence;

/// <summary>
/// What a reader sees of a fact's source: a short quote of the evidence as text (tags stripped, entities decoded,
/// at most <see cref="MaxQuote"/> characters), where it was read (a link only for web addresses), how (in words)
/// and when.
/// </summary>
public sealed partial record FactEvidence(string Quote, string? Href, string SourceName, string Method, DateTime FetchedAtUtc)
{
    public const int MaxQuote = 200;

    public static FactEvidence From(SourceRef source, string? value = null) =>
        new(Around(QuoteOf(source.Excerpt), value), SafeHref(source.Url), NameOf(source.Url), MethodWords(source.Method), source.FetchedAtUtc);

    /// <summary>A long quote narrowed to the words around the fact's value when it contains it ("…"name": "Acme Outdoor Supply", "url"…").</summary>
    public static string Around(string quote, string? value, int width = 90)
    {
        if (quote.Length <= width || string.IsNullOrWhiteSpace(value) || value.Length < 3)
        {
            return quote;
        }

        var at = quote.IndexOf(value.Trim(), StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return quote;
        }

        var start = Math.Max(0, at - ((width - Math.Min(value.Length, width)) / 2));
        var end = Math.Min(quote.Length, Math.Max(start + width, at + Math.Min(value.Length, MaxQuote - 2)));
        return (start > 0 ? "…" : string.Empty) + quote[start..end].Trim() + (end < quote.Length ? "…" : string.Empty);
    }

    /// <summary>
    /// The evidence as plain text: markup removed (a tag without text, such as <c>&lt;meta content=…&gt;</c> or
    /// <c>&lt;script src=…&gt;</c>, gives its content, src or href value instead), entities decoded, whitespace
    /// collapsed, cut at <see cref="MaxQuote"/> characters with an ellipsis.
    /// </summary>
    public static string QuoteOf(string? excerpt)
    {
        if (string.IsNullOrWhiteSpace(excerpt))
        {
            return string.Empty;
        }

        var text = Tag().Replace(excerpt, " ");
        if (string.IsNullOrWhiteSpace(WebUtility.HtmlDecode(text)))
        {
            text = string.Join(" ", Tag().Matches(excerpt).SelectMany(t => Attribute().Matches(t.Value)).Select(a => a.Groups["value"].Value));
        }

        text = Whitespace().Replace(WebUtility.HtmlDecode(text), " ").Trim();
        text = Tag().Replace(text, " ").Replace("<", "‹", StringComparison.Ordinal).Replace(">", "›", StringComparison.Ordinal).Trim();
        return text.Length > MaxQuote ? text[..(MaxQuote - 1)].TrimEnd() + "…" : text;
    }

    /// <summary>Only web links become clickable; other schemes (dns:, urn:) link nowhere.</summary>
    public static string? SafeHref(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? url : null;

    private static string NameOf(string url)
    {
        if (url.StartsWith("dns:", StringComparison.OrdinalIgnoreCase))
        {
            return $"DNS of {url[4..]}";
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? uri.Host : url;
    }

    /// <summary>How the fact was read, in words ("structured data" for <c>json-ld</c>); unknown methods as their words.</summary>
    public static string MethodWords(string method) => method switch
    {
        "json-ld" => "structured data",
        "open-graph" => "page preview tags",
        "html-meta" => "page metadata",
        "html-title" => "page title",
        "html-link" => "link on the page",
        "html" => "page content",
        "script-src" => "script on the page",
        "http-header" => "HTTP header",
        "cookie" => "cookie",
        "url" => "page address",
        "dns" => "DNS record",
        "implied" => "implied by another technology",
        "sec-companyfacts" => "SEC company facts",
        "sec-submissions" => "SEC filings",
        "greenhouse-api" => "Greenhouse job board",
        "rss" or "atom" => "news feed",
        "press-release" => "press release",
        "tech-overlap" => "shared technologies",
        "title-rule" => "your title rules",
        "user-override" => "set by hand",
        "evidence-match" => "your proof points",
        "icp-fit" => "your ideal customer profile",
        "signal-score" => "signal scoring",
        "top-sites-csv" => "top-sites list",
        _ => method.Replace('-', ' ').Replace('_', ' '),
    };

    [GeneratedRegex(@"<[^>]*>?")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\b(?:content|src|href)\s*=\s*[""'](?<value>[^""']*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex Attribute();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
