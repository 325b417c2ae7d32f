using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PartnerForge.Domain.Technologies;

public enum EvidenceKind
{
    ScriptSrc,
    Html,
    Meta,
    Header,
    Cookie,
    Url,
    Dns,
    Implied,

    /// <summary>The text of an HTML comment: the signature a plugin or generator writes (<c>&lt;!-- This site is optimized with … --&gt;</c>).</summary>
    Comment,
}

/// <summary>
/// One pattern of a fingerprint. Written in the catalog as <c>regex\;version:\1\;confidence:50</c>. The
/// <see cref="Literal"/> is a lower-case substring every match must contain: when the text lacks it the
/// regex is not run at all (the prefilter that keeps detection fast).
/// </summary>
public sealed class FingerprintPattern
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    public FingerprintPattern(EvidenceKind kind, string? key, string source)
    {
        Kind = kind;
        Key = key?.ToLowerInvariant();
        var parts = source.Split("\\;");
        Source = parts[0];
        foreach (var part in parts.Skip(1))
        {
            if (part.StartsWith("version:", StringComparison.Ordinal))
            {
                VersionTemplate = part["version:".Length..];
            }
            else if (part.StartsWith("confidence:", StringComparison.Ordinal) && int.TryParse(part["confidence:".Length..], out var c))
            {
                Confidence = Math.Clamp(c, 0, 100);
            }
        }

        // Comment text is one comment a line: ^ and $ anchor to a comment's start and end.
        var options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | (kind == EvidenceKind.Comment ? RegexOptions.Multiline : RegexOptions.None);
        Regex = new Regex(Source, options, MatchTimeout);
        Literal = LongestLiteral(Source);
        Literals = RequiredLiterals(Source);
    }

    public EvidenceKind Kind { get; }

    /// <summary>Header, cookie or meta name, or DNS record type.</summary>
    public string? Key { get; }

    public string Source { get; }

    public Regex Regex { get; }

    public string? Literal { get; }

    /// <summary>
    /// Lower-case substrings one of which every match contains: the longest literal, or for a top-level
    /// alternation the longest literal of each branch. Empty when some branch has none (the regex always runs).
    /// </summary>
    public IReadOnlyList<string> Literals { get; }

    public string? VersionTemplate { get; }

    public int Confidence { get; } = 100;

    /// <summary>The pattern split at its top-level <c>|</c> (escapes, character classes and groups respected).</summary>
    private static List<string> TopLevelBranches(string pattern)
    {
        var branches = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c == '[')
            {
                while (i < pattern.Length && pattern[i] != ']')
                {
                    i += pattern[i] == '\\' ? 2 : 1;
                }
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == '|' && depth == 0)
            {
                branches.Add(pattern[start..i]);
                start = i + 1;
            }
        }

        branches.Add(pattern[start..]);
        return branches;
    }

    /// <summary>The longest literal of each top-level branch of the pattern; empty if a branch has none.</summary>
    public static IReadOnlyList<string> RequiredLiterals(string pattern)
    {
        var branches = TopLevelBranches(pattern);
        var literals = new List<string>(branches.Count);
        foreach (var branch in branches)
        {
            if (LongestLiteral(branch) is not { } literal)
            {
                return [];
            }

            literals.Add(literal);
        }

        return literals.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The longest run of plain characters the regex requires, lower-cased; null when the pattern has a
    /// top-level alternation or no such run (then the regex always runs).
    /// </summary>
    public static string? LongestLiteral(string pattern)
    {
        if (TopLevelBranches(pattern).Count > 1)
        {
            return null;
        }

        string best = string.Empty;
        var run = new StringBuilder();
        var depth = 0;
        void Close()
        {
            // A run that is only markup every page is full of (class=, <script) is a poor prefilter: any
            // other run of three or more characters is preferred to it.
            var candidate = run.ToString().Trim();
            if (candidate.Length >= 3 && (best.Length == 0 || Rank(candidate) > Rank(best)))
            {
                best = candidate;
            }

            run.Clear();
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            char? literal = null;
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                i++;
                if (!char.IsLetterOrDigit(next))
                {
                    literal = next;
                }
            }
            else if (c is '(' or ')' or '[' or '|' or '^' or '$' or '.' or '+' or '*' or '?' or '{' or '}')
            {
                if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    depth--;
                }
                else if (c == '[')
                {
                    while (i < pattern.Length && pattern[i] != ']')
                    {
                        i += pattern[i] == '\\' ? 2 : 1;
                    }
                }
            }
            else
            {
                literal = c;
            }

            if (literal is { } l && depth == 0)
            {
                // A quantifier that allows zero repetitions makes the previous character optional.
                var quantified = i + 1 < pattern.Length && pattern[i + 1] is '?' or '*' or '{';
                if (quantified)
                {
                    Close();
                    continue;
                }

                run.Append(char.ToLowerInvariant(l));
            }
            else
            {
                Close();
            }
        }

        Close();
        return best.Length >= 3 ? best : null;
    }

    /// <summary>Markup tokens nearly every page holds many times over: weak literals for the prefilter.</summary>
    private static readonly HashSet<string> CommonMarkup = new(StringComparer.Ordinal)
    {
        "class=", "class=\"", "class='", "<script", "<link", "<meta", "<div", "<img", "<html", "<body", "<span",
        "href=", "src=", "rel=", "id=", "name=", "content=", "type=", "data-", "style=", "<a", "<iframe", "<form",
        "<input", "https://", "http://", "//www.", "www.", ".com/", ".js", ".css", "function", "var ", "window.",
    };

    private static int Rank(string literal) => CommonMarkup.Contains(literal) || CommonMarkup.Contains(literal.TrimEnd('"', '\'', ' '))
        ? literal.Length
        : 1000 + literal.Length;
}

