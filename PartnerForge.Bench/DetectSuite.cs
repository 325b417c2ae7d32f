using System.Diagnostics;
using PartnerForge.Domain.Technologies;
using PartnerForge.Infrastructure.Demo;
using PartnerForge.Infrastructure.Enrichment.Technologies;

namespace PartnerForge.Bench;

/// <summary>
/// Technology detection on one core over the sample homepages: our detector (patterns scoped to where they
/// apply, literal prefilter) next to a naive matcher (every pattern over the whole page) in the same run;
/// precision and recall on the labelled sample pages.
/// </summary>
public sealed class DetectSuite : IBenchSuite
{
    public string Name => "detect";

    public string Description => "technology detection pages/s vs a naive matcher; precision and recall";

    public int DefaultSize => 3000;

    public Task RunAsync(BenchContext context)
    {
        var catalog = FingerprintCatalogLoader.Default;
        var detector = new TechnologyDetector(catalog);
        var pages = SampleCorpus.Homepages();
        context.Output.Note($"{pages.Count} labelled sample homepages, {catalog.Technologies.Count} technologies, {catalog.Technologies.Sum(t => t.Patterns.Count)} patterns");

        // Warm-up (JIT, regex construction) for both.
        foreach (var p in pages)
        {
            detector.Detect(p.Page);
            TechnologyDetector.NaiveMatchCount(catalog, p.Page.Html);
        }

        var detections = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < context.Size; i++)
        {
            detections += detector.Detect(pages[i % pages.Count].Page).Count;
        }

        var ours = context.Size / clock.Elapsed.TotalSeconds;

        var naiveSize = Math.Max(pages.Count, context.Size / 20);
        var matches = 0;
        clock.Restart();
        for (var i = 0; i < naiveSize; i++)
        {
            matches += TechnologyDetector.NaiveMatchCount(catalog, pages[i % pages.Count].Page.Html);
        }

        var naive = naiveSize / clock.Elapsed.TotalSeconds;
        context.Output.Note($"{detections:N0} detections over {context.Size:N0} pages; naive matcher: {matches:N0} pattern hits over {naiveSize:N0} pages");

        var (precision, recall, falsePositives, misses) = SampleCorpus.Score(pages, p => detector.Detect(p).Select(d => d.Technology));
        context.Output.Figure("detect_pages_per_s", ours, "0");
        context.Output.Figure("naive_pages_per_s", naive, "0");
        context.Output.Figure("detect_speedup", ours / naive, "0.0");
        context.Output.Figure("detect_precision", precision, "0.000");
        context.Output.Figure("detect_recall", recall, "0.000");
        context.Output.Figure("catalog_technologies", catalog.Technologies.Count, "0");
        if (falsePositives.Count + misses.Count > 0)
        {
            context.Output.Note("false positives: " + string.Join("; ", falsePositives));
            context.Output.Note("misses: " + string.Join("; ", misses));
        }

        return Task.CompletedTask;
    }
}
