using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment.Fetching;

namespace PartnerForge.Infrastructure.Enrichment.Modules;

/// <summary>
/// M01 company context: name, description, industry, HQ, founded, employee band and social links from the
/// homepage and about page (&lt;meta&gt;, Open Graph, schema.org Organization JSON-LD including @graph), plus
/// the links later modules follow (careers page, press feed, newsroom).
/// </summary>
public sealed class CompanyContextModule : IEnrichmentModule
{
    public string Code => ModuleCatalog.CompanyContext;

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var home = await context.Sources.PageAsync(context.HomeUrl, cancellationToken);
        if (!home.IsOk)
        {
            return ModuleResult.FromFetch(home);
        }

        var facts = new List<Fact>();
        Read(home, facts);
        var about = await context.Sources.PageAsync(context.Url("/about"), cancellationToken);
        if (about.IsOk)
        {
            var fromAbout = new List<Fact>();
            Read(about, fromAbout);
            facts.AddRange(fromAbout.Where(f => facts.All(existing => existing.Path != f.Path)));
        }

        return ModuleResult.Ok(facts);
    }

    internal static void Read(FetchResult page, List<Fact> facts)
    {
        var document = new HtmlParser().ParseDocument(page.Body);
        void Add(string path, string? value, string method, string excerpt)
        {
            if (!string.IsNullOrWhiteSpace(value) && facts.All(f => f.Path != path))
            {
                facts.Add(new Fact(path, value.Trim(), new SourceRef(page.FinalUrl, page.FetchedAtUtc, method, excerpt)));
            }
        }

        // schema.org Organization first: the most structured source.
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            foreach (var org in Organizations(script.TextContent))
            {
                var excerpt = Excerpt(script.TextContent);
                Add("company.name", Str(org, "name"), "json-ld", excerpt);
                Add("company.description", Str(org, "description"), "json-ld", excerpt);
                Add("company.industry", Str(org, "industry"), "json-ld", excerpt);
                Add("company.founded", Str(org, "foundingDate"), "json-ld", excerpt);
                if (org.TryGetProperty("numberOfEmployees", out var employees))
                {
                    Add("company.employees", employees.ValueKind == JsonValueKind.Object ? Str(employees, "description") ?? Str(employees, "value") : employees.ToString(), "json-ld", excerpt);
                }

                if (org.TryGetProperty("address", out var address) && address.ValueKind == JsonValueKind.Object)
                {
                    var hq = string.Join(", ", new[] { Str(address, "addressLocality"), Str(address, "addressRegion"), Str(address, "addressCountry") }.Where(s => !string.IsNullOrWhiteSpace(s)));
                    Add("company.hq", hq, "json-ld", excerpt);
                }

                if (org.TryGetProperty("sameAs", out var sameAs) && sameAs.ValueKind == JsonValueKind.Array)
                {
                    foreach (var link in sameAs.EnumerateArray().Select(l => l.GetString()).OfType<string>())
                    {
                        Add($"company.social[{SocialName(link)}]", link, "json-ld", excerpt);
                    }
                }
            }
        }

        string? Meta(string key) => document.QuerySelector($"meta[property='{key}'], meta[name='{key}']")?.GetAttribute("content");
        Add("company.name", Meta("og:site_name"), "open-graph", $"<meta property=\"og:site_name\" content=\"{Meta("og:site_name")}\">");
        Add("company.name", Meta("og:title"), "open-graph", $"<meta property=\"og:title\" content=\"{Meta("og:title")}\">");
        Add("company.name", document.Title, "html-title", $"<title>{document.Title}</title>");
        Add("company.description", Meta("og:description"), "open-graph", $"<meta property=\"og:description\" content=\"{Meta("og:description")}\">");
        Add("company.description", Meta("description"), "html-meta", $"<meta name=\"description\" content=\"{Meta("description")}\">");

        foreach (var anchor in document.QuerySelectorAll("a[href]").OfType<IHtmlAnchorElement>())
        {
            var href = anchor.GetAttribute("href")!;
            var absolute = Uri.TryCreate(new Uri(page.FinalUrl), href, out var u) ? u.ToString() : href;
            var text = anchor.TextContent.Trim();
            if (text.Contains("career", StringComparison.OrdinalIgnoreCase) || href.Contains("/careers", StringComparison.OrdinalIgnoreCase) || href.Contains("/jobs", StringComparison.OrdinalIgnoreCase))
            {
                Add("links.careers", absolute, "html-link", $"<a href=\"{href}\">{text}</a>");
            }
            else if (text.Contains("newsroom", StringComparison.OrdinalIgnoreCase) || text.Equals("press", StringComparison.OrdinalIgnoreCase) || href.Contains("/newsroom", StringComparison.OrdinalIgnoreCase))
            {
                Add("links.newsroom", absolute, "html-link", $"<a href=\"{href}\">{text}</a>");
            }
            else if (href.Contains("linkedin.com/company", StringComparison.OrdinalIgnoreCase))
            {
                Add("company.social[linkedin]", absolute, "html-link", $"<a href=\"{href}\">{text}</a>");
            }
        }

        foreach (var link in document.QuerySelectorAll("link[rel='alternate'][href]"))
        {
            var type = link.GetAttribute("type") ?? string.Empty;
            if (type.Contains("rss", StringComparison.OrdinalIgnoreCase) || type.Contains("atom", StringComparison.OrdinalIgnoreCase))
            {
                var href = link.GetAttribute("href")!;
                Add("links.feed", new Uri(new Uri(page.FinalUrl), href).ToString(), "html-link", $"<link rel=\"alternate\" type=\"{type}\" href=\"{href}\">");
            }
        }
    }

    private static IEnumerable<JsonElement> Organizations(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            yield break;
        }

        using (doc)
        {
            var nodes = new List<JsonElement>();
            void Collect(JsonElement e)
            {
                if (e.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in e.EnumerateArray())
                    {
                        Collect(item);
                    }
                }
                else if (e.ValueKind == JsonValueKind.Object)
                {
                    nodes.Add(e);
                    if (e.TryGetProperty("@graph", out var graph))
                    {
                        Collect(graph);
                    }
                }
            }

            Collect(doc.RootElement);
            foreach (var node in nodes)
            {
                var type = node.TryGetProperty("@type", out var t) ? t.ToString() : string.Empty;
                if (type.Contains("Organization", StringComparison.Ordinal) || type.Contains("Corporation", StringComparison.Ordinal) || type.Contains("LocalBusiness", StringComparison.Ordinal))
                {
                    yield return node.Clone();
                }
            }
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.ToString(), _ => null } : null;

    private static string SocialName(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host.Replace("www.", string.Empty, StringComparison.Ordinal).Split('.')[0] : "link";

    private static string Excerpt(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
        return flat.Length > 200 ? flat[..200] + "…" : flat;
    }
}
