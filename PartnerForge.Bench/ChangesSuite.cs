using System.Diagnostics;
using System.Text.Json.Nodes;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Bench;

/// <summary>
/// Change detection throughput: consecutive snapshot pairs of realistic module payloads (tech stack of ~45
/// technologies with versions, hiring by department, triggers, executives, company context with links) diffed
/// and scored by <see cref="SignificanceRules"/>, next to a naive diff (JsonNode tree, list scans) in the same run.
/// </summary>
public sealed class ChangesSuite : IBenchSuite
{
    public string Name => "changes";

    public string Description => "snapshot diff + significance pairs/s vs a naive JsonNode diff";

    public int DefaultSize => 20000;

    public Task RunAsync(BenchContext context)
    {
        var random = new Random(42);
        var pairs = Enumerable.Range(0, 200).Select(i => Pair(random, i)).ToList();
        var competitors = new SignificanceContext(["Algolia", "Bloomreach", "Salesforce Commerce Cloud", "Adobe Commerce"]);
        context.Output.Note($"{pairs.Count} distinct pairs, {pairs.Average(p => p.Before.Length) / 1024:0.0} KiB per snapshot on average");

        var changes = 0;
        foreach (var (module, before, after) in pairs)
        {
            changes += SignificanceRules.Detect(module, before, after, competitors).Count;
            NaiveDiff(before, after);
        }

        context.Output.Note($"{changes / (double)pairs.Count:0.0} changes per pair");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < context.Size; i++)
        {
            var (module, before, after) = pairs[i % pairs.Count];
            SignificanceRules.Detect(module, before, after, competitors);
        }

        var ours = context.Size / clock.Elapsed.TotalSeconds;
        var naiveSize = Math.Max(pairs.Count, context.Size / 10);
        clock.Restart();
        for (var i = 0; i < naiveSize; i++)
        {
            var (_, before, after) = pairs[i % pairs.Count];
            NaiveDiff(before, after);
        }

        var naive = naiveSize / clock.Elapsed.TotalSeconds;
        context.Output.Figure("diff_pairs_per_s", ours, "0");
        context.Output.Figure("naive_diff_pairs_per_s", naive, "0");
        context.Output.Figure("diff_speedup", ours / naive, "0.0");
        return Task.CompletedTask;
    }

    private static readonly string[] Techs =
    [
        "React", "Next.js", "Vue.js", "jQuery", "Bootstrap", "Tailwind CSS", "Google Analytics", "Google Tag Manager", "Hotjar",
        "Segment", "Optimizely", "Algolia", "Bloomreach", "Shopify", "Salesforce Commerce Cloud", "Adobe Commerce", "Cloudflare",
        "Fastly", "Akamai", "nginx", "Varnish", "HubSpot", "Marketo", "Intercom", "Zendesk", "Stripe", "Adyen", "Klaviyo",
        "OneTrust", "Cookiebot", "Sentry", "New Relic", "Datadog", "Contentful", "WordPress", "Drupal", "Amazon S3", "Lodash",
        "Moment.js", "core-js", "Font Awesome", "Google Fonts", "Vimeo", "YouTube", "Facebook Pixel", "LinkedIn Insight Tag",
    ];

    private static (string Module, string Before, string After) Pair(Random random, int i)
    {
        var source = new SourceRef("https://www.example.com/", DateTime.UnixEpoch, "script-src", "<script src=\"/static/app.js\">");
        List<(string, string)> before;
        string module;
        switch (i % 4)
        {
            case 0:
                module = "M02";
                before = Techs.OrderBy(_ => random.Next()).Take(45)
                    .SelectMany(t => new[] { ($"tech[{t}]", "category"), ($"tech[{t}].version", $"{random.Next(1, 9)}.{random.Next(0, 20)}") }).ToList();
                break;
            case 1:
                module = "M06";
                before = [("hiring.open_roles", random.Next(5, 200).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    .. Enumerable.Range(0, 30).Select(r => ($"hiring.role[{r}]", $"Senior Engineer {r}, Berlin"))];
                break;
            case 2:
                module = "M09";
                before = Enumerable.Range(0, 25).SelectMany(e => new[] { ($"executive[Person {e}]", "VP"), ($"executive[Person {e}].title", $"Vice President {e}") }).ToList();
                break;
            default:
                module = "M01";
                before = [("company.name", "Example"), ("company.description", new string('x', 400)), ("company.industry", "Retail"),
                    .. Enumerable.Range(0, 20).Select(l => ($"links.footer[{l}]", $"https://www.example.com/page/{l}")),
                    .. Enumerable.Range(0, 6).Select(s => ("social", $"https://social{s}.example/acme"))];
                break;
        }

        // The next run: a few facts change, one goes, one arrives (as a real weekly re-run would).
        var after = before.ToList();
        for (var c = 0; c < 3; c++)
        {
            var k = random.Next(after.Count);
            after[k] = (after[k].Item1, after[k].Item2 + "-changed");
        }

        after.RemoveAt(random.Next(after.Count));
        after.Add(module == "M02" ? ("tech[Algolia]", "search") : ($"new.fact[{i}]", "value"));
        return (module, CanonicalJson.FromFacts(before.Select(f => new Fact(f.Item1, f.Item2, source))),
            CanonicalJson.FromFacts(after.Select(f => new Fact(f.Item1, f.Item2, source))));
    }

    /// <summary>The obvious approach: parse to JsonNode trees and scan lists for each fact.</summary>
    private static int NaiveDiff(string before, string after)
    {
        var a = JsonNode.Parse(before)!["facts"]!.AsArray().Select(n => (n!["path"]!.GetValue<string>(), n["value"]!.GetValue<string>())).ToList();
        var b = JsonNode.Parse(after)!["facts"]!.AsArray().Select(n => (n!["path"]!.GetValue<string>(), n["value"]!.GetValue<string>())).ToList();
        var count = 0;
        foreach (var fact in b)
        {
            if (!a.Contains(fact))
            {
                count++;
            }
        }

        foreach (var fact in a)
        {
            if (!b.Contains(fact))
            {
                count++;
            }
        }

        return count;
    }
}
