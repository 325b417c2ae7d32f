using System.Globalization;
using System.Text.RegularExpressions;
using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Domain.Scoring;

/// <summary>
/// Builds the M15 strategic brief deterministically from the other modules' facts (paths in docs/fact-paths.md):
/// the same facts always give the same brief. Every sentence is built from facts that exist and cites them;
/// a section with nothing to cite stays empty rather than guessing.
/// </summary>
public static partial class BriefBuilder
{
    private const int MaxPerList = 3;

    public static StrategicBrief Build(string companyName, IReadOnlyDictionary<string, IReadOnlyList<Fact>> factsByModule, DateTime nowUtc)
    {
        var facts = new FactIndex(factsByModule);
        var sections = new List<BriefSection>
        {
            new("why_account", "Why this account", WhyAccount(companyName, facts)),
            new("why_now", "Why now", WhyNow(companyName, facts)),
            new("whom", "Whom to contact", Whom(facts)),
            new("what_to_say", "What to say", WhatToSay(facts)),
            new("proof", "Which proof to use", Proof(facts)),
        };
        return new StrategicBrief(companyName, sections, nowUtc);
    }

    private static List<BriefSentence> WhyAccount(string name, FactIndex facts)
    {
        var sentences = new List<BriefSentence>();
        if (facts.One(ModuleCatalog.IcpFit, "fit.score") is { } fit && fit.Fact.Value != "0")
        {
            var matched = facts.Keyed(ModuleCatalog.IcpFit, "fit.factor")
                .Where(f => !f.Fact.Value.StartsWith("+0 ", StringComparison.Ordinal))
                .Take(MaxPerList).ToList();
            var reasons = matched.Count == 0 ? string.Empty : ": " + string.Join("; ", matched.Select(m => m.Fact.Value.TrimStart('+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ')));
            sentences.Add(Sentence($"{name} scores {fit.Fact.Value}/100 against your ideal customer profile{reasons}.", [fit, .. matched]));
        }

        if (facts.One(ModuleCatalog.CompanyContext, "company.description") is { } description)
        {
            sentences.Add(Sentence($"{name} describes itself as: “{Trim(description.Fact.Value, 200)}”", [description]));
        }

        var industry = facts.One(ModuleCatalog.CompanyContext, "company.industry");
        var employees = facts.One(ModuleCatalog.CompanyContext, "company.employees");
        var hq = facts.One(ModuleCatalog.CompanyContext, "company.hq");
        var profile = new List<(string Text, Cited Fact)>();
        if (industry is not null)
        {
            profile.Add(($"works in {industry.Fact.Value}", industry));
        }

        if (employees is not null)
        {
            profile.Add(($"has {employees.Fact.Value} employees", employees));
        }

        if (hq is not null)
        {
            profile.Add(($"is based in {hq.Fact.Value}", hq));
        }

        if (profile.Count > 0)
        {
            sentences.Add(Sentence($"It {string.Join(", ", profile.Select(p => p.Text))}.", profile.Select(p => p.Fact).ToList()));
        }

        var tech = facts.Keyed(ModuleCatalog.TechStack, "tech").Take(5).ToList();
        if (tech.Count > 0)
        {
            sentences.Add(Sentence($"Its website runs {Join(tech.Select(t => t.Key))}.", tech));
        }

        if (facts.One(ModuleCatalog.Traffic, "traffic.band") is { } traffic)
        {
            sentences.Add(Sentence($"Its site ranks in the {traffic.Fact.Value} by traffic.", [traffic]));
        }

        return sentences;
    }

