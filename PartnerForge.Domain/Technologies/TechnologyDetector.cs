using System.Text.RegularExpressions;

namespace PartnerForge.Domain.Technologies;

public sealed record DetectionEvidence(EvidenceKind Kind, string Line);

public sealed record Detection(string Technology, string Category, int Confidence, string? Version, DetectionEvidence Evidence);

/// <summary>
/// Matches a page against the fingerprint catalog. Each pattern runs only where it applies (script
/// sources, one header, one cookie, ...), and a pattern with a required literal runs only when the text
/// holds that literal. Every regex has a match timeout; a timed-out pattern counts as no match. Then
/// requires, excludes and implies are applied, and each detection keeps the line it was found on.
/// </summary>
public sealed class TechnologyDetector
{
    private readonly LiteralIndex _html;
    private readonly LiteralIndex _scripts;
    private readonly LiteralIndex _comments;
    private readonly List<(TechnologyFingerprint Tech, FingerprintPattern Pattern)> _other = [];

    public TechnologyDetector(FingerprintCatalog catalog)
    {
        Catalog = catalog;
        var all = catalog.Technologies.SelectMany(t => t.Patterns.Select(p => (Tech: t, Pattern: p))).ToList();
        _html = new LiteralIndex(all.Where(x => x.Pattern.Kind == EvidenceKind.Html));
        _scripts = new LiteralIndex(all.Where(x => x.Pattern.Kind == EvidenceKind.ScriptSrc));
        _comments = new LiteralIndex(all.Where(x => x.Pattern.Kind == EvidenceKind.Comment));
        _other = all.Where(x => x.Pattern.Kind is not EvidenceKind.Html and not EvidenceKind.ScriptSrc and not EvidenceKind.Comment).ToList();
    }

    /// <summary>The summed confidence from which a technology is reported.</summary>
    public const int ReportThreshold = 50;

    public FingerprintCatalog Catalog { get; }

    public IReadOnlyList<Detection> Detect(PageEvidence page) => Detect([page]);

    public IReadOnlyList<Detection> Detect(IReadOnlyList<PageEvidence> pages)
    {
        var found = new Dictionary<string, Accumulator>(StringComparer.OrdinalIgnoreCase);
        void Hit(TechnologyFingerprint tech, FingerprintPattern pattern, System.Text.RegularExpressions.Match match, DetectionEvidence evidence)
        {
            if (!found.TryGetValue(tech.Name, out var acc))
            {
                found[tech.Name] = acc = new Accumulator(tech);
            }

            acc.Add(pattern, match, evidence);
        }

        foreach (var page in pages)
        {
            // One multi-literal pass over the page picks the few patterns worth running.
            foreach (var (tech, pattern) in _html.Candidates(page.HtmlLower))
            {
                if (Match(pattern, page) is { } hit)
                {
                    Hit(tech, pattern, hit.Match, hit.Evidence);
                }
            }

            if (page.ScriptSources.Count + page.InlineScriptUrls.Count > 0)
            {
                var scripts = string.Join('\n', page.ScriptSources.Concat(page.InlineScriptUrls)).ToLowerInvariant();
                foreach (var (tech, pattern) in _scripts.Candidates(scripts))
                {
                    if (Match(pattern, page) is { } hit)
                    {
                        Hit(tech, pattern, hit.Match, hit.Evidence);
                    }
                }
            }

            if (page.Comments.Length > 0)
            {
                foreach (var (tech, pattern) in _comments.Candidates(page.Comments.ToLowerInvariant()))
                {
                    if (Match(pattern, page) is { } hit)
                    {
                        Hit(tech, pattern, hit.Match, hit.Evidence);
                    }
                }
            }

            foreach (var (tech, pattern) in _other)
            {
                if (Match(pattern, page) is { } hit)
                {
                    Hit(tech, pattern, hit.Match, hit.Evidence);
                }
            }
        }

        return Resolve(found);
    }

