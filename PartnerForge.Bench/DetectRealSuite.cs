using System.Diagnostics;
using PartnerForge.Domain.Technologies;
using PartnerForge.Infrastructure.Enrichment.Technologies;

namespace PartnerForge.Bench;

/// <summary>
/// Technology detection on the shared corpus of real saved pages (<c>../shared/corpus</c> beside the
/// repository): precision and recall on the report split (ids ending c–f) against the reference labels, on the
/// technologies both sides know, unreliable labels left out; the share of the reference's business
/// technologies our catalog lacks; pages per second on one thread (evidence extraction included) next to a
/// naive matcher (every pattern over the whole page) measured in the same run. <c>real_precision</c> and
/// <c>real_recall</c> score against the reference with the class rules of our hand checks
/// (<see cref="RealCorpus.ReferenceOf"/>); the <c>…_reference_as_given</c> pair scores against the reference with
/// only the corpus README's own unreliable labels left out, the figure an outside check with the same kind of
/// reference would see.
/// Set <c>DETECT_REAL_ERRORS=tune</c> (or <c>report</c>) to list every disagreement of that split, and pass
/// <c>--explain tune</c> to print each false positive of the tuning split with its evidence (page id, technology,
/// the pattern that matched and a short excerpt). The report split is never explained: it is not for tuning.
/// </summary>
public sealed class DetectRealSuite : IBenchSuite
{
    public string Name => "detect-real";

    public string Description => "detection on real saved pages: precision/recall vs reference, catalog coverage, pages/s vs naive";

    public int DefaultSize => 2;

    public Task RunAsync(BenchContext context)
    {
        var directory = RealCorpus.Locate() ?? throw new InvalidOperationException("The corpus ../shared/corpus beside the repository was not found.");
        var corpus = RealCorpus.Load(directory);
        var catalog = FingerprintCatalogLoader.Default;
        var detector = new TechnologyDetector(catalog);
        var report = corpus.Report.ToList();
        context.Output.Note($"{corpus.Pages.Count} pages ({report.Count} in the report split), {catalog.Technologies.Count} technologies, {catalog.Technologies.Sum(t => t.Patterns.Count)} patterns");

        IEnumerable<string> Detect(RealPage p) => detector.Detect(PageEvidence.FromHtml(p.Url, p.Html)).Select(d => d.Technology);
        var score = corpus.Score(report, Detect, catalog);
        var tune = corpus.Score(corpus.Tune, Detect, catalog);
        var asGiven = corpus.Score(report, Detect, catalog, handChecks: false);
        context.Output.Note($"tune split: precision {tune.Precision:0.000} recall {tune.Recall:0.000}");
        context.Output.Note("report false positives: " + string.Join(", ", score.TopFalsePositives(15).Select(x => $"{x.Name} {x.Count}")));
        context.Output.Note("report misses: " + string.Join(", ", score.TopMisses(15).Select(x => $"{x.Name} {x.Count}")));
        var (missingShare, missing) = RealCorpus.CatalogMissing(report, catalog);
        context.Output.Note("most common missing: " + string.Join(", ", missing.Take(15).Select(m => $"{m.Name} {m.Pages}")));
        PrintErrors(context, corpus, Detect, catalog);
        Explain(context, corpus, detector, catalog);

        var (ours, naive) = Speed(context, corpus, catalog, detector);
        context.Output.Figure("real_precision", score.Precision, "0.000");
        context.Output.Figure("real_recall", score.Recall, "0.000");
        context.Output.Figure("real_precision_reference_as_given", asGiven.Precision, "0.000");
        context.Output.Figure("real_recall_reference_as_given", asGiven.Recall, "0.000");
        context.Output.Figure("catalog_missing_pct", missingShare * 100, "0.0");
        context.Output.Figure("catalog_technologies", catalog.Technologies.Count, "0");
        context.Output.Figure("detect_pages_per_s", ours, "0");
        context.Output.Figure("naive_pages_per_s", naive, "0.0");
        context.Output.Figure("detect_speedup", ours / naive, "0.0");
        return Task.CompletedTask;
    }