    private static List<BriefSentence> WhyNow(string name, FactIndex facts)
    {
        var sentences = new List<BriefSentence>();
        var triggers = facts.All(ModuleCatalog.Triggers)
            .Select(f => (Cited: f, Match: TriggerPath().Match(f.Fact.Path)))
            .Where(t => t.Match.Success)
            .OrderByDescending(t => t.Match.Groups[2].Value, StringComparer.Ordinal)
            .Take(MaxPerList)
            .ToList();
        foreach (var (cited, match) in triggers)
        {
            var date = match.Groups[2].Value == "undated" ? "Recently" : $"On {match.Groups[2].Value}";
            sentences.Add(Sentence($"{date}: “{Trim(cited.Fact.Value, 160)}” ({Humanize(match.Groups[1].Value)}).", [cited]));
        }

        var rounds = facts.Grouped(ModuleCatalog.Investors, "investor")
            .Select(g => (Investor: g.Key, Round: g.Value.GetValueOrDefault("round"), Date: g.Value.GetValueOrDefault("date"), Amount: g.Value.GetValueOrDefault("amount")))
            .Where(r => r.Round is not null)
            .OrderByDescending(r => r.Date?.Fact.Value, StringComparer.Ordinal)
            .Take(MaxPerList).ToList();
        foreach (var r in rounds)
        {
            var cites = new List<Cited> { r.Round! };
            var text = $"{r.Investor} backed {name} in its {r.Round!.Fact.Value}";
            if (r.Amount is not null)
            {
                text += $" ({r.Amount.Fact.Value})";
                cites.Add(r.Amount);
            }

            if (r.Date is not null)
            {
                text += $" on {r.Date.Fact.Value}";
                cites.Add(r.Date);
            }

            sentences.Add(Sentence(text + ".", cites));
        }

        if (facts.One(ModuleCatalog.Hiring, "hiring.open_roles") is { } roles)
        {
            var trend = facts.One(ModuleCatalog.Hiring, "hiring.trend");
            var text = $"{name} has {roles.Fact.Value} open roles";
            var cites = new List<Cited> { roles };
            if (trend is not null)
            {
                text += trend.Fact.Value switch { "up" => ", more than at the last check", "down" => ", fewer than at the last check", _ => ", as many as at the last check" };
                cites.Add(trend);
            }

            var departments = facts.Keyed(ModuleCatalog.Hiring, "hiring.department")
                .OrderByDescending(d => int.TryParse(d.Fact.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
                .ThenBy(d => d.Key, StringComparer.Ordinal).Take(2).ToList();
            if (departments.Count > 0)
            {
                text += $"; most in {Join(departments.Select(d => d.Key))}";
                cites.AddRange(departments);
            }

            sentences.Add(Sentence(text + ".", cites));
        }

        if (facts.One(ModuleCatalog.SignalScore, "signal.score") is { } signal)
        {
            var top = facts.Keyed(ModuleCatalog.SignalScore, "signal.factor").Take(MaxPerList).ToList();
            sentences.Add(Sentence($"Its signal score is {signal.Fact.Value}/100{(top.Count == 0 ? string.Empty : ", led by " + Join(top.Select(t => t.Key.ToLowerInvariant())))}.", [signal, .. top]));
        }

        return sentences;
    }

    private static List<BriefSentence> Whom(FactIndex facts)
    {
        var sentences = new List<BriefSentence>();
        var committee = facts.Grouped(ModuleCatalog.BuyingCommittee, "committee")
            .Where(g => g.Value.ContainsKey("role"))
            .OrderBy(g => RoleOrder(g.Value["role"].Fact.Value)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(4).ToList();
        foreach (var (person, parts) in committee)
        {
            var role = parts["role"];
            var title = parts.GetValueOrDefault("title");
            sentences.Add(Sentence(
                $"{person}{(title is null ? string.Empty : ", " + title.Fact.Value)}: {RoleLabel(role.Fact.Value)}.",
                title is null ? [role] : [role, title]));
        }

        if (sentences.Count == 0)
        {
            foreach (var (person, parts) in facts.Grouped(ModuleCatalog.Executives, "executive").Where(g => g.Value.ContainsKey("title")).Take(4))
            {
                sentences.Add(Sentence($"{person}, {parts["title"].Fact.Value}.", [parts["title"]]));
            }
        }

        if (sentences.Count == 0 && facts.One(ModuleCatalog.CompanyContext, "company.social[linkedin]") is { } linkedin)
        {
            sentences.Add(Sentence("No leaders are on record yet; start from the company's LinkedIn page.", [linkedin]));
        }

        return sentences;
    }

    private static List<BriefSentence> WhatToSay(FactIndex facts)
    {
        var sentences = new List<BriefSentence>();
        var targets = facts.Grouped(ModuleCatalog.Displacement, "displacement")
            .Where(g => g.Value.ContainsKey("priority"))
            .OrderBy(g => PriorityOrder(g.Value["priority"].Fact.Value)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(MaxPerList).ToList();
        foreach (var (product, parts) in targets)
        {
            var cites = new List<Cited> { parts["priority"] };
            var text = $"They run {product}";
            if (parts.GetValueOrDefault("replacedBy") is { } ours)
            {
                text += $": position {ours.Fact.Value} as its replacement";
                cites.Add(ours);
            }

            if (parts.GetValueOrDefault("evidence") is { } evidence)
            {
                cites.Add(evidence);
            }

            sentences.Add(Sentence($"{text} ({parts["priority"].Fact.Value} priority).", cites));
        }

        if (targets.Count == 0)
        {
            var competitors = facts.Keyed(ModuleCatalog.Competitors, "competitor_product").Take(MaxPerList).ToList();
            if (competitors.Count > 0)
            {
                sentences.Add(Sentence($"They use {Join(competitors.Select(c => c.Key))}, which you compete with: open with what switching would change for them.", competitors));
            }
        }

        var techRoles = facts.Keyed(ModuleCatalog.Hiring, "hiring.tech_role").Take(2).ToList();
        foreach (var role in techRoles)
        {
            sentences.Add(Sentence($"They are hiring for {role.Key} (“{Trim(role.Fact.Value, 100)}”): speak to the work that role will take on.", [role]));
        }

        var replatforming = facts.All(ModuleCatalog.Triggers).FirstOrDefault(f => f.Fact.Path.StartsWith("trigger[Replatforming]", StringComparison.Ordinal));
        if (replatforming is not null)
        {
            sentences.Add(Sentence("They announced a platform change: offer to de-risk the migration.", [replatforming]));
        }

        return sentences;
    }

    private static List<BriefSentence> Proof(FactIndex facts)
    {
        return facts.Grouped(ModuleCatalog.EvidenceMatch, "evidence")
            .Where(g => g.Value.ContainsKey("score"))
            .OrderByDescending(g => int.TryParse(g.Value["score"].Fact.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(MaxPerList)
            .Select(g =>
            {
                var cites = new List<Cited> { g.Value["score"] };
                var kind = g.Value.GetValueOrDefault("kind");
                var reason = g.Value.GetValueOrDefault("reason");
                if (kind is not null)
                {
                    cites.Add(kind);
                }

                if (reason is not null)
                {
                    cites.Add(reason);
                }

                var text = $"Use “{g.Key}”{(kind is null ? string.Empty : " (" + Humanize(kind.Fact.Value) + ")")}, match {g.Value["score"].Fact.Value}/100{(reason is null ? string.Empty : ": " + reason.Fact.Value.TrimEnd('.'))}.";
                return Sentence(text, cites);
            })
            .ToList();
    }

    private static BriefSentence Sentence(string text, IReadOnlyList<Cited> facts) =>
        new(text, facts.Select(f => new BriefCitation(f.Module, f.Fact.Path, f.Fact.Value, f.Fact.Source.Url, f.Fact.Source.Method, f.Fact.Source.FetchedAtUtc)).ToList());

    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static string Humanize(string code) => code switch
    {
        "LeadershipChange" => "leadership change",
        "case_study" => "case study",
        "proof_point" => "proof point",
        _ => code.Replace('_', ' ').ToLowerInvariant(),
    };

    private static int RoleOrder(string role) => role switch { "economic_buyer" => 0, "champion" => 1, "technical_buyer" => 2, _ => 3 };

    private static string RoleLabel(string role) => role switch
    {
        "economic_buyer" => "the economic buyer, who signs",
        "technical_buyer" => "the technical buyer, who vets the fit",
        "champion" => "a likely champion",
        "user" => "a day-to-day user",
        _ => role,
    };

    private static int PriorityOrder(string priority) => priority switch { "high" => 0, "medium" => 1, _ => 2 };

    [GeneratedRegex(@"^trigger\[(\w+)\]\[([^\]]+)\]$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex TriggerPath();

    [GeneratedRegex(@"^(?<prefix>[a-z_.]+)\[(?<key>.+)\](?:\.(?<part>\w+))?$", RegexOptions.CultureInvariant, 100)]
    internal static partial Regex KeyedPath();

    internal sealed record Cited(string Module, Fact Fact, string Key);

    /// <summary>Lookups over the facts of each module, in a stable order.</summary>
    private sealed class FactIndex(IReadOnlyDictionary<string, IReadOnlyList<Fact>> byModule)
    {
        public IEnumerable<Cited> All(string module) =>
            byModule.TryGetValue(module, out var facts) ? facts.Select(f => new Cited(module, f, string.Empty)) : [];

        public Cited? One(string module, string path) => All(module).FirstOrDefault(c => c.Fact.Path == path && c.Fact.Value.Length > 0);

        /// <summary>Facts <c>prefix[key]</c> (no part), with the key.</summary>
        public IEnumerable<Cited> Keyed(string module, string prefix) =>
            All(module)
                .Select(c => (c, m: KeyedPath().Match(c.Fact.Path)))
                .Where(x => x.m.Success && x.m.Groups["prefix"].Value == prefix && !x.m.Groups["part"].Success)
                .Select(x => x.c with { Key = x.m.Groups["key"].Value });

        /// <summary>Facts <c>prefix[key].part</c> grouped by key, in order of first appearance.</summary>
        public List<(string Key, Dictionary<string, Cited> Value)> Grouped(string module, string prefix)
        {
            var groups = new List<(string Key, Dictionary<string, Cited> Value)>();
            foreach (var cited in All(module))
            {
                var m = KeyedPath().Match(cited.Fact.Path);
                if (!m.Success || m.Groups["prefix"].Value != prefix || !m.Groups["part"].Success || cited.Fact.Value.Length == 0)
                {
                    continue;
                }

                var key = m.Groups["key"].Value;
                var index = groups.FindIndex(g => g.Key == key);
                if (index < 0)
                {
                    groups.Add((key, new Dictionary<string, Cited>(StringComparer.Ordinal)));
                    index = groups.Count - 1;
                }

                groups[index].Value.TryAdd(m.Groups["part"].Value, cited with { Key = key });
            }

            return groups;
        }
    }
}