    /// <summary>
    /// Patterns keyed by their required literal, found in one pass over the text: a bit table of the literals'
    /// first four characters (hashed; first three for three-character literals) picks the places worth a walk
    /// of the literal trie; patterns without a literal are always candidates.
    /// </summary>
    private sealed class LiteralIndex
    {
        private const int Bits = 20;
        private readonly ulong[] _starts4 = new ulong[(1 << Bits) / 64];
        private readonly ulong[] _starts3 = new ulong[(1 << Bits) / 64];
        private readonly bool _anyShort;
        private readonly Dictionary<string, List<(TechnologyFingerprint, FingerprintPattern)>> _byLiteral = new(StringComparer.Ordinal);
        private readonly List<(TechnologyFingerprint, FingerprintPattern)> _always = [];
        private readonly TrieNode _trie = new();

        public LiteralIndex(IEnumerable<(TechnologyFingerprint Tech, FingerprintPattern Pattern)> patterns)
        {
            foreach (var (tech, pattern) in patterns)
            {
                if (pattern.Literals.Count == 0 || pattern.Literals.Any(l => l.Length < 3))
                {
                    _always.Add((tech, pattern));
                    continue;
                }

                foreach (var literal in pattern.Literals)
                {
                    if (!_byLiteral.TryGetValue(literal, out var list))
                    {
                        _byLiteral[literal] = list = [];
                    }

                    list.Add((tech, pattern));
                }
            }

            foreach (var literal in _byLiteral.Keys)
            {
                _trie.Add(literal);
                if (literal.Length >= 4)
                {
                    Set(_starts4, Hash(literal[0], literal[1], literal[2], literal[3]));
                }
                else
                {
                    Set(_starts3, Hash(literal[0], literal[1], literal[2], '\0'));
                    _anyShort = true;
                }
            }

            _trie.Freeze();
        }

        /// <summary>A <see cref="Bits"/>-bit hash of four characters (Fibonacci hashing of their low seven bits).</summary>
        private static int Hash(char a, char b, char c, char d) =>
            (int)(((uint)(a & 0x7F) | ((uint)(b & 0x7F) << 7) | ((uint)(c & 0x7F) << 14) | ((uint)(d & 0x7F) << 21)) * 2654435769u >> (32 - Bits));

        private static void Set(ulong[] table, int hash) => table[hash >> 6] |= 1UL << (hash & 63);

        private static bool IsSet(ulong[] table, int hash) => (table[hash >> 6] & (1UL << (hash & 63))) != 0;

        public List<(TechnologyFingerprint Tech, FingerprintPattern Pattern)> Candidates(string lowerText)
        {
            var result = new List<(TechnologyFingerprint, FingerprintPattern)>(_always);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var patterns = new HashSet<FingerprintPattern>(ReferenceEqualityComparer.Instance);
            var text = lowerText.AsSpan();
            for (var at = 0; at + 2 < text.Length; at++)
            {
                var fourth = at + 3 < text.Length ? text[at + 3] : '\0';
                if (!IsSet(_starts4, Hash(text[at], text[at + 1], text[at + 2], fourth))
                    && !(_anyShort && IsSet(_starts3, Hash(text[at], text[at + 1], text[at + 2], '\0'))))
                {
                    continue;
                }

                // Walk the trie along the text: every literal starting here is one node on the path, so a
                // place where hundreds of literals share a prefix (/wp-content/plugins/…) costs one walk.
                var node = _trie;
                for (var i = at; i < text.Length && node.Next(text[i]) is { } next; i++)
                {
                    node = next;
                    if (node.Literal is { } literal && seen.Add(literal))
                    {
                        result.AddRange(_byLiteral[literal].Where(x => patterns.Add(x.Item2)));
                    }
                }
            }

            return result;
        }
    }

    /// <summary>
    /// A character trie of the literals (ordinal): a node ending a literal holds it. Built with
    /// <see cref="Add"/>, then <see cref="Freeze"/> lays each node's children out for lookup: a table indexed
    /// by ASCII code where a node has many, else a short array searched in order.
    /// </summary>
    private sealed class TrieNode
    {
        private Dictionary<char, TrieNode>? _building;
        private TrieNode?[]? _ascii;
        private char[] _keys = [];
        private TrieNode[] _nodes = [];

