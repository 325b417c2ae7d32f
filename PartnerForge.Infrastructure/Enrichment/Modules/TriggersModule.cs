using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment.Fetching;

namespace PartnerForge.Infrastructure.Enrichment.Modules;

/// <summary>
/// M07 strategic triggers: the site's RSS/Atom press feed (found by M01), else its newsroom page; each item
/// classified into funding, acquisition, leadership change, replatforming, expansion or layoffs, with its date.
/// </summary>
public sealed class TriggersModule : IEnrichmentModule
{
    public string Code => ModuleCatalog.Triggers;

    private sealed record Item(string Title, string? Summary, string Link, DateTime? Date, string Method, string SourceUrl, DateTime FetchedAtUtc);

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var m01 = context.Earlier[ModuleCatalog.CompanyContext];
        var items = new List<Item>();
        string? failure = null;
        if (m01.Value("links.feed") is { } feedUrl)
        {
            var feed = await context.Sources.PageAsync(feedUrl, cancellationToken);
            if (feed.IsOk)
            {
                try
                {
                    items.AddRange(ParseFeed(feed));
                }
                catch (XmlException ex)
                {
                    failure = $"The press feed is not valid XML: {ex.Message}";
                }
            }
            else if (feed.Status != FetchStatus.NotFound)
            {
                return ModuleResult.FromFetch(feed);
            }
        }

        if (items.Count == 0)
        {
            var newsroom = await context.Sources.PageAsync(m01.Value("links.newsroom") ?? context.Url("/newsroom"), cancellationToken);
            if (newsroom.IsOk)
            {
                items.AddRange(ParseNewsroom(newsroom));
            }
            else if (newsroom.Status is not FetchStatus.NotFound && failure is null)
            {
                return ModuleResult.FromFetch(newsroom);
            }
        }

        if (items.Count == 0)
        {
            return failure is null ? ModuleResult.NoData("No press feed or newsroom items found.") : ModuleResult.Failed(failure);
        }

        var facts = new List<Fact>();
        foreach (var item in items)
        {
            foreach (var kind in TriggerClassifier.Classify(item.Title, item.Summary))
            {
                var date = item.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "undated";
                facts.Add(new Fact($"trigger[{kind}][{date}]", item.Title, new SourceRef(item.Link, item.FetchedAtUtc, item.Method, item.Title)));
            }
        }

        return facts.Count == 0 ? ModuleResult.NoData($"{items.Count} press items, none a strategic trigger.") : ModuleResult.Ok(facts);
    }

    private static IEnumerable<Item> ParseFeed(FetchResult feed)
    {
        using var reader = XmlReader.Create(new StringReader(feed.Body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var doc = XDocument.Load(reader);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        foreach (var item in doc.Descendants("item"))
        {
            var link = (string?)item.Element("link") ?? feed.FinalUrl;
            yield return new Item((string?)item.Element("title") ?? string.Empty, (string?)item.Element("description"), Absolute(feed.FinalUrl, link),
                DateTime.TryParse((string?)item.Element("pubDate"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d) ? d : null,
                "rss", feed.FinalUrl, feed.FetchedAtUtc);
        }

        foreach (var entry in doc.Descendants(atom + "entry"))
        {
            var link = entry.Elements(atom + "link").Select(l => (string?)l.Attribute("href")).FirstOrDefault(h => h is not null) ?? feed.FinalUrl;
            var when = (string?)entry.Element(atom + "published") ?? (string?)entry.Element(atom + "updated");
            yield return new Item((string?)entry.Element(atom + "title") ?? string.Empty, (string?)entry.Element(atom + "summary"), Absolute(feed.FinalUrl, link),
                DateTime.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d) ? d : null,
                "atom", feed.FinalUrl, feed.FetchedAtUtc);
        }
    }

    private static IEnumerable<Item> ParseNewsroom(FetchResult page)
    {
        var document = new HtmlParser().ParseDocument(page.Body);
        foreach (var article in document.QuerySelectorAll("article"))
        {
            var heading = article.QuerySelector("h1, h2, h3");
            if (heading is null)
            {
                continue;
            }

            var href = heading.QuerySelector("a")?.GetAttribute("href");
            var time = article.QuerySelector("time")?.GetAttribute("datetime");
            yield return new Item(heading.TextContent.Trim(), article.QuerySelector("p")?.TextContent, href is null ? page.FinalUrl : Absolute(page.FinalUrl, href),
                DateTime.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d) ? d : null,
                "newsroom-html", page.FinalUrl, page.FetchedAtUtc);
        }
    }

    private static string Absolute(string baseUrl, string href) => Uri.TryCreate(new Uri(baseUrl), href, out var u) ? u.ToString() : baseUrl;
}
