using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment.Fetching;

namespace PartnerForge.Infrastructure.Enrichment.Modules;

/// <summary>
/// M09 executives: the account's leadership or team page (linked from the homepage or about page, else the
/// usual paths), read from schema.org Person JSON-LD first and the page's person cards second. Writes
/// <c>executive[Name]</c> (the root change detection rates as joined/left), <c>executive[Name].title</c>
/// and, when published, <c>executive[Name].profile</c>.
/// </summary>
public sealed partial class ExecutivesModule : IEnrichmentModule
{
    public const int MaxPeople = 40;

    private static readonly string[] FallbackPaths = ["/leadership", "/team", "/about/leadership", "/management", "/company/leadership", "/about/team"];

    public string Code => ModuleCatalog.Executives;

    private sealed record Person(string Name, string Title, string? Profile, string Method, string Excerpt);

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        foreach (var url in new[] { context.HomeUrl, context.Url("/about") })
        {
            var page = await context.Sources.PageAsync(url, cancellationToken);
            if (page.IsOk)
            {
                candidates.AddRange(LeadershipLinks(page, context.Domain));
            }
        }

        candidates.AddRange(FallbackPaths.Select(context.Url));
        FetchResult? blocked = null;
        foreach (var url in candidates.Distinct(StringComparer.OrdinalIgnoreCase).Take(8))
        {
            var page = await context.Sources.PageAsync(url, cancellationToken);
            if (!page.IsOk)
            {
                blocked ??= page.Status is FetchStatus.Blocked or FetchStatus.RobotsDisallowed ? page : null;
                continue;
            }

            var people = Read(page.Body);
            if (people.Count == 0)
            {
                continue;
            }

            var facts = new List<Fact>();
            foreach (var person in people.Take(MaxPeople))
            {
                var source = new SourceRef(page.FinalUrl, page.FetchedAtUtc, person.Method, person.Excerpt);
                facts.Add(new Fact($"executive[{person.Name}]", person.Title, source));
                facts.Add(new Fact($"executive[{person.Name}].title", person.Title, source));
                if (person.Profile is not null)
                {
                    facts.Add(new Fact($"executive[{person.Name}].profile", person.Profile, source));
                }
            }

            return ModuleResult.Ok(facts);
        }

        return blocked is not null ? ModuleResult.FromFetch(blocked) : ModuleResult.NoData("No leadership or team page with names and titles was found.");
    }

    private static IEnumerable<string> LeadershipLinks(FetchResult page, string domain)
    {
        var document = new HtmlParser().ParseDocument(page.Body);
        foreach (var a in document.QuerySelectorAll("a[href]"))
        {
            var href = a.GetAttribute("href")!;
            if ((LeadershipWords().IsMatch(href) || LeadershipWords().IsMatch(a.TextContent))
                && Uri.TryCreate(new Uri(page.FinalUrl), href, out var absolute) && InvestorsModule.OnAccountSite(absolute.ToString(), domain))
            {
                yield return absolute.GetLeftPart(UriPartial.Path);
            }
        }
    }

    private static List<Person> Read(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var people = new List<Person>();
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent);
                foreach (var node in Nodes(json.RootElement))
                {
                    if (node.TryGetProperty("@type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Person"
                        && Text(node, "name") is { } name && Text(node, "jobTitle") is { } title)
                    {
                        people.Add(new Person(name, title, Text(node, "url") ?? Text(node, "sameAs"), "json-ld-person", $"{{\"@type\": \"Person\", \"name\": \"{name}\", \"jobTitle\": \"{title}\"}}"));
                    }
                }
            }
            catch (JsonException)
            {
                // A broken JSON-LD block: the page's cards may still name the people.
            }
        }

        foreach (var card in document.QuerySelectorAll(".person, .team-member, .leader, .executive, .bio, .profile-card, [itemtype$='Person']"))
        {
            var name = card.QuerySelector("[itemprop=name], .name, h2, h3, h4, strong")?.TextContent.Trim();
            var title = card.QuerySelector("[itemprop=jobTitle], .title, .role, .job-title, .position, em, p, span")?.TextContent.Trim();
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(title) || name == title || name.Length > 80 || title.Length > 120
                || people.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var profile = card.QuerySelector("a[href*='linkedin.com/in/']")?.GetAttribute("href");
            people.Add(new Person(Collapse(name), Collapse(title), profile, "leadership-html", Excerpt(card)));
        }

        return people;
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray().SelectMany(Nodes))
            {
                yield return item;
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            if (element.TryGetProperty("@graph", out var graph))
            {
                foreach (var item in Nodes(graph))
                {
                    yield return item;
                }
            }
        }
    }

    private static string? Text(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()) ? Collapse(value.GetString()!) : null;

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    private static string Excerpt(IElement card) => card.OuterHtml.Length > SourceRef.MaxExcerpt ? card.OuterHtml[..SourceRef.MaxExcerpt] : card.OuterHtml;

    [GeneratedRegex(@"leadership|our-?team|\bteam\b|management|executives?|board|people", RegexOptions.IgnoreCase)]
    private static partial Regex LeadershipWords();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
