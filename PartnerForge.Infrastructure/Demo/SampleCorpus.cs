using System.Text.Json;
using PartnerForge.Domain.Technologies;

namespace PartnerForge.Infrastructure.Demo;

public sealed record LabelledPage(string Host, PageEvidence Page, IReadOnlyList<string> Technologies);

/// <summary>The sample homepages read straight from disk with their labels (for detection tests and the bench).</summary>
public static class SampleCorpus
{
    public static IReadOnlyList<LabelledPage> Homepages(string? root = null)
    {
        root ??= SampleSitesServer.DefaultRoot();
        var pages = new List<LabelledPage>();
        foreach (var host in SampleSitesServer.SiteHosts(root))
        {
            var dir = Path.Combine(root, "sites", host);
            var index = Path.Combine(dir, "index.html");
            var metaFile = Path.Combine(dir, "_site.json");
            if (!File.Exists(index) || !File.Exists(metaFile))
            {
                continue;
            }

            using var meta = JsonDocument.Parse(File.ReadAllText(metaFile));
            var headers = meta.RootElement.GetProperty("headers").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).ToList();
            var cookies = meta.RootElement.GetProperty("cookies").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).ToList();
            var dns = meta.RootElement.GetProperty("dns").EnumerateObject()
                .ToDictionary(p => p.Name.ToUpperInvariant(), p => (IReadOnlyList<string>)p.Value.EnumerateArray().Select(v => v.GetString()!).ToList());
            var labels = meta.RootElement.GetProperty("technologies").EnumerateArray().Select(v => v.GetString()!).ToList();
            var html = PartnerForge.Infrastructure.Enrichment.Fetching.CharsetDetector.Decode(File.ReadAllBytes(index), headers.FirstOrDefault(h => h.Key == "content-type").Value?.Split("charset=").ElementAtOrDefault(1)).Text;
            pages.Add(new LabelledPage(host, PageEvidence.FromHtml($"https://{host}/", html, headers, cookies, dns), labels));
        }

        return pages;
    }

    /// <summary>Precision and recall of detections against the labels, over all pages.</summary>
    public static (double Precision, double Recall, IReadOnlyList<string> FalsePositives, IReadOnlyList<string> Misses) Score(
        IReadOnlyList<LabelledPage> pages, Func<PageEvidence, IEnumerable<string>> detect)
    {
        int tp = 0, fp = 0, fn = 0;
        var falsePositives = new List<string>();
        var misses = new List<string>();
        foreach (var page in pages)
        {
            var found = detect(page.Page).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var truth = page.Technologies.ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var f in found)
            {
                if (truth.Contains(f))
                {
                    tp++;
                }
                else
                {
                    fp++;
                    falsePositives.Add($"{page.Host}: {f}");
                }
            }

            foreach (var t in truth.Where(t => !found.Contains(t)))
            {
                fn++;
                misses.Add($"{page.Host}: {t}");
            }
        }

        return (tp + fp == 0 ? 0 : tp / (double)(tp + fp), tp + fn == 0 ? 0 : tp / (double)(tp + fn), falsePositives, misses);
    }
}
