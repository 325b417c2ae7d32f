using PartnerForge.Domain.Technologies;
using PartnerForge.Infrastructure.Demo;
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
        FingerprintPattern.LongestLiteral(@"class=[""'][^""']*\bvc_row").Should().Be("vc_row", "generic markup is a poor prefilter");
        FingerprintPattern.LongestLiteral(@"<script[^>]+data-abc").Should().Be("data-abc");
    }

    [Fact]
    public void The_prefilter_finds_literals_sharing_a_prefix_overlapping_and_at_the_very_end_of_the_page()
    {
        var catalog = FingerprintCatalog.Parse("""
            {"technologies":[
              {"name":"Alpha","category":"CMS","html":["/wp-content/plugins/alpha/"]},
              {"name":"Beta","category":"CMS","html":["/wp-content/plugins/alphabet/"]},
              {"name":"Gamma","category":"CMS","html":["ins/alp"]},
              {"name":"Delta","category":"CMS","html":["zzq-end"]},
              {"name":"Omega","category":"CMS","html":["/wp-content/plugins/omega/"]}]}
            """);
        var page = PageEvidence.FromHtml("https://x.test/", "<link href=\"/wp-content/plugins/alphabet/x.css\"><script src=\"/wp-content/plugins/alpha/y.js\"></script>zzq-end");
        new TechnologyDetector(catalog).Detect(page).Select(d => d.Technology).Should().BeEquivalentTo(["Alpha", "Beta", "Gamma", "Delta"]);
    }

    [Theory]
    [InlineData("<script type=\"application/ld+json\">{\"image\":{\"url\":\"https://secure.gravatar.com/avatar/abc?s=96\"}}</script>", "Gravatar", false)]
    [InlineData("<img alt='' src='https://secure.gravatar.com/avatar/abc?s=96' class='avatar'>", "Gravatar", true)]
    [InlineData("<script src='https://secure.gravatar.com/js/gprofiles.js?ver=2020Febaa'></script>", "Gravatar", false)]
    [InlineData("<script src='https://secure.gravatar.com/js/gprofiles.js'></script><img src='https://0.gravatar.com/avatar/abc?s=48'>", "Gravatar", true)]
    [InlineData("<style id=\"jetpack-boost-critical-css\">h1{margin:0}</style>", "Jetpack", false)]
    [InlineData("<link rel='stylesheet' id='jetpack_css-css' href='https://c0.wp.com/p/jetpack/10.8/css/jetpack.css'>", "Jetpack", true)]
    [InlineData("<div class=\"outbrain_service\" style=\"min-height: 1px;\"></div>", "Outbrain", false)]
    [InlineData("<div class=\"OUTBRAIN\" data-src=\"https://x.test/a\" data-widget-id=\"AR_1\"></div>", "Outbrain", false)]
    [InlineData("<div class=\"OUTBRAIN\" data-src=\"https://x.test/a\" data-widget-id=\"AR_1\"></div><script src=\"//widgets.outbrain.com/outbrain.js\"></script>", "Outbrain", true)]
    [InlineData("<a class=\"twitter-timeline\" href=\"https://twitter.com/x\">Tweets</a>", "Twitter", false)]
    [InlineData("<a class=\"twitter-timeline\" href=\"https://twitter.com/x\">Tweets</a><script async src=\"https://platform.twitter.com/widgets.js\"></script>", "Twitter", true)]
    [InlineData("<div class=\"twitter-tweet twitter-tweet-rendered\"><iframe id=\"twitter-widget-0\"></iframe></div>", "Twitter", true)]
    [InlineData("<script>/* ga mock */(function(i,s,r){i['GoogleAnalyticsObject']=r;i[r]=i[r]||function(){(i[r].q=i[r].q||[]).push(arguments)};})(window,document,'ga');</script>", "Google Analytics", false)]
    [InlineData("<script src=\"/typo3temp/assets/compressed/jquery.fancybox.min-5c9d30d19f6cc5ecb86c00be6cca11d0.js?1634122924\"></script>", "FancyBox", true)]
    [InlineData("<script src=\"/static/lazysizes-bfd2990.js\"></script>", "LazySizes", true)]
    [InlineData("<style>.fancybox-overlay{z-index:8010}</style>", "FancyBox", false)]
    [InlineData("<link rel='stylesheet' id='jquery-ui-datepicker-style-css' href='//ajax.googleapis.com/ajax/libs/jqueryui/1.10.4/themes/smoothness/jquery-ui.css'>", "jQuery UI", false)]
    [InlineData("<script src='https://code.jquery.com/ui/1.12.1/jquery-ui.min.js'></script>", "jQuery UI", true)]
    [InlineData("<link rel='stylesheet' id='swiper-css' href='https://x.test/wp-content/plugins/elementor/assets/lib/swiper/css/swiper.min.css'>", "Swiper", false)]
    [InlineData("<div class=\"swiper-container logo-slide\"><div class=\"swiper-wrapper\"></div></div>", "Swiper", true)]
    [InlineData("<div id=\"cookie-notice\" role=\"banner\" class=\"sp-dsgvo lwb-d-flex cn-bottom\">Cookies</div>", "Cookie Notice", false)]
    [InlineData("<script id='cookie-notice-front-js-extra'>var cnArgs = {\"ajaxUrl\":\"\"};</script>", "Cookie Notice", true)]
    [InlineData("<div class=\"adBanner adsbox advads-widget advert-box\" style=\"height:1px\"></div>", "Advanced Ads", false)]
    [InlineData("<script>advanced_ads_ready(function(){},'interactive');</script>", "Advanced Ads", true)]
    [InlineData("<div class=\"news-details__media-wrap js-news-details-slider\"></div>", "LayerSlider", false)]
    [InlineData("<script>ctSetCookie(\"ct_checkjs\", \"1651070275\", \"0\");</script>", "CleanTalk", true)]
    [InlineData("<script>ctSetCookie(\"ct_checkjs\", \"1651070275\", \"0\");</script>", "WordPress", false)]
    [InlineData("<script>function t(){\"undefined\"!=typeof _gaq&&_gaq.push([\"_trackEvent\",\"ads\",\"blocked\"])}</script>", "Google Analytics", false)]
    [InlineData("<script>var _gaq=_gaq||[];_gaq.push([\"_gat._anonymizeIp\"]);</script>", "Google Analytics", false)]
    [InlineData("<script>var _gaq = _gaq || [];_gaq.push(['_setAccount', 'UA-98834827-1']);_gaq.push(['_trackPageview']);</script>", "Google Analytics", true)]
    [InlineData("<script src=\"https://cdn.onesignal.com/sdks/OneSignalSDK.js\"></script>", "WordPress", false)]
    [InlineData("<link href=\"https://maxcdn.bootstrapcdn.com/font-awesome/4.7.0/css/font-awesome.min.css\" rel=\"stylesheet\">", "Bootstrap", false)]
    [InlineData("<script src=\"/js/chameleon-video/video.min.js\"></script>", "VideoJS", false)]
    [InlineData("<style>.async-hide { opacity: 0 !important}</style>", "Google Optimize", false)]
    [InlineData("<style>#buddypress .standard-form button{color:red}</style>", "BuddyPress", false)]
    [InlineData("<script>jQuery(document).ready(function($){});</script>", "jQuery", true)]
    [InlineData("<script>var pbjs=pbjs||{};pbjs.que.push(function(){pbjs.addAdUnits([{bids:[{bidder:'appnexus',params:{}}]}]);});</script>", "AppNexus", true)]
    [InlineData("<link rel='dns-prefetch' href='//ads.pubmatic.com' />", "PubMatic", true)]
    public void Evidence_is_specific_enough(string html, string technology, bool expected)
    {
        var found = Detector.Detect(PageEvidence.FromHtml("https://x.test/", html)).Select(d => d.Technology);
        (found.Contains(technology)).Should().Be(expected, string.Join(", ", found));
    }

    [Fact]
    public void A_page_served_by_WordPress_com_is_not_credited_with_the_Jetpack_and_Akismet_plugins()
    {
        var html = "<link rel='stylesheet' href='https://s0.wp.com/_static/??-eJx1.css'><style id='jetpack-global-styles-frontend-style-inline-css'></style><input type=\"hidden\" id=\"ak_js\" name=\"ak_js\" value=\"1\"/>";
        var found = Detector.Detect(PageEvidence.FromHtml("https://x.wordpress.com/", html)).Select(d => d.Technology).ToList();
        found.Should().Contain("WordPress.com").And.NotContain("Jetpack").And.NotContain("Akismet");
        var selfHosted = Detector.Detect(PageEvidence.FromHtml("https://x.test/", "<script src='/wp-content/plugins/jetpack/x.js'></script><input type=\"hidden\" id=\"ak_js\" name=\"ak_js\" value=\"1\"/>")).Select(d => d.Technology).ToList();
        selfHosted.Should().Contain(["Jetpack", "Akismet"]).And.NotContain("WordPress.com");
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