        public string? Literal { get; private set; }

        public TrieNode? Next(char c)
        {
            if (_ascii is not null && c < 128)
            {
                return _ascii[c];
            }

            var keys = _keys;
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i] == c)
                {
                    return _nodes[i];
                }
            }

            return null;
        }

        public void Add(string literal)
        {
            var node = this;
            foreach (var c in literal)
            {
                node._building ??= [];
                if (!node._building.TryGetValue(c, out var next))
                {
                    node._building[c] = next = new TrieNode();
                }

                node = next;
            }

            node.Literal = literal;
        }

        public void Freeze()
        {
            if (_building is null)
            {
                return;
            }

            var ascii = _building.Count > 6 ? new TrieNode?[128] : null;
            var rest = new List<KeyValuePair<char, TrieNode>>();
            foreach (var child in _building)
            {
                child.Value.Freeze();
                if (ascii is not null && child.Key < 128)
                {
                    ascii[child.Key] = child.Value;
                }
                else
                {
                    rest.Add(child);
                }
            }

            _ascii = ascii;
            _keys = rest.Select(r => r.Key).ToArray();
            _nodes = rest.Select(r => r.Value).ToArray();
            _building = null;
        }
    }

    /// <summary>The naive matcher the bench compares with: every pattern over the whole page, no prefilter.</summary>
    public static int NaiveMatchCount(FingerprintCatalog catalog, string html)
    {
        var count = 0;
        foreach (var tech in catalog.Technologies)
        {
            foreach (var pattern in tech.Patterns)
            {
                try
                {
                    if (pattern.Regex.IsMatch(html))
                    {
                        count++;
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                }
            }
        }

        return count;
    }

    private static (System.Text.RegularExpressions.Match Match, DetectionEvidence Evidence)? Match(FingerprintPattern pattern, PageEvidence page)
    {
        switch (pattern.Kind)
        {
            case EvidenceKind.ScriptSrc:
                foreach (var src in page.ScriptSources)
                {
                    if (Try(pattern, src) is { } m)
                    {
                        return (m, new DetectionEvidence(pattern.Kind, $"<script src=\"{Clip(src, 200)}\">"));
                    }
                }

                foreach (var src in page.InlineScriptUrls)
                {
                    if (Try(pattern, src) is { } m)
                    {
                        return (m, new DetectionEvidence(pattern.Kind, $"script loaded by an inline loader: {Clip(src, 200)}"));
                    }
                }

                return null;
            case EvidenceKind.Html:
                return TryNearLiterals(pattern, page) is { } h ? (h, new DetectionEvidence(pattern.Kind, LineAround(page.Html, h.Index, h.Length))) : null;
            case EvidenceKind.Comment:
                return Try(pattern, page.Comments) is { } c ? (c, new DetectionEvidence(pattern.Kind, $"<!-- {Clip(LineAround(page.Comments, c.Index, c.Length), 200)} -->")) : null;
            case EvidenceKind.Url:
                return Try(pattern, page.Url) is { } u ? (u, new DetectionEvidence(pattern.Kind, page.Url)) : null;
            case EvidenceKind.Meta:
                if (pattern.Key is not null && page.Meta.TryGetValue(pattern.Key, out var contents))
                {
                    foreach (var content in contents)
                    {
                        if (Try(pattern, content) is { } mm)
                        {
                            return (mm, new DetectionEvidence(pattern.Kind, $"<meta name=\"{pattern.Key}\" content=\"{Clip(content, 200)}\">"));
                        }
                    }
                }

                return null;
            case EvidenceKind.Header:
                return pattern.Key is not null && page.Headers.TryGetValue(pattern.Key, out var header) && Try(pattern, header) is { } hm
                    ? (hm, new DetectionEvidence(pattern.Kind, $"{pattern.Key}: {Clip(header, 200)}"))
                    : null;
            case EvidenceKind.Cookie:
                if (pattern.Key is null)
                {
                    return null;
                }

                foreach (var (name, value) in page.Cookies)
                {
                    if (CookieNameMatches(pattern.Key, name) && Try(pattern, value) is { } cm)
                    {
                        return (cm, new DetectionEvidence(pattern.Kind, $"Set-Cookie: {name}=…"));
                    }
                }

                return null;
            case EvidenceKind.Dns:
                if (pattern.Key is not null && page.Dns.TryGetValue(pattern.Key.ToUpperInvariant(), out var records))
                {
                    foreach (var record in records)
                    {
                        if (Try(pattern, record) is { } dm)
                        {
                            return (dm, new DetectionEvidence(pattern.Kind, $"{pattern.Key.ToUpperInvariant()} {Clip(record, 200)}"));
                        }
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// An HTML pattern with required literals runs only in a window around each place its literals occur
    /// (every match contains one), not over the whole page; after many occurrences it scans the rest.
    /// A class or id named in a selector is not evidence (<see cref="IsSelector"/>): the
    /// search goes on past it.
    /// </summary>
    private static System.Text.RegularExpressions.Match? TryNearLiterals(FingerprintPattern pattern, PageEvidence page)
    {
        const int Window = 512;
        const int MaxWindows = 16;
        try
        {
            if (pattern.Literals.Count == 0 || page.HtmlLower.Length != page.Html.Length)
            {
                return FirstEvidence(pattern.Regex.Match(page.Html), page);
            }

            foreach (var literal in pattern.Literals)
            {
                var windows = 0;
                var covered = 0;
                for (var at = page.HtmlLower.IndexOf(literal, StringComparison.Ordinal); at >= 0; at = page.HtmlLower.IndexOf(literal, at + 1, StringComparison.Ordinal))
                {
                    var start = Math.Max(covered, Math.Max(0, at - Window));
                    if (++windows > MaxWindows)
                    {
                        return FirstEvidence(pattern.Regex.Match(page.Html, start), page);
                    }

                    var end = Math.Min(page.Html.Length, at + literal.Length + Window);
                    // Only a match holding this occurrence (starting at or before it) is taken from its window: a
                    // later one may be cut short by the window's end (a lookahead that cannot see past it) and is
                    // found whole in its own occurrence's window.
                    if (FirstEvidence(pattern.Regex.Match(page.Html, Math.Max(0, at - Window), end - Math.Max(0, at - Window)), page, at) is { } m)
                    {
                        return m;
                    }

                    covered = at;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
        }

        return null;
    }

    /// <summary>The first match from <paramref name="m"/> on, starting at or before <paramref name="last"/>, that is evidence (not a selector).</summary>
    private static System.Text.RegularExpressions.Match? FirstEvidence(System.Text.RegularExpressions.Match m, PageEvidence page, int last = int.MaxValue)
    {
        for (var i = 0; m.Success && m.Index <= last && i < 64; m = m.NextMatch(), i++)
        {
            if (!IsSelector(page, m.Index, m.ValueSpan))
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>
    /// A class or id named in a selector rather than used in markup: in the page's own <c>&lt;style&gt;</c> text
    /// (<c>.gform_wrapper input</c>, <c>#wpml-ls-…</c>: a theme's styling for a plugin that may not be installed),
    /// or in a selector string of an inline script (<c>$('.pum-container .popmake-close')</c>: code that looks
    /// for the element, which need not be there). In script text a dot after an identifier, <c>)</c> or <c>]</c>
    /// is a property access (<c>window.BOOMR</c>), not a selector. A match holding a dot or a slash is an address
    /// (<c>'.firstimpression.io/'</c>, <c>@import url(…)</c>, a font's <c>src</c>): what the page loads, and it counts.
    /// </summary>
    private static bool IsSelector(PageEvidence page, int index, ReadOnlySpan<char> value)
    {
        if (index == 0 || page.Html[index - 1] is not ('.' or '#') || value.IndexOfAny('.', '/') >= 0)
        {
            return false;
        }

        if (InRawText(page.StyleText, index))
        {
            return true;
        }

        return index >= 2 && page.Html[index - 2] is '"' or '\'' or ' ' or ',' or '>' or '\t' && InRawText(page.ScriptText, index);
    }

    private static bool InRawText(IReadOnlyList<(int Start, int End)> blocks, int index)
    {
        int lo = 0, hi = blocks.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (index < blocks[mid].Start)
            {
                hi = mid - 1;
            }
            else if (index >= blocks[mid].End)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private static bool CookieNameMatches(string key, string name) =>
        key.EndsWith('*') ? name.StartsWith(key[..^1], StringComparison.Ordinal) : name == key;

    private static System.Text.RegularExpressions.Match? Try(FingerprintPattern pattern, string text)
    {
        if (pattern.Kind is not EvidenceKind.Html and not EvidenceKind.ScriptSrc && pattern.Literal is { } literal && !text.Contains(literal, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var m = pattern.Regex.Match(text);
            return m.Success ? m : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static string LineAround(string text, int index, int length)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var end = text.IndexOf('\n', index + length);
        if (end < 0)
        {
            end = text.Length;
        }

        if (end - start > 240)
        {
            start = Math.Max(start, index - 80);
            end = Math.Min(end, index + length + 80);
        }

        return text[start..end].Trim();
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    private List<Detection> Resolve(Dictionary<string, Accumulator> found)
    {
        // Weak hints (patterns written below full confidence) count only together.
        foreach (var weak in found.Values.Where(a => a.Confidence < ReportThreshold).ToList())
        {
            found.Remove(weak.Tech.Name);
        }

        // Implies (transitively), keeping the implying technology's evidence.
        var queue = new Queue<Accumulator>(found.Values);
        while (queue.Count > 0)
        {
            var acc = queue.Dequeue();
            foreach (var implied in acc.Tech.Implies)
            {
                if (found.ContainsKey(implied))
                {
                    continue;
                }

                var tech = acc.Tech;
                var impliedAcc = new Accumulator(Catalog.ByName[implied]);
                impliedAcc.AddImplied(acc.Confidence, new DetectionEvidence(EvidenceKind.Implied, $"implied by {tech.Name}: {acc.Evidence!.Line}"));
                found[implied] = impliedAcc;
                queue.Enqueue(impliedAcc);
            }
        }

        // Requires: drop a technology whose prerequisite was not found (repeat until stable).
        bool removed;
        do
        {
            removed = false;
            foreach (var acc in found.Values.ToList())
            {
                if (acc.Tech.Requires.Any(r => !found.ContainsKey(r)))
                {
                    found.Remove(acc.Tech.Name);
                    removed = true;
                }
            }
        }
        while (removed);

        // Excludes: a confident detection rules out the technologies it excludes.
        foreach (var acc in found.Values.OrderByDescending(a => a.Confidence).ToList())
        {
            if (!found.ContainsKey(acc.Tech.Name))
            {
                continue;
            }

            foreach (var excluded in acc.Tech.Excludes)
            {
                found.Remove(excluded);
            }
        }

        return found.Values
            .Select(a => new Detection(a.Tech.Name, a.Tech.Category, a.Confidence, a.Version, a.Evidence!))
            .OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.Technology, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class Accumulator(TechnologyFingerprint tech)
    {
        public TechnologyFingerprint Tech { get; } = tech;

        public int Confidence { get; private set; }

        public string? Version { get; private set; }

        public DetectionEvidence? Evidence { get; private set; }

        public void Add(FingerprintPattern pattern, System.Text.RegularExpressions.Match match, DetectionEvidence evidence)
        {
            Confidence = Math.Min(100, Confidence + pattern.Confidence);
            Evidence ??= evidence;
            if (Version is null && pattern.VersionTemplate is { } template)
            {
                var version = Regex.Replace(template, @"\\(\d)", g =>
                {
                    var index = g.Groups[1].Value[0] - '0';
                    return index < match.Groups.Count ? match.Groups[index].Value : string.Empty;
                }, RegexOptions.None, FingerprintPattern.MatchTimeout).Trim();
                if (version.Length > 0)
                {
                    Version = version;
                    Evidence = evidence;
                }
            }
        }

        public void AddImplied(int confidence, DetectionEvidence evidence)
        {
            Confidence = confidence;
            Evidence = evidence;
        }
    }
}
