namespace PartnerForge.Domain.Enrichment;

/// <summary>
/// robots.txt rules for one user agent (RFC 9309): the group naming our product token, else the <c>*</c>
/// group; the longest matching rule wins, and Allow wins a tie. <c>*</c> and a trailing <c>$</c> are honoured.
/// </summary>
public sealed class RobotsTxt
{
    private readonly List<(bool Allow, string Pattern)> _rules;

    private RobotsTxt(List<(bool Allow, string Pattern)> rules, bool disallowAll)
    {
        _rules = rules;
        DisallowAll = disallowAll;
    }

    public bool DisallowAll { get; }

    public static RobotsTxt AllowEverything { get; } = new([], false);

    /// <summary>Used when robots.txt could not be fetched because of a server error (5xx): nothing is crawled.</summary>
    public static RobotsTxt Unreachable { get; } = new([], true);

    public static RobotsTxt Parse(string content, string productToken)
    {
        var groups = new List<(List<string> Agents, List<(bool, string)> Rules)>();
        (List<string> Agents, List<(bool, string)> Rules)? current = null;
        var lastWasAgent = false;
        foreach (var raw in content.Split('\n'))
        {
            var line = raw;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key == "user-agent")
            {
                if (current is null || !lastWasAgent)
                {
                    current = ([], []);
                    groups.Add(current.Value);
                }

                current.Value.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
            }
            else if (key is "allow" or "disallow")
            {
                lastWasAgent = false;
                if (current is not null && value.Length > 0)
                {
                    current.Value.Rules.Add((key == "allow", value));
                }
            }
            else
            {
                lastWasAgent = false;
            }
        }

        var token = productToken.ToLowerInvariant();
        var mine = groups.Where(g => g.Agents.Any(a => a != "*" && token.StartsWith(a, StringComparison.Ordinal))).SelectMany(g => g.Rules).ToList();
        if (mine.Count == 0 && !groups.Any(g => g.Agents.Any(a => a != "*" && token.StartsWith(a, StringComparison.Ordinal))))
        {
            mine = groups.Where(g => g.Agents.Contains("*")).SelectMany(g => g.Rules).ToList();
        }

        return new RobotsTxt(mine, false);
    }

    public bool IsAllowed(string pathAndQuery)
    {
        if (DisallowAll)
        {
            return false;
        }

        if (pathAndQuery.Equals("/robots.txt", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var best = -1;
        var allowed = true;
        foreach (var (allow, pattern) in _rules)
        {
            if (Matches(pattern, pathAndQuery) && (pattern.Length > best || (pattern.Length == best && allow)))
            {
                best = pattern.Length;
                allowed = allow;
            }
        }

        return allowed;
    }

    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        if (anchored)
        {
            pattern = pattern[..^1];
        }

        var parts = pattern.Split('*');
        if (anchored && parts.Length == 1)
        {
            return path == pattern;
        }

        var position = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (i == 0)
            {
                if (!path.StartsWith(part, StringComparison.Ordinal))
                {
                    return false;
                }

                position = part.Length;
                continue;
            }

            var found = path.IndexOf(part, position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + part.Length;
        }

        return !anchored || parts[^1].Length == 0 || path.EndsWith(parts[^1], StringComparison.Ordinal);
    }
}
