using System.Text;
using System.Text.RegularExpressions;

namespace PartnerForge.Domain.Technologies;

/// <summary>What a fetched page offers to technology detection. Build it with <see cref="FromHtml"/>.</summary>
public sealed class PageEvidence
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);
    private static readonly Regex ScriptSrc = new(@"<script\b[^>]*?\bsrc\s*=\s*[""']?([^""'\s>]+)", RegexOptions.IgnoreCase | RegexOptions.Compiled | RegexOptions.CultureInvariant, Timeout);
    private static readonly Regex MetaTag = new(@"<meta\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.Compiled | RegexOptions.CultureInvariant, Timeout);
    private static readonly Regex Attribute = new(@"\b(name|property|http-equiv|content)\s*=\s*(?:""([^""]*)""|'([^']*)')", RegexOptions.IgnoreCase | RegexOptions.Compiled | RegexOptions.CultureInvariant, Timeout);

    /// <summary>
    /// A quoted script address inside inline script text: an absolute or protocol-relative URL, or a host and
    /// path ending in a script (<c>'.google-analytics.com/ga.js'</c>, joined at run time to a scheme).
    /// </summary>
    private static readonly Regex QuotedUrl = new(
        @"[""']((?:https?:)?(?:\\?/){2}[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(?::\d+)?(?:\\?/[^""'\s<>]*)?|\.?[a-z0-9-]+(?:\.[a-z0-9-]+)+/[^""'\s<>]*\.js\b[^""'\s<>]*)[""']",
        RegexOptions.IgnoreCase | RegexOptions.Compiled | RegexOptions.CultureInvariant, Timeout);

    public required string Url { get; init; }

    /// <summary>The page's HTML with plain comments removed (conditional comments keep their content).</summary>
    public string Html { get; init; } = string.Empty;

    /// <summary>The HTML lower-cased once (literal prefilters run on it).</summary>
    public string HtmlLower { get; init; } = string.Empty;

    public IReadOnlyList<string> ScriptSources { get; init; } = [];

    /// <summary>
    /// The plain comments removed from <see cref="Html"/>, one per line, each clipped to its first
    /// <see cref="CommentClip"/> characters: where plugins and generators sign a page
    /// (<c>This site is optimized with the Yoast SEO plugin v19.5</c>). Commented-out markup is not matched
    /// as markup; only the catalog's comment patterns read this text.
    /// </summary>
    public string Comments { get; init; } = string.Empty;

    /// <summary>How much of each comment is kept: signatures open their comment.</summary>
    public const int CommentClip = 400;

    /// <summary>
    /// The text of each <c>&lt;style&gt;</c> element in <see cref="Html"/> as (start, end) offsets, in page order:
    /// the detector tells a class named in a stylesheet selector (a theme styling a plugin that may not be
    /// there) from the same class in markup.
    /// </summary>
    public IReadOnlyList<(int Start, int End)> StyleText { get; init; } = [];

    /// <summary>The text of each <c>&lt;script&gt;</c> element in <see cref="Html"/> as (start, end) offsets, in page order.</summary>
    public IReadOnlyList<(int Start, int End)> ScriptText { get; init; } = [];

    /// <summary>Script addresses written inside inline scripts: what a loader snippet injects at run time.</summary>
    public IReadOnlyList<string> InlineScriptUrls { get; init; } = [];

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
        var comments = new StringBuilder();
        html = StripComments(html ?? string.Empty, comments);
        var scripts = new List<string>();
        var inline = new List<string>();
        var meta = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            foreach (Match m in ScriptSrc.Matches(html))
            {
                scripts.Add(m.Groups[1].Value);
            }

            ReadMeta(html, meta);
            ReadInlineScriptUrls(html, inline);
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was extracted before a pathological page stalled the extractor.
        }

        return new PageEvidence
        {
            Url = url,
            Html = html,
            HtmlLower = LowerCase(html),
            ScriptSources = scripts,
            StyleText = ReadRawText(html, "<style", "</style"),
            ScriptText = ReadRawText(html, "<script", "</script"),
            Comments = comments.ToString(),
            InlineScriptUrls = inline,
            Meta = meta.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal),
            Headers = (headers ?? []).GroupBy(h => h.Key.ToLowerInvariant())
                .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(h => h.Value)), StringComparer.Ordinal),
            Cookies = (cookies ?? []).GroupBy(c => c.Key.ToLowerInvariant())
                .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal),
            Dns = dns ?? new Dictionary<string, IReadOnlyList<string>>(),
        };
    }

    /// <summary>
    /// The text lower-cased character by character (invariant culture), the same length as the text: ASCII runs
    /// in vectorised blocks, every other character on its own. <see cref="string.ToLowerInvariant()"/> leaves its
    /// fast path for good at a page's first non-ASCII character (a name with an umlaut in the title), and the
    /// lower-casing then cost more than all the matching.
    /// </summary>
    public static string LowerCase(string text) => string.Create(text.Length, text, static (target, source) =>
    {
        var from = source.AsSpan();
        var at = 0;
        while (at < from.Length)
        {
            var status = System.Text.Ascii.ToLower(from[at..], target[at..], out var written);
            at += written;
            if (status == System.Buffers.OperationStatus.Done)
            {
                break;
            }

            target[at] = char.ToLowerInvariant(from[at]);
            at++;
        }
    });

    /// <summary>
    /// Removes <c>&lt;!-- … --&gt;</c> comments: commented-out markup is not what the page runs. Conditional
    /// comments (<c>&lt;!--[if lt IE 9]&gt;…&lt;![endif]--&gt;</c>) keep their content, which old browsers do run.
    /// </summary>
    public static string StripComments(string html) => StripComments(html, null);

    private static string StripComments(string html, StringBuilder? comments)
    {
        var start = NextComment(html, 0);
        if (start < 0)
        {
            return html;
        }

        var result = new StringBuilder(html.Length);
        var position = 0;
        while (start >= 0)
        {
            result.Append(html, position, start - position);
            var end = html.IndexOf("-->", start + 4, StringComparison.Ordinal);
            if (end < 0)
            {
                position = html.Length;
                break;
            }

            if (html.AsSpan(start + 4).StartsWith("[if", StringComparison.OrdinalIgnoreCase))
            {
                // Keep a conditional comment's body, drop only its markers.
                var open = html.IndexOf('>', start + 4);
                var close = html.LastIndexOf("<![endif]", end, end - start, StringComparison.OrdinalIgnoreCase);
                if (open > 0 && open < end && close > open)
                {
                    result.Append(html, open + 1, close - open - 1);
                }
            }
            else if (comments is not null)
            {
                var body = html.AsSpan(start + 4, end - start - 4).Trim();
                comments.Append(body[..Math.Min(body.Length, CommentClip)]).Append('\n');
            }

            position = end + 3;
            start = NextComment(html, position);
        }

        result.Append(html, position, html.Length - position);
        return result.ToString();
    }

    /// <summary>
    /// The next <c>&lt;!--</c> at or after <paramref name="from"/> that opens a comment: the text of a
    /// <c>&lt;script&gt;</c> or <c>&lt;style&gt;</c> element is raw text, where <c>&lt;!--</c> opens no comment
    /// (the old <c>&lt;!--//--&gt;&lt;![CDATA[//&gt;&lt;!--</c> wrapper of inline scripts), so those are skipped.
    /// </summary>
    private static int NextComment(string html, int from)
    {
        while (from < html.Length)
        {
            var comment = html.IndexOf("<!--", from, StringComparison.Ordinal);
            if (comment < 0)
            {
                return -1;
            }

            var script = html.IndexOf("<script", from, comment - from, StringComparison.OrdinalIgnoreCase);
            var style = html.IndexOf("<style", from, (script < 0 ? comment : script) - from, StringComparison.OrdinalIgnoreCase);
            if (script < 0 && style < 0)
            {
                return comment;
            }

            var raw = style >= 0 ? style : script;
            var close = html.IndexOf(style >= 0 ? "</style" : "</script", raw, StringComparison.OrdinalIgnoreCase);
            if (close < 0)
            {
                return -1;
            }

            from = close + 2;
        }

        return -1;
    }

    private static void ReadMeta(string html, Dictionary<string, List<string>> meta)
    {
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

    /// <summary>The (start, end) offsets of the raw text of every <paramref name="open"/> element.</summary>
    private static List<(int Start, int End)> ReadRawText(string html, string open, string close)
    {
        var blocks = new List<(int Start, int End)>();
        var at = html.IndexOf(open, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var tagEnd = html.IndexOf('>', at);
            if (tagEnd < 0)
            {
                break;
            }

            var end = html.IndexOf(close, tagEnd, StringComparison.OrdinalIgnoreCase);
            if (end < 0)
            {
                end = html.Length;
            }

            if (end > tagEnd + 1)
            {
                blocks.Add((tagEnd + 1, end));
            }

            at = end < html.Length ? html.IndexOf(open, end + close.Length, StringComparison.OrdinalIgnoreCase) : -1;
        }

        return blocks;
    }

    /// <summary>Quoted script addresses inside the bodies of inline <c>&lt;script&gt;</c> elements.</summary>
    private static void ReadInlineScriptUrls(string html, List<string> into)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var at = html.IndexOf("<script", StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var tagEnd = html.IndexOf('>', at);
            if (tagEnd < 0)
            {
                return;
            }

            var close = html.IndexOf("</script", tagEnd, StringComparison.OrdinalIgnoreCase);
            if (close < 0)
            {
                close = html.Length;
            }

            if (close - tagEnd > 20)
            {
                var body = html.AsSpan(tagEnd + 1, close - tagEnd - 1);
                foreach (var m in QuotedUrl.EnumerateMatches(body))
                {
                    var value = body.Slice(m.Index + 1, m.Length - 2).ToString().Replace("\\/", "/", StringComparison.Ordinal);
                    if (seen.Add(value))
                    {
                        into.Add(value);
                    }
                }
            }

            at = close < html.Length ? html.IndexOf("<script", close + 8, StringComparison.OrdinalIgnoreCase) : -1;
        }
    }
}
