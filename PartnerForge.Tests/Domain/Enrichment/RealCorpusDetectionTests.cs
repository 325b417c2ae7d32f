using PartnerForge.Bench;
using PartnerForge.Domain.Technologies;
using PartnerForge.Infrastructure.Enrichment.Technologies;
using Xunit.Abstractions;

namespace PartnerForge.Tests.Domain.Enrichment;

/// <summary>
/// Detection measured on the shared corpus of real saved pages (<c>&lt;repo&gt;/../shared/corpus</c>, read at run
/// time, never copied here) against its reference labels, on the report split (ids ending c–f) that was not
/// used for tuning. The targets are precision 0.95 and recall 0.90; recall reaches its target, precision
/// does not yet, so the figures reached (0.900 / 0.905 on 2026-12-04, after the selector and literal-window
/// fixes of issue #18) are asserted as floors a little below them (a regression fails) and the targets stay in
/// the bench output. Most remaining false positives are products the page shows and the reference lacks (README).
/// </summary>
public sealed class RealCorpusDetectionTests(ITestOutputHelper output)
{
    private const double PrecisionFloor = 0.897;
    private const double RecallFloor = 0.900;

    private static readonly Lazy<RealCorpus> Corpus = new(() =>
        RealCorpus.Load(RealCorpus.Locate() ?? throw new InvalidOperationException("../shared/corpus beside the repository is missing")));

    private static readonly TechnologyDetector Detector = new(FingerprintCatalogLoader.Default);

    /// <summary>
    /// Disagreements read on the page where the reference is wrong (general ones are rules in
    /// <see cref="RealCorpus.ReferenceOf"/>: Prototype from the word "prototype", Piwik PRO for Matomo's
    /// snippet, Onsen UI for Osano's cookieconsent, Google Tag Manager for GPT's googletag global).
    /// </summary>
    public static readonly IReadOnlyList<ReferenceCorrection> Corrections = [];

    [Fact]
    public void Precision_and_recall_on_the_report_split_hold_their_floors()
    {
        var corpus = Corpus.Value;
        var report = corpus.Report.ToList();
        report.Count.Should().BeGreaterThan(150, "the report split is the ids ending c–f");
        var score = corpus.Score(report, p => Detector.Detect(PageEvidence.FromHtml(p.Url, p.Html)).Select(d => d.Technology), Detector.Catalog, Corrections);
        output.WriteLine($"precision {score.Precision:0.000} recall {score.Recall:0.000}");
        output.WriteLine("false positives: " + string.Join(", ", score.TopFalsePositives(20).Select(x => $"{x.Name} {x.Count}")));
        output.WriteLine("misses: " + string.Join(", ", score.TopMisses(20).Select(x => $"{x.Name} {x.Count}")));
        score.Precision.Should().BeGreaterThanOrEqualTo(PrecisionFloor);
        score.Recall.Should().BeGreaterThanOrEqualTo(RecallFloor);
    }

    [Fact]
    public void The_catalog_knows_at_least_90_percent_of_the_business_technologies_the_reference_finds()
    {
        var (share, missing) = RealCorpus.CatalogMissing(Corpus.Value.Report, FingerprintCatalogLoader.Default);
        output.WriteLine($"missing {share:P1}: " + string.Join(", ", missing.Select(m => $"{m.Name} {m.Pages}")));
        share.Should().BeLessThanOrEqualTo(0.10);
        FingerprintCatalogLoader.Default.Technologies.Count.Should().BeGreaterThanOrEqualTo(1500);
    }

    [Fact]
    public void The_split_and_the_alias_table_behave_as_documented()
    {
        new RealPage("00000000000000c", "https://x.test/", string.Empty, new HashSet<string>()).IsReport.Should().BeTrue();
        new RealPage("00000000000000b", "https://x.test/", string.Empty, new HashSet<string>()).IsReport.Should().BeFalse();
        RealCorpus.ReferenceName("Meta Pixel").Should().Be("Facebook Pixel");
        RealCorpus.ReferenceName("jQuery").Should().Be("jQuery");
        RealCorpus.Aliases.Keys.Should().OnlyContain(k => FingerprintCatalogLoader.Default.ByName.ContainsKey(k), "every alias names one of our technologies");
        var page = new RealPage("0c", "https://x.test/", "<script>Element.prototype.matches</script>", new HashSet<string> { "Prototype", "PHP", "jQuery" });
        RealCorpus.ReferenceOf(page).Should().BeEquivalentTo(["jQuery"], "PHP is unreliable and no Prototype script is on the page");
    }
}
