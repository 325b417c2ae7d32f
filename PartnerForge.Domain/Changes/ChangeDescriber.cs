using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerForge.Domain.Changes;

/// <summary>
/// Puts one change event into a sentence a person would say ("Algolia added", "Ada Lovelace left the leadership
/// team", "Open roles in Engineering: 3 → 8"), from its module, fact path, kind and values. The one place that
/// knows the modules' path conventions (<c>tech[Name]</c>, <c>executive[Name].title</c>, <c>committee[Name].role</c>, …):
/// the timeline, alert titles, toasts, digests and the account page all read changes through it, so no path,
/// bracket or code reaches a reader. Unknown paths fall back to their words ("Financials ticker: A → B").
/// </summary>
public static partial class ChangeDescriber
{
    public const int MaxValueLength = 120;

    public static string Describe(ChangeEvent change) =>
        Describe(change.Path, change.Kind, change.OldValue, change.NewValue);

    public static string Describe(string path, ChangeKind kind, string? oldValue, string? newValue)
    {
        var p = ParsedPath.Parse(path);
        var old = Value(oldValue);
        var @new = Value(newValue);
        return p.Root switch
        {
            "tech" or "technology" or "technologies" when p.Key is { } name => Technology(name, p.Sub, kind, old, @new),
            "competitor_product" when p.Key is { } name => kind switch
            {
                ChangeKind.Added => $"Competitor product {name} now in use",
                ChangeKind.Removed => $"Competitor product {name} no longer in use",
                _ => $"Competitor product {name}: {old} → {@new}",
            },
            "executive" or "executives" or "leadership" when p.Key is { } name => Executive(name, p.Sub, kind, old, @new),
            "committee" when p.Key is { } name => Person(name, "buying-committee " + Words(p.Sub ?? "role"), kind, Code(old), Code(@new)),
            "hiring" => Hiring(p, kind, old, @new),
            "investor" when p.Key is { } name => Investor(name, p.Sub, kind, old, @new),
            "trigger" or "triggers" => Trigger(p, kind, old, @new),
            "displacement" when p.Key is { } name => Displacement(name, p.Sub, kind, Code(old), Code(@new)),
            "outreach" when p.Key is { } name => Outreach.EngagementEvents.Describe(name, p.Sub, newValue ?? string.Empty),
            "brief" when p.Key is { } section => kind switch
            {
                ChangeKind.Added => $"Brief: new section “{Words(section)}”",
                ChangeKind.Removed => $"Brief: section “{Words(section)}” dropped",
                _ => $"Brief section “{Words(section)}” rewritten",
            },
            _ => Generic(p.Label, kind, old, @new),
        };
    }

    /// <summary>The words of a path without brackets or dots ("committee[Ada].role" → "Committee Ada role").</summary>
    public static string Label(string path) => ParsedPath.Parse(path).Label;

    private static string Technology(string name, string? sub, ChangeKind kind, string old, string @new) => (sub, kind) switch
    {
        (null, ChangeKind.Added) => $"{name} added",
        (null, ChangeKind.Removed) => $"{name} removed",
        (null, _) => $"{name} detection changed: {old} → {@new}",
        (_, ChangeKind.Added) => $"{name} {Words(sub)}: {@new}",
        (_, ChangeKind.Removed) => $"{name} {Words(sub)} no longer found ({old})",
        _ => $"{name} {Words(sub)} {old} → {@new}",
    };

    private static string Executive(string name, string? sub, ChangeKind kind, string old, string @new) => (sub, kind) switch
    {
        (null, ChangeKind.Added) => @new.Length > 0 ? $"{name} joined the leadership team as {@new}" : $"{name} joined the leadership team",
        (null, ChangeKind.Removed) => $"{name} left the leadership team",
        (null, _) => $"{name}'s role changed from {old} to {@new}",
        _ => Person(name, Words(sub), kind, old, @new),
    };

    private static string Person(string name, string what, ChangeKind kind, string old, string @new) => kind switch
    {
        ChangeKind.Added => $"{name}'s {what}: {@new}",
        ChangeKind.Removed => $"{name}'s {what} no longer listed ({old})",
        _ => $"{name}'s {what} changed from {old} to {@new}",
    };

    private static string Hiring(ParsedPath p, ChangeKind kind, string old, string @new)
    {
        var sub = p.Segments.Count > 1 ? p.Segments[1] : null;
        return (sub, p.Key, kind) switch
        {
            ("department" or "location", { } where, ChangeKind.Changed) => $"Open roles in {where}: {old} → {@new}",
            ("department" or "location", { } where, ChangeKind.Added) => $"Now hiring in {where} ({@new} open roles)",
            ("department" or "location", { } where, ChangeKind.Removed) => $"No longer hiring in {where}",
            ("role", { } title, ChangeKind.Added) => $"New job posting: {title}",
            ("role", { } title, ChangeKind.Removed) => $"Job posting closed: {title}",
            ("tech_role", { } tech, ChangeKind.Added) => $"New job posting asking for {tech}: {@new}",
            ("tech_role", { } tech, ChangeKind.Removed) => $"No open job asks for {tech} any more",
            _ => Generic(p.Label, kind, old, @new),
        };
    }

