using System.Globalization;
using System.Text.RegularExpressions;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Playbook;

namespace PartnerForge.Web.Components.Pages.Accounts.Intelligence;

/// <summary>One readable line of a module's card: a thing (a technology, a person, an investor) and what is known of it.</summary>
public sealed record FactRow(string Title, string? Value, IReadOnlyList<string> Chips, string? Note, FactEvidence Evidence, string? Link = null);

/// <summary>Rows under an optional heading ("Analytics", "Open roles by department").</summary>
public sealed record FactGroup(string? Title, IReadOnlyList<FactRow> Rows);

/// <summary>
/// A module's facts as a person reads them: a plain-words title and grouped rows instead of <c>path = value</c>
/// pairs. Fact paths follow the modules' conventions (<c>tech[Name]</c>, <c>committee[Name].role</c>,
/// <c>investor[Name].round</c>, …): the facts of one bracketed name become one row; unknown paths fall back to
/// their words.
/// </summary>
public sealed partial record ModuleView(string Code, string Title, IReadOnlyList<FactGroup> Groups)
{
    public int RowCount => Groups.Sum(g => g.Rows.Count);

    public static string TitleOf(string module) => module switch
    {
        ModuleCatalog.CompanyContext => "About the company",
        ModuleCatalog.TechStack => "Technologies on their website",
        ModuleCatalog.Traffic => "Website traffic",
        ModuleCatalog.Financials => "Financials from SEC filings",
        ModuleCatalog.Competitors => "Competitors and similar companies",
        ModuleCatalog.Hiring => "Hiring",
        ModuleCatalog.Triggers => "News and strategic triggers",
        ModuleCatalog.Investors => "Investors",
        ModuleCatalog.Executives => "Leadership team",
        ModuleCatalog.BuyingCommittee => "Buying committee",
        ModuleCatalog.Displacement => "What we could replace",
        ModuleCatalog.EvidenceMatch => "Our matching proof points",
        ModuleCatalog.IcpFit => "Fit with your ideal customer profile",
        ModuleCatalog.SignalScore => "Buying signals",
        ModuleCatalog.StrategicBrief => "Strategic brief",
        _ => module,
    };

    public static ModuleView Of(string module, IReadOnlyList<Fact> facts)
    {
        var parsed = facts.Select(f => (Fact: f, Path: FactPath.Parse(f.Path))).ToList();
        var groups = module switch
        {
            ModuleCatalog.TechStack => Technologies(parsed),
            ModuleCatalog.BuyingCommittee => Committee(parsed),
            _ => ByEntity(parsed),
        };
        return new ModuleView(module, TitleOf(module), groups.Where(g => g.Rows.Count > 0).ToList());
    }

