using System.Text;
using System.Text.RegularExpressions;

namespace PartnerForge.Domain.Outreach;

/// <summary>
/// E-mail templates with merge fields: <c>{{first_name}}</c>, or <c>{{technology | your stack}}</c> with a fallback used when
/// the contact or account has no value. An unknown field is an error when the template is saved; a field with neither a
/// value nor a fallback is reported as missing when rendering (the e-mail is then not sent).
/// </summary>
public static partial class MergeTemplate
{
    public static IReadOnlyDictionary<string, string> Fields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["first_name"] = "The contact's first name",
        ["last_name"] = "The contact's last name",
        ["full_name"] = "The contact's full name",
        ["title"] = "The contact's job title",
        ["account_name"] = "The account's name",
        ["account_domain"] = "The account's web domain",
        ["technology"] = "A technology detected on the account's site (the most certain)",
        ["trigger"] = "The account's most recent notable change (last 90 days)",
        ["sender_name"] = "The sequence owner's name",
    };

    /// <summary>Problems with a template's syntax or fields, in words; empty when it is fine.</summary>
    public static IReadOnlyList<string> Problems(string? template)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(template))
        {
            return problems;
        }

        foreach (Match match in Placeholder().Matches(template))
        {
            var field = match.Groups["field"].Value;
            if (!Fields.ContainsKey(field))
            {
                problems.Add($"{{{{{field}}}}} is not a merge field. Use one of: {string.Join(", ", Fields.Keys.Select(k => "{{" + k + "}}"))}.");
            }
        }

        var stripped = Placeholder().Replace(template, string.Empty);
        if (stripped.Contains("{{", StringComparison.Ordinal) || stripped.Contains("}}", StringComparison.Ordinal))
        {
            problems.Add("A merge field is not closed: write it as {{field}} or {{field | fallback}}.");
        }

        return problems.Distinct().ToList();
    }

    /// <summary>The template with every field filled; <c>Missing</c> names the fields that had no value and no fallback.</summary>
    public static (string Text, IReadOnlyList<string> Missing) Render(string template, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var missing = new List<string>();
        var text = Placeholder().Replace(template, match =>
        {
            var field = match.Groups["field"].Value;
            if (values.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }

            if (match.Groups["fallback"].Success)
            {
                return match.Groups["fallback"].Value.Trim();
            }

            missing.Add(field);
            return string.Empty;
        });
        return (text, missing.Distinct().ToList());
    }

    /// <summary>Merge values of a person and their account.</summary>
    public static Dictionary<string, string?> Values(string fullName, string? title, string accountName, string? accountDomain, string? technology, string? trigger, string? senderName)
    {
        var parts = (fullName ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["first_name"] = parts.FirstOrDefault(),
            ["last_name"] = parts.Length > 1 ? parts[^1] : null,
            ["full_name"] = fullName,
            ["title"] = title,
            ["account_name"] = accountName,
            ["account_domain"] = accountDomain,
            ["technology"] = technology,
            ["trigger"] = trigger,
            ["sender_name"] = senderName,
        };
    }

    /// <summary>A plain-text body as HTML: escaped, paragraphs kept, web addresses turned into links by <paramref name="link"/>.</summary>
    public static string ToHtml(string text, Func<string, string> link)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(link);
        var html = new StringBuilder();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            html.Append("<p>");
            var last = 0;
            foreach (Match url in WebAddress().Matches(paragraph))
            {
                html.Append(Encode(paragraph[last..url.Index]));
                html.Append("<a href=\"").Append(System.Net.WebUtility.HtmlEncode(link(url.Value))).Append("\">")
                    .Append(System.Net.WebUtility.HtmlEncode(url.Value)).Append("</a>");
                last = url.Index + url.Length;
            }

            html.Append(Encode(paragraph[last..])).Append("</p>\n");
        }

        return html.ToString();
    }

    /// <summary>The web addresses in a text, as <see cref="ToHtml"/> links them.</summary>
    public static IEnumerable<string> Links(string text) => WebAddress().Matches(text).Select(m => m.Value);

    private static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text).Replace("\n", "<br>\n", StringComparison.Ordinal);

    [GeneratedRegex(@"\{\{\s*(?<field>[A-Za-z0-9_\.]+)\s*(\|\s*(?<fallback>[^{}]*?)\s*)?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"https?://[^\s<>""']+[^\s<>""'.,;:!?)]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex WebAddress();
}