public sealed class TechnologyFingerprint
{
    public required string Name { get; init; }

    public required string Category { get; init; }

    public string? Vendor { get; init; }

    public string? Website { get; init; }

    public IReadOnlyList<FingerprintPattern> Patterns { get; init; } = [];

    public IReadOnlyList<string> Implies { get; init; } = [];

    public IReadOnlyList<string> Excludes { get; init; } = [];

    public IReadOnlyList<string> Requires { get; init; } = [];
}

/// <summary>Our technology fingerprint catalog, parsed from its JSON data file.</summary>
public sealed class FingerprintCatalog
{
    private FingerprintCatalog(IReadOnlyList<TechnologyFingerprint> technologies)
    {
        Technologies = technologies;
        ByName = technologies.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<TechnologyFingerprint> Technologies { get; }

    public IReadOnlyDictionary<string, TechnologyFingerprint> ByName { get; }

    public IEnumerable<string> Categories => Technologies.Select(t => t.Category).Distinct(StringComparer.Ordinal);

    /// <summary>The categories a catalog entry may have (a typo in a data file fails at start).</summary>
    public static readonly IReadOnlySet<string> KnownCategories = new HashSet<string>(StringComparer.Ordinal)
    {
        "A/B testing and personalization", "Accessibility", "Advertising", "Affiliate marketing", "Analytics",
        "Authentication", "Booking and scheduling", "CDN", "CMS", "Comments", "Consent management",
        "Customer data platform", "Customer support", "Databases", "E-commerce", "Email", "Fonts", "Forms",
        "Forums", "Fundraising", "Hosting", "JavaScript frameworks", "JavaScript libraries", "Live chat", "Maps",
        "Marketing automation", "Monitoring", "Page builders", "Payments", "Performance", "Programming languages",
        "Push notifications", "Recruiting", "Reviews", "SEO", "Security", "Site search", "Social",
        "Static site generators", "Surveys", "Tag managers", "Translation", "UI frameworks", "Video",
        "Web frameworks", "Web servers", "Widgets", "WordPress plugins", "WordPress themes",
    };

    public static FingerprintCatalog Parse(string json) => Parse([json]);

    /// <summary>
    /// Parses and validates the catalog's data files: every entry has a name (unique across the files), a
    /// known category and valid patterns, and names only known technologies in implies/excludes/requires.
    /// </summary>
    public static FingerprintCatalog Parse(IEnumerable<string> jsonDocuments)
    {
        var list = new List<TechnologyFingerprint>();
        foreach (var json in jsonDocuments)
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            foreach (var t in document.RootElement.GetProperty("technologies").EnumerateArray())
            {
                list.Add(ParseTechnology(t));
            }
        }

        Validate(list);
        return new FingerprintCatalog(list);
    }

