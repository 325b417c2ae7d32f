using System.Globalization;
using AngleSharp.Html.Parser;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Playbook;

namespace PartnerForge.Infrastructure.Enrichment.Modules;

/// <summary>
/// M08 investors: for each funding trigger M07 found, the press release it links to (on the account's own site)
/// is read for the round, amount and the investors named ("led by …, with participation from …"). Without a
/// readable release the headline is used; a round naming no investor gives no investor fact.
/// </summary>
public sealed class InvestorsModule : IEnrichmentModule
{
    public string Code => ModuleCatalog.Investors;

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var m07 = context.Earlier.TryGetValue(ModuleCatalog.Triggers, out var triggers) ? triggers.Facts : [];
        var funding = m07.Where(f => f.Path.StartsWith($"trigger[{TriggerKind.Funding}][", StringComparison.Ordinal)).ToList();
        if (funding.Count == 0)
        {
            return ModuleResult.NoData("No funding announcements among the press items.");
        }

        var facts = new List<Fact>();
        foreach (var trigger in funding)
        {
            var date = trigger.Path[$"trigger[{TriggerKind.Funding}][".Length..^1];
            var text = trigger.Value;
            var source = trigger.Source;
            if (OnAccountSite(trigger.Source.Url, context.Domain))
            {
                var page = await context.Sources.PageAsync(trigger.Source.Url, cancellationToken);
                if (page.IsOk)
                {
                    var document = new HtmlParser().ParseDocument(page.Body);
                    var body = (document.QuerySelector("article, main") ?? document.Body)?.TextContent ?? string.Empty;
                    text = trigger.Value + ". " + body;
                    source = new SourceRef(page.FinalUrl, page.FetchedAtUtc, "press-release", Sentence(body, "led by") ?? trigger.Value);
                }
            }

            var round = InvestorExtractor.Extract(text);
            foreach (var investor in round.Investors)
            {
                var cited = new SourceRef(source.Url, source.FetchedAtUtc, source.Method, Sentence(text, investor) ?? source.Excerpt);
                facts.Add(new Fact($"investor[{investor}].round", round.Round ?? "undisclosed", cited));
                if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    facts.Add(new Fact($"investor[{investor}].date", date, cited));
                }

                if (round.Amount is not null)
                {
                    facts.Add(new Fact($"investor[{investor}].amount", round.Amount, cited));
                }
            }
        }

        return facts.Count == 0 ? ModuleResult.NoData($"{funding.Count} funding announcement(s), none naming its investors.") : ModuleResult.Ok(facts);
    }

    internal static bool OnAccountSite(string url, string domain) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Host.Equals(domain, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase));

    private static string? Sentence(string text, string needle)
    {
        var at = text.IndexOf(needle, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var start = text.LastIndexOf('.', at) + 1;
        var end = text.IndexOf('.', at);
        return text[start..(end < 0 ? text.Length : end + 1)].Trim();
    }
}
