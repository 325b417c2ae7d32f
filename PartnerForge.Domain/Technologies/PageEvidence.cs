using System.Text.RegularExpressions;

namespace PartnerForge.Domain.Technologies;

/// <summary>What a fetched page offers to technology detection. Build it with <see cref="FromHtml"/>.</summary>
public sealed class PageEvidence
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);
    private static readonly Regex ScriptSrc = new(@"<script\b[^>]*?\bsrc\s*=\s*[""']?([^""'\s>]+)", RegexOptions.IgnoreCase | RegexOptions.Compiled | RegexOptions.CultureInvariant, Timeout);
    private static readonly Regex MetaTag = new(@"<meta\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.Compiled | RegexOptions.CultureInvariant, Timeout);
    private static readonly Regex Attribute = new(@"\b(name|property|http-equiv|content)\s*=\s*(?:""([^""]*)""|'([^']*)')", RegexOptions.IgnoreCase | RegexOptions.Compiled | RegexOptions.CultureInvariant, Timeout);

    public required string Url { get; init; }

    public string Html { get; init; } = string.Empty;

    /// <summary>The HTML lower-cased once (literal prefilters run on it).</summary>
    public string HtmlLower { get; init; } = string.Empty;

    public IReadOnlyList<string> ScriptSources { get; init; } = [];

    /// <summary>Meta tags by lower-case name/property, each with its content values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Meta { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Response headers by lower-case name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Cookie names (lower-case) and values.</summary>
    public IReadOnlyDictionary<string, string> Cookies { get; init; } = new Dictionary<string, string>();

    /// <summary>DNS records by type (MX, TXT), when a resolver was available.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Dns { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public static PageEvidence FromHtml(
        string url,
        string html,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        IEnumerable<KeyValuePair<string, string>>? cookies = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? dns = null)
    {
        html ??= string.Empty;
        var scripts = new List<string>();
        var meta = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            foreach (Match m in ScriptSrc.Matches(html))
            {
                scripts.Add(m.Groups[1].Value);
            }

            foreach (Match tag in MetaTag.Matches(html))
            {
                string? key = null;
                string? content = null;
                foreach (Match a in Attribute.Matches(tag.Value))
                {
                    var value = a.Groups[2].Success ? a.Groups[2].Value : a.Groups[3].Value;
                    if (a.Groups[1].Value.Equals("content", StringComparison.OrdinalIgnoreCase))
                    {
                        content = value;
                    }
                    else
                    {
                        key = value.ToLowerInvariant();
                    }
                }

                if (key is not null && content is not null)
                {
                    if (!meta.TryGetValue(key, out var list))
                    {
                        meta[key] = list = [];
                    }

                    list.Add(content);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was extracted before a pathological page stalled the extractor.
        }

        return new PageEvidence
        {
            Url = url,
            Html = html,
            HtmlLower = html.ToLowerInvariant(),
            ScriptSources = scripts,
            Meta = meta.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal),
            Headers = (headers ?? []).GroupBy(h => h.Key.ToLowerInvariant())
                .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(h => h.Value)), StringComparer.Ordinal),
            Cookies = (cookies ?? []).GroupBy(c => c.Key.ToLowerInvariant())
                .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal),
            Dns = dns ?? new Dictionary<string, IReadOnlyList<string>>(),
        };
    }
}