    private static TechnologyFingerprint ParseTechnology(JsonElement t)
    {
        var name = t.TryGetProperty("name", out var n) ? n.GetString() : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new FormatException("A technology in the catalog has no name.");
        }

        var patterns = new List<FingerprintPattern>();
        try
        {
            AddList(t, "scriptSrc", EvidenceKind.ScriptSrc, patterns);
            AddList(t, "html", EvidenceKind.Html, patterns);
            AddList(t, "comments", EvidenceKind.Comment, patterns);
            AddList(t, "url", EvidenceKind.Url, patterns);
            AddMap(t, "meta", EvidenceKind.Meta, patterns);
            AddMap(t, "headers", EvidenceKind.Header, patterns);
            AddMap(t, "cookies", EvidenceKind.Cookie, patterns);
            AddMap(t, "dns", EvidenceKind.Dns, patterns);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"Technology '{name}' has an invalid pattern: {ex.Message}", ex);
        }

        var category = t.TryGetProperty("category", out var c) ? c.GetString() : null;
        if (category is null || !KnownCategories.Contains(category))
        {
            throw new FormatException($"Technology '{name}' has an unknown category '{category}'.");
        }

        return new TechnologyFingerprint
        {
            Name = name,
            Category = category,
            Vendor = Optional(t, "vendor"),
            Website = Optional(t, "website"),
            Patterns = patterns,
            Implies = Strings(t, "implies"),
            Excludes = Strings(t, "excludes"),
            Requires = Strings(t, "requires"),
        };
    }

    private static void Validate(List<TechnologyFingerprint> list)
    {
        var duplicates = list.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new FormatException("Duplicate technologies in the catalog: " + string.Join(", ", duplicates));
        }

        var names = list.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = list.SelectMany(t => t.Implies.Concat(t.Excludes).Concat(t.Requires).Select(r => (t.Name, r))).Where(x => !names.Contains(x.r)).ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException("Unknown technologies referenced: " + string.Join(", ", unknown.Select(u => $"{u.Name} → {u.r}")));
        }
    }

    private static string? Optional(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;

    private static List<string> Strings(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? []
        : v.ValueKind == JsonValueKind.String ? [v.GetString()!]
        : v.EnumerateArray().Select(x => x.GetString()!).ToList();

    private static void AddList(JsonElement e, string name, EvidenceKind kind, List<FingerprintPattern> into)
    {
        foreach (var p in Strings(e, name))
        {
            into.Add(new FingerprintPattern(kind, null, p));
        }
    }

    private static void AddMap(JsonElement e, string name, EvidenceKind kind, List<FingerprintPattern> into)
    {
        if (!e.TryGetProperty(name, out var map))
        {
            return;
        }

        foreach (var entry in map.EnumerateObject())
        {
            var values = entry.Value.ValueKind == JsonValueKind.Array
                ? entry.Value.EnumerateArray().Select(x => x.GetString()!).ToList()
                : [entry.Value.GetString()!];
            foreach (var v in values)
            {
                into.Add(new FingerprintPattern(kind, entry.Name, v));
            }
        }
    }
}