    /// <summary>Our detector over every page <c>--size</c> times, then the naive matcher over a slice.</summary>
    private static (double Ours, double Naive) Speed(BenchContext context, RealCorpus corpus, FingerprintCatalog catalog, TechnologyDetector detector)
    {
        foreach (var p in corpus.Pages.Take(50))
        {
            detector.Detect(PageEvidence.FromHtml(p.Url, p.Html));
            TechnologyDetector.NaiveMatchCount(catalog, p.Html);
        }

        var detections = 0;
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < context.Size; round++)
        {
            foreach (var p in corpus.Pages)
            {
                detections += detector.Detect(PageEvidence.FromHtml(p.Url, p.Html)).Count;
            }
        }

        var ours = context.Size * corpus.Pages.Count / clock.Elapsed.TotalSeconds;
        var slice = corpus.Pages.Where((_, i) => i % 10 == 0).ToList();
        var matches = 0;
        clock.Restart();
        foreach (var p in slice)
        {
            matches += TechnologyDetector.NaiveMatchCount(catalog, p.Html);
        }

        var naive = slice.Count / clock.Elapsed.TotalSeconds;
        context.Output.Note($"{detections:N0} detections over {context.Size * corpus.Pages.Count:N0} pages; naive matcher: {matches:N0} pattern hits over {slice.Count} pages");
        return (ours, naive);
    }

    private static void PrintErrors(BenchContext context, RealCorpus corpus, Func<RealPage, IEnumerable<string>> detect, FingerprintCatalog catalog)
    {
        var which = Environment.GetEnvironmentVariable("DETECT_REAL_ERRORS");
        if (which is not ("tune" or "report"))
        {
            return;
        }

        var score = corpus.Score(which == "tune" ? corpus.Tune : corpus.Report, detect, catalog);
        foreach (var group in score.Errors.GroupBy(e => (e.Technology, e.FalsePositive)).OrderByDescending(g => g.Count()))
        {
            context.Output.Note($"{(group.Key.FalsePositive ? "FP" : "FN")} {group.Key.Technology} ({group.Count()}): {string.Join(' ', group.Select(e => e.PageId))}");
        }
    }

    /// <summary><c>--explain tune</c>: every tuning-split false positive with the evidence the detector used.</summary>
    private static void Explain(BenchContext context, RealCorpus corpus, TechnologyDetector detector, FingerprintCatalog catalog)
    {
        var args = Environment.GetCommandLineArgs();
        var at = Array.IndexOf(args, "--explain");
        if (at < 0)
        {
            return;
        }

        if (at + 1 >= args.Length || args[at + 1] != "tune")
        {
            context.Output.Note("--explain takes only 'tune': the report split is not for choosing fixes");
            return;
        }

        var pages = corpus.Tune.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var detections = pages.Values.ToDictionary(p => p.Id, p => detector.Detect(PageEvidence.FromHtml(p.Url, p.Html)), StringComparer.Ordinal);
        var score = corpus.Score(pages.Values, p => detections[p.Id].Select(d => d.Technology), catalog);
        foreach (var group in score.Errors.Where(e => e.FalsePositive).GroupBy(e => e.Technology).OrderByDescending(g => g.Count()))
        {
            context.Output.Note($"FP {group.Key} ({group.Count()})");
            foreach (var (pageId, name, _) in group)
            {
                var hit = detections[pageId].FirstOrDefault(d => string.Equals(RealCorpus.ReferenceName(d.Technology), name, StringComparison.OrdinalIgnoreCase));
                if (hit is null)
                {
                    continue;
                }

                var tech = catalog.Technologies.First(t => t.Name == hit.Technology);
                var pattern = tech.Patterns.FirstOrDefault(p => p.Kind == hit.Evidence.Kind && SafeMatch(p, hit.Evidence.Line))?.Source ?? "(implied or other)";
                var line = hit.Evidence.Line.ReplaceLineEndings(" ");
                context.Output.Note($"  {pageId} {hit.Technology} [{hit.Evidence.Kind} /{pattern}/] {line[..Math.Min(120, line.Length)]}");
            }
        }
    }

    private static bool SafeMatch(FingerprintPattern pattern, string text)
    {
        try
        {
            return pattern.Regex.IsMatch(text);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
