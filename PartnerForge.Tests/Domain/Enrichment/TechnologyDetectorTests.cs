using PartnerForge.Domain.Technologies;
using PartnerForge.Infrastructure.Enrichment.Samples;
using PartnerForge.Infrastructure.Enrichment.Technologies;
using Xunit.Abstractions;

namespace PartnerForge.Tests.Domain.Enrichment;

public sealed class TechnologyDetectorTests(ITestOutputHelper output)
{
    private static readonly TechnologyDetector Detector = new(FingerprintCatalogLoader.Default);

    [Fact]
    public void The_catalog_has_at_least_250_technologies_across_the_categories_a_seller_cares_about()
    {
        var catalog = FingerprintCatalogLoader.Default;
        catalog.Technologies.Count.Should().BeGreaterThanOrEqualTo(250);
        catalog.Categories.Should().Contain(["Site search", "E-commerce", "CMS", "Analytics", "Tag managers", "Customer data platform",
            "A/B testing and personalization", "Live chat", "Marketing automation", "CDN", "Hosting", "JavaScript frameworks", "Payments", "Consent management"]);
        catalog.ByName.Keys.Should().Contain(["Algolia", "Elasticsearch", "Coveo", "Bloomreach Discovery", "Constructor.io", "Klevu", "Searchspring", "Lucidworks Fusion", "Yext Answers"]);
        catalog.Technologies.SelectMany(t => t.Patterns).Should().OnlyContain(p => p.Regex.MatchTimeout == FingerprintPattern.MatchTimeout);
        catalog.Technologies.Should().Contain(t => t.Implies.Count > 0).And.Contain(t => t.Requires.Count > 0);
    }

    [Fact]
    public void Script_meta_header_cookie_and_dns_patterns_detect_with_version_and_evidence()
    {
        var page = PageEvidence.FromHtml(
            "https://shop.test/",
            """
            <html><head><meta name="generator" content="WordPress 6.4.2">
            <script src="https://cdn.jsdelivr.net/npm/algoliasearch@4.22.1/dist/algoliasearch-lite.umd.js"></script>
            <link rel="stylesheet" href="/wp-content/plugins/woocommerce/assets/css/woocommerce.css?ver=8.4.0">
            </head><body></body></html>
            """,
            headers: [KeyValuePair.Create("Server", "nginx/1.25.3")],
            cookies: [KeyValuePair.Create("_shopify_y", "abc")],
            dns: new Dictionary<string, IReadOnlyList<string>> { ["MX"] = ["1 aspmx.l.google.com."] });
        var found = Detector.Detect(page).ToDictionary(d => d.Technology);

        found["Algolia"].Version.Should().Be("4.22.1");
        found["Algolia"].Evidence.Kind.Should().Be(EvidenceKind.ScriptSrc);
        found["Algolia"].Evidence.Line.Should().Contain("algoliasearch@4.22.1");
        found["WordPress"].Version.Should().Be("6.4.2");
        found["WordPress"].Evidence.Line.Should().Contain("generator");
        found["Nginx"].Version.Should().Be("1.25.3");
        found["Shopify"].Evidence.Kind.Should().Be(EvidenceKind.Cookie);
        found["Google Workspace"].Evidence.Line.Should().Contain("aspmx");
        found["PHP"].Evidence.Kind.Should().Be(EvidenceKind.Implied, "WordPress implies PHP");
        found["PHP"].Evidence.Line.Should().Contain("implied by WordPress");
    }

    [Fact]
    public void Requires_drops_a_detection_whose_prerequisite_is_missing()
    {
        // Boost Commerce requires Shopify.
        var without = PageEvidence.FromHtml("https://x.test/", "<script src=\"https://boostcommerce.net/boost-pfs.js\"></script>");
        Detector.Detect(without).Select(d => d.Technology).Should().NotContain("Boost Commerce");
        var with = PageEvidence.FromHtml("https://x.test/", "<script src=\"https://boostcommerce.net/boost-pfs.js\"></script><script src=\"https://cdn.shopify.com/s/t.js\"></script>");
        Detector.Detect(with).Select(d => d.Technology).Should().Contain(["Boost Commerce", "Shopify"]);
    }

    [Fact]
    public void Excludes_removes_what_a_detection_rules_out()
    {
        var catalog = FingerprintCatalog.Parse("""
            {"technologies":[
              {"name":"A","category":"CMS","html":["alpha-marker"],"excludes":["B"]},
              {"name":"B","category":"CMS","html":["beta-marker"]}
            ]}
            """);
        var found = new TechnologyDetector(catalog).Detect(PageEvidence.FromHtml("https://x.test/", "alpha-marker beta-marker"));
        found.Select(d => d.Technology).Should().Equal("A");
    }

    [Fact]
    public void The_literal_prefilter_is_derived_from_the_pattern()
    {
        FingerprintPattern.LongestLiteral(@"cdn\.shopify\.com").Should().Be("cdn.shopify.com");
        FingerprintPattern.LongestLiteral(@"js\.stripe\.com/v(\d)").Should().Be("js.stripe.com/v");
        FingerprintPattern.LongestLiteral(@"foo|bar").Should().BeNull("a top-level alternation has no required literal");
        FingerprintPattern.LongestLiteral(@"jquery(?:-|\.)([\d.]+)").Should().Be("jquery");
        FingerprintPattern.LongestLiteral(@"abcd?e").Should().Be("abc");
    }

    [Fact]
    public void A_catastrophic_pattern_times_out_and_counts_as_no_match()
    {
        var catalog = FingerprintCatalog.Parse("""{"technologies":[{"name":"Evil","category":"CMS","html":["^(a+)+$"]}]}""");
        var page = PageEvidence.FromHtml("https://x.test/", new string('a', 40) + "!");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        new TechnologyDetector(catalog).Detect(page).Should().BeEmpty();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Detection_over_the_labelled_sample_homepages_has_precision_095_and_recall_090()
    {
        var pages = SampleCorpus.Homepages();
        pages.Count.Should().BeGreaterThanOrEqualTo(20);
        var (precision, recall, falsePositives, misses) = SampleCorpus.Score(pages, p => Detector.Detect(p).Select(d => d.Technology));
        output.WriteLine($"precision {precision:0.000} recall {recall:0.000}");
        output.WriteLine("false positives: " + string.Join("; ", falsePositives));
        output.WriteLine("misses: " + string.Join("; ", misses));
        precision.Should().BeGreaterThanOrEqualTo(0.95, string.Join("; ", falsePositives));
        recall.Should().BeGreaterThanOrEqualTo(0.90, string.Join("; ", misses));
    }
}