    /// <summary>Technologies by category (alphabetical), each with its version and detection confidence.</summary>
    private static List<FactGroup> Technologies(List<(Fact Fact, FactPath Path)> facts)
    {
        var missed = facts.Where(f => TechnologyPresence.IsMarker(f.Fact.Path)).Select(f => f.Path.Key).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var rows = facts.Where(f => f.Path.Root == "tech" && f.Path.Key is not null && f.Path.Sub is null)
            .Select(f =>
            {
                var parts = f.Fact.Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var category = parts.FirstOrDefault(p => !p.StartsWith("confidence", StringComparison.Ordinal) && !p.StartsWith("version", StringComparison.Ordinal)) ?? "Other";
                var version = parts.FirstOrDefault(p => p.StartsWith("version ", StringComparison.Ordinal))?["version ".Length..];
                var confidence = parts.FirstOrDefault(p => p.StartsWith("confidence ", StringComparison.Ordinal))?["confidence ".Length..];
                var note = missed.Contains(f.Path.Key!) ? "Not seen in the last scan; removed if the next one misses it too." : null;
                var chips = version is null ? [] : new[] { $"version {version}" };
                var value = confidence is null ? null : $"{confidence}% sure";
                return (Category: category, Row: new FactRow(f.Path.Key!, value, chips, note, FactEvidence.From(f.Fact.Source, f.Path.Key)));
            })
            .ToList();
        var other = facts.Where(f => !(f.Path.Root == "tech" && f.Path.Key is not null)).Select(f => Generic(f.Fact, f.Path)).ToList();
        var groups = rows.GroupBy(r => r.Category, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new FactGroup(g.Key, g.Select(r => r.Row).OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).ToList())).ToList();
        groups.Add(new FactGroup(null, other));
        return groups;
    }

    /// <summary>People with their role in words ("Technical buyer") and job title.</summary>
    private static List<FactGroup> Committee(List<(Fact Fact, FactPath Path)> facts)
    {
        var people = facts.Where(f => f.Path.Root == "committee" && f.Path.Key is not null).GroupBy(f => f.Path.Key!)
            .Select(person =>
            {
                var role = person.FirstOrDefault(f => f.Path.Sub == "role");
                var title = person.FirstOrDefault(f => f.Path.Sub == "title");
                var roleWords = role.Fact is null ? null : CommitteeRoles.FromCode(role.Fact.Value)?.Label() ?? Capital(ChangeDescriber.Words(role.Fact.Value));
                var main = role.Fact ?? person.First().Fact;
                return (Role: CommitteeRoles.FromCode(role.Fact?.Value), Row: new FactRow(person.Key, title.Fact?.Value, roleWords is null ? [] : [roleWords], null, FactEvidence.From(main.Source, person.Key)));
            })
            .OrderBy(p => p.Role is { } r ? CommitteeRoles.All.ToList().IndexOf(r) : int.MaxValue).ThenBy(p => p.Row.Title, StringComparer.OrdinalIgnoreCase)
            .Select(p => p.Row).ToList();
        var other = facts.Where(f => !(f.Path.Root == "committee" && f.Path.Key is not null)).Select(f => Generic(f.Fact, f.Path)).ToList();
        return [new FactGroup(null, people), new FactGroup(null, other)];
    }

    /// <summary>Facts about one bracketed name become one row; facts without a name stay one row each.</summary>
    private static List<FactGroup> ByEntity(List<(Fact Fact, FactPath Path)> facts)
    {
        var groups = new List<(string? Title, List<FactRow> Rows)>();
        List<FactRow> RowsOf(string? title)
        {
            var found = groups.FirstOrDefault(g => g.Title == title);
            if (found.Rows is null)
            {
                found = (title, []);
                groups.Add(found);
            }

            return found.Rows;
        }

        // Each news item is a row of its own; other facts about one bracketed name share a row.
        foreach (var entity in facts.GroupBy(f => f.Path.Root is "trigger" or "triggers" ? (f.Fact.Path, f.Fact.Path) : (f.Path.Group, f.Path.Key ?? f.Fact.Path)))
        {
            var list = entity.ToList();
            var first = list[0];
            if (first.Path.Key is null)
            {
                // A plain fact ("traffic.rank", "company.industry"); "x.fiscal_year" joins its "x" as a chip.
                if (first.Path.Leaf == "fiscal_year")
                {
                    continue;
                }

                var year = facts.FirstOrDefault(f => f.Fact.Path == first.Fact.Path + ".fiscal_year").Fact?.Value;
                var row = Generic(first.Fact, first.Path);
                RowsOf(null).Add(year is null ? row : row with { Chips = [$"FY{year}"] });
                continue;
            }

            RowsOf(GroupTitle(first.Path)).Add(EntityRow(first.Path, list));
        }

        return groups.Select(g => new FactGroup(g.Title, g.Rows)).ToList();
    }

    private static FactRow EntityRow(FactPath path, List<(Fact Fact, FactPath Path)> facts)
    {
        string? Part(string sub) => facts.FirstOrDefault(f => f.Path.Sub == sub).Fact?.Value;
        var main = facts.FirstOrDefault(f => f.Path.Sub is null).Fact ?? facts[0].Fact;
        var evidence = FactEvidence.From(main.Source, main.Value.Length >= 3 ? main.Value : path.Key);
        var name = path.Key!;
        switch (path.Root)
        {
            case "trigger" or "triggers":
                // trigger[funding][2026-03-01] or trigger.funding[2026-03-01]: the kind of news, then its date.
                var kind = path.Names.Count > 1 ? path.Names[1] : name;
                var date = path.Names.Count > 1 ? name : path.Keys.ElementAtOrDefault(1);
                return new FactRow(main.Value, null, new[] { Capital(ChangeDescriber.Words(kind)), date }.OfType<string>().ToList(), null, evidence, FactEvidence.SafeHref(main.Source.Url));
            case "investor":
                return new FactRow(name, null, new[] { Part("round") is { } round ? $"{round} round" : null, Part("date"), Part("amount") }.OfType<string>().ToList(), null, evidence);
            case "executive" or "executives" or "leadership":
                return new FactRow(name, Part("title") ?? main.Value, [], null, evidence, Part("profile") is { } profile ? FactEvidence.SafeHref(profile) : null);
            case "displacement":
                var priority = Part("priority");
                return new FactRow(name, Part("replacedBy") is { } ours ? $"Replace with {ours}" : null,
                    priority is null ? [] : [$"{Capital(ChangeDescriber.Words(priority))} priority"], Part("reason"), evidence);
            case "evidence":
                var evidenceKind = Part("kind");
                return new FactRow(name, Part("reason"),
                    new[] { evidenceKind is null ? null : Capital(ChangeDescriber.Words(evidenceKind)), Part("score") is { } score ? $"match {score}" : null }.OfType<string>().ToList(), null, evidence);
            case "hiring" when path.Leaf is "department" or "location":
                return new FactRow(name, $"{main.Value} open {(main.Value == "1" ? "role" : "roles")}", [], null, evidence);
            case "hiring" when path.Leaf == "role":
                return new FactRow(name, main.Value.Replace("; ", " · ", StringComparison.Ordinal).Trim(' ', '·', ';'), [], null, evidence, FactEvidence.SafeHref(main.Source.Url));
            case "brief":
                return new FactRow(Capital(ChangeDescriber.Words(name)), main.Value, [], null, evidence);
            case "company" when path.Leaf == "social":
                return new FactRow(Capital(name), main.Value, [], null, evidence, FactEvidence.SafeHref(main.Value));
            default:
                return new FactRow(name, facts.Count == 1 ? main.Value : string.Join(" · ", facts.Select(f => f.Fact.Value)), [], null, evidence);
        }
    }

    private static string? GroupTitle(FactPath path) => (path.Root, path.Leaf) switch
    {
        ("trigger" or "triggers", _) => "News",
        ("investor", _) => null,
        ("executive" or "executives" or "leadership", _) => null,
        ("displacement", _) => null,
        ("evidence", _) => null,
        ("company", "social") => "Social profiles",
        ("hiring", "department") => "Open roles by department",
        ("hiring", "location") => "Open roles by location",
        ("hiring", "role") => "Job postings",
        ("hiring", "tech_role") => "Job postings asking for technologies",
        ("competitor_product", _) => "Competitor products in use",
        ("peer", _) => "Similar companies",
        ("fit", _) => "How the fit score was made",
        ("signal", _) => "Signals behind the score",
        ("brief", _) => null,
        _ => Capital(ChangeDescriber.Words(path.Leaf ?? path.Root)),
    };

    private static FactRow Generic(Fact fact, FactPath path)
    {
        var value = fact.Value;
        var title = fact.Path switch
        {
            "company.name" => "Name",
            "company.description" => "Description",
            "company.industry" => "Industry",
            "company.founded" => "Founded",
            "company.employees" => "Employees",
            "company.hq" => "Headquarters",
            "links.careers" => "Careers page",
            "links.newsroom" => "Newsroom",
            "links.feed" => "News feed",
            "traffic.rank" => "Global traffic rank",
            "traffic.band" => "Traffic band",
            "financials.ticker" => "Stock ticker",
            "financials.cik" => "SEC company number (CIK)",
            "financials.fiscal_year_end" => "Fiscal year ends (month-day)",
            "financials.revenue_usd" => "Revenue",
            "financials.net_income_usd" => "Net income",
            "financials.employees" => "Employees",
            "hiring.trend" => "Hiring trend",
            "fit.score" => "Fit score",
            "signal.score" => "Signal score",
            _ => path.Label,
        };
        if (fact.Path is "financials.revenue_usd" or "financials.net_income_usd" && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var usd))
        {
            value = Usd(usd);
        }
        else if (fact.Path == "traffic.rank" && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rank))
        {
            value = "#" + rank.ToString("N0", CultureInfo.InvariantCulture);
        }

        var link = fact.Path.StartsWith("links.", StringComparison.Ordinal) ? FactEvidence.SafeHref(value) : null;
        return new FactRow(title, value, [], null, FactEvidence.From(fact.Source, fact.Value), link);
    }

    private static string Usd(decimal value)
    {
        var abs = Math.Abs(value);
        var text = abs switch
        {
            >= 1_000_000_000m => (abs / 1_000_000_000m).ToString("0.#", CultureInfo.InvariantCulture) + " billion",
            >= 1_000_000m => (abs / 1_000_000m).ToString("0.#", CultureInfo.InvariantCulture) + " million",
            _ => abs.ToString("N0", CultureInfo.InvariantCulture),
        };
        return (value < 0 ? "−$" : "$") + text;
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];

    /// <summary>
    /// A fact path split into names (outside brackets) and keys (inside): <c>investor[Bluefin].round</c> has root
    /// "investor", key "Bluefin", sub "round"; <c>hiring.department[Sales]</c> has leaf "department", no sub.
    /// </summary>
    private sealed partial record FactPath(IReadOnlyList<string> Names, IReadOnlyList<string> Keys, string? Sub, string Label)
    {
        public string Root => Names.Count > 0 ? Names[0].ToLowerInvariant() : string.Empty;

        public string? Key => Keys.Count > 0 ? Keys[0] : null;

        /// <summary>The last name before the first key ("department" in <c>hiring.department[Sales]</c>).</summary>
        public string? Leaf { get; init; }

        /// <summary>Which facts may join one row: same names before the key.</summary>
        public string Group => string.Join('.', Names.Take(Keys.Count > 0 ? NamesBeforeKey : Names.Count));

        private int NamesBeforeKey { get; init; }

        public static FactPath Parse(string path)
        {
            var names = new List<string>();
            var keys = new List<string>();
            string? sub = null;
            var beforeKey = 0;
            foreach (Match m in Token().Matches(path))
            {
                if (m.Groups["key"].Success)
                {
                    keys.Add(m.Groups["key"].Value);
                    continue;
                }

                names.Add(m.Groups["name"].Value);
                if (keys.Count == 0)
                {
                    beforeKey = names.Count;
                }
                else
                {
                    sub = m.Groups["name"].Value;
                }
            }

            var leaf = beforeKey > 0 ? names[beforeKey - 1] : null;
            return new FactPath(names, keys, sub, ChangeDescriber.Label(path)) { Leaf = leaf, NamesBeforeKey = beforeKey };
        }

        [GeneratedRegex(@"\[(?<key>[^\]]*)\]|(?<name>[^.\[\]]+)")]
        private static partial Regex Token();
    }
}