    private static string Investor(string name, string? sub, ChangeKind kind, string old, string @new) => (sub, kind) switch
    {
        ("round", ChangeKind.Added) => $"{name} invested ({@new} round)",
        ("round", ChangeKind.Removed) => $"{name} no longer listed as an investor",
        _ => Generic($"{name} investment {Words(sub ?? string.Empty)}".TrimEnd(), kind, old, @new),
    };

    private static string Trigger(ParsedPath p, ChangeKind kind, string old, string @new)
    {
        // trigger[funding][2026-03-01] or trigger.funding[2026-03-01]: the kind of news, then its date.
        var named = p.Segments.Count > 1;
        var what = named ? Words(p.Segments[1]) : p.Key is { } k ? Words(k) : "news";
        var date = named ? p.Key : p.Keys.Count > 1 ? p.Keys[1] : null;
        var when = date is null ? string.Empty : $" ({date})";
        return kind switch
        {
            ChangeKind.Added => $"New {what} news{when}: {@new}",
            ChangeKind.Removed => $"{Capital(what)} news{when} no longer found: {old}",
            _ => $"{Capital(what)} news{when} updated: {old} → {@new}",
        };
    }

    private static string Displacement(string name, string? sub, ChangeKind kind, string old, string @new) => (sub, kind) switch
    {
        ("priority", ChangeKind.Added) => $"{name} became a displacement target ({@new} priority)",
        ("priority", ChangeKind.Removed) => $"{name} is no longer a displacement target",
        ("priority", _) => $"Displacement priority for {name}: {old} → {@new}",
        ("replacedBy", _) => Generic($"Product to replace {name}", kind, old, @new),
        _ => Generic($"Displacement of {name}: {Words(sub ?? "details")}", kind, old, @new),
    };

    private static string Generic(string label, ChangeKind kind, string old, string @new) => kind switch
    {
        ChangeKind.Added => @new.Length > 0 ? $"{label} added: {@new}" : $"{label} added",
        ChangeKind.Removed => old.Length > 0 ? $"{label} removed: {old}" : $"{label} removed",
        _ => $"{label}: {(old.Length > 0 ? old : "—")} → {(@new.Length > 0 ? @new : "—")}",
    };

    /// <summary>A value as shown: trimmed, cut to <see cref="MaxValueLength"/>, "—" never leaks a null.</summary>
    public static string Value(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var text = Whitespace().Replace(value.Trim(), " ");
        return text.Length > MaxValueLength ? text[..(MaxValueLength - 1)].TrimEnd() + "…" : text;
    }

    /// <summary>A fact's value as shown beside its sentence: <see cref="Value"/>, and a code such as <c>economic_buyer</c> as words.</summary>
    public static string Shown(string? value) => Code(Value(value));

    /// <summary>A code such as <c>economic_buyer</c> or <c>high</c> as words ("economic buyer").</summary>
    private static string Code(string value) => CodeShape().IsMatch(value) ? value.Replace('_', ' ').Replace('-', ' ') : value;

    /// <summary>An identifier as words: <c>open_roles</c> → "open roles", <c>replacedBy</c> → "replaced by".</summary>
    public static string Words(string identifier)
    {
        var text = new StringBuilder(identifier.Length + 4);
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (c is '_' or '.' or '-')
            {
                text.Append(' ');
            }
            else if (char.IsUpper(c) && i > 0 && char.IsLower(identifier[i - 1]))
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];

    /// <summary>A fact path split into its names (outside brackets) and keys (inside brackets).</summary>
    private sealed record ParsedPath(IReadOnlyList<string> Segments, IReadOnlyList<string> Keys, string? Sub, string Label)
    {
        public string Root => Segments.Count > 0 ? Segments[0].ToLowerInvariant() : string.Empty;

        public string? Key => Keys.Count > 0 ? Keys[0] : null;

        public static ParsedPath Parse(string path)
        {
            var segments = new List<string>();
            var keys = new List<string>();
            var label = new List<string>();
            string? sub = null;
            foreach (Match m in Token().Matches(path))
            {
                if (m.Groups["key"].Success)
                {
                    keys.Add(m.Groups["key"].Value);
                    label.Add(m.Groups["key"].Value);
                    continue;
                }

                var name = m.Groups["name"].Value;
                if (name == "$")
                {
                    continue;
                }

                segments.Add(name);
                label.Add(Words(name));
                if (keys.Count > 0)
                {
                    sub = name;
                }
            }

            var text = string.Join(" ", label.Where(l => l.Length > 0 && !int.TryParse(l, out _)));
            return new ParsedPath(segments, keys, sub, text.Length == 0 ? "Value" : Capital(text));
        }
    }

    [GeneratedRegex(@"\[(?<key>[^\]]*)\]|(?<name>[^.\[\]]+)")]
    private static partial Regex Token();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[a-z]+([_-][a-z]+)+$")]
    private static partial Regex CodeShape();
}
