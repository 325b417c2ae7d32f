using PartnerForge.Domain.Technologies;
using PartnerForge.Infrastructure.Enrichment.Technologies;

namespace PartnerForge.Tests.Domain.Enrichment;

/// <summary>
/// Root causes of false positives on real pages (issue #18): where a match sits (a selector in the page's
/// stylesheet or in a script's selector string, the end of a literal window) and patterns that took a mention
/// for use. Each case is a small hand-written snippet that used to be detected, next to the real use that
/// still is.
/// </summary>
public sealed class DetectionContextTests
{
    private static readonly TechnologyDetector Detector = new(FingerprintCatalogLoader.Default);

    private static List<string> Detect(string html) =>
        Detector.Detect(PageEvidence.FromHtml("https://news.test/", html)).Select(d => d.Technology).ToList();

    [Theory]
    [InlineData("Gravity Forms", "<style>.gform_wrapper input[type=\"text\"], .widget .gform_wrapper textarea{border:0} #gform_wrapper_1 select{width:100%}</style>", "<div class=\"gform_wrapper\" id=\"gform_wrapper_1\"><form method=\"post\"></form></div>")]
    [InlineData("WPML", "<style>.leaflet-popup-tip, .wpml-ls-statics-footer{background:#fff}</style>", "<div class=\"wpml-ls-statics-shortcode_actions wpml-ls wpml-ls-legacy-list-vertical\"><ul></ul></div>")]
    [InlineData("MailChimp for WordPress", "<style>.wpcf7 textarea, .mc4wp-form input, #respond input{padding:4px}</style>", "<form id=\"mc4wp-form-1\" class=\"mc4wp-form mc4wp-form-1\" method=\"post\"></form>")]
    public void A_class_named_in_the_pages_stylesheet_is_not_the_plugins_markup(string technology, string stylesheet, string markup)
    {
        Detect(stylesheet).Should().NotContain(technology);
        Detect(markup).Should().Contain(technology);
        Detect(stylesheet + markup).Should().Contain(technology, "the search goes on past the selector to the markup");
    }

    [Fact]
    public void Addresses_in_the_stylesheet_are_what_the_page_loads_and_still_count()
    {
        Detect("<style>@import url(https://fonts.googleapis.com/css?family=Lora:400);</style>").Should().Contain("Google Fonts");
        Detect("<style>@font-face{font-family:'Glyphicons Halflings';src:url('../fonts/glyphicons-halflings-regular.eot')}</style>").Should().Contain("Glyphicons");
    }

    [Theory]
    [InlineData("SiteOrigin Page Builder", "<script>jQuery(document).ready(function() {jQuery(\".sidebar, .sticky_row .panel-grid-cell\").theiaStickySidebar({additionalMarginTop: 30});});</script>", "<div class=\"panel-grid-cell\" id=\"pgc-1-0-0\"></div>")]
    [InlineData("Popup Maker", "<script>$('.pum-container .popmake-close').click(function (e) { e.preventDefault(); });</script>", "<div id=\"pum-12\" class=\"pum pum-overlay pum-theme-1\"></div>")]
    public void A_class_in_a_scripts_selector_string_is_code_looking_for_it_not_the_element(string technology, string script, string markup)
    {
        Detect(script).Should().NotContain(technology);
        Detect(markup).Should().Contain(technology);
    }

    [Fact]
    public void A_host_after_a_dot_in_script_text_is_an_address_not_a_selector()
    {
        Detect("<script>(function(){var fi=document.createElement('script');fi.src='https://'+(aM?'cdn':'ecdn')+'.firstimpression.io/'+'fi_client.js';document.head.appendChild(fi);})();</script>")
            .Should().Contain("FirstImpression.io");
    }

    [Fact]
    public void A_match_cut_short_by_the_end_of_its_literal_window_is_not_taken()
    {
        // Two OpenCms module paths (Java package names, not Contao) at every spacing that puts the second one's
        // package name across the end of the first one's window: the negative lookahead must see it whole.
        const string path = "/system/modules/de.example.portal.web/resources/a.png";
        for (var spacing = 480; spacing < 528; spacing++)
        {
            var html = "<img src=\"/export" + path + "\">" + new string(' ', spacing - path.Length - 8) + "<img src=\"" + path + "\">";
            Detect(html).Should().NotContain("Contao", "spacing {0}", spacing);
        }

        Detect("<link rel=\"stylesheet\" href=\"/system/modules/news/assets/news.css\">").Should().Contain("Contao");
    }

    [Theory]
    [InlineData("Vimeo", "<script>a[i].href = a[i].href.replace(/https?:\\/\\/(?:www\\.)?vimeo\\.com\\/([0-9]+)\\??(.*)/gi, \"https://player.vimeo.com/video/$1?$2&autoplay=1\");</script>", "<iframe src=\"https://player.vimeo.com/video/76979871\" allowfullscreen></iframe>")]
    [InlineData("Really Simple SSL & Security", "<script>function heateorSssLoadEvent(e) {var t=window.onload;}</script>", "<body data-rsssl=1 class=\"home\"></body>")]
    [InlineData("Moove GDPR Consent", "<script>m(\"cmplz_policy_id\");m(\"cmplz_statistics\");m(\"moove_gdpr_popup\");m(\"real_cookie_banner-blog:1-tcf\");</script>", "<aside id=\"moove_gdpr_cookie_info_bar\" class=\"moove-gdpr-info-bar-hidden\"></aside>")]
    [InlineData("MonsterInsights", "<script>\"function\"==typeof ga?(n=!0,r=\"ga\"):\"function\"==typeof __gaTracker&&(n=!0,r=\"__gaTracker\")</script>", "<script>var mi_version = '8.1.0'; var mi_track_user = true; var disableStrs = ['ga-disable-UA-1-1'];</script>")]
    [InlineData("wpBakery", "<div class=\"tdc-row\"><div class=\"vc_row tdi_4  wpb_row td-pb-row\"></div></div>", "<div class=\"vc_row wpb_row vc_row-fluid\"><div class=\"wpb_column vc_column_container\"></div></div>")]
    [InlineData("Angular", "<script src=\"/build/runtime.d94b3b43.js\"></script><script src=\"/build/app.5e1b0c2f.js\"></script>", "<script src=\"/runtime.7b8c9d0e1f2a3b4c.js\"></script><script src=\"/polyfills.5e6f7a8b9c0d1e2f.js\"></script><script src=\"/main.0a1b2c3d4e5f6a7b.js\"></script>")]
    public void A_mention_in_other_code_or_a_lookalike_is_not_the_product(string technology, string mention, string use)
    {
        Detect(mention).Should().NotContain(technology);
        Detect(use).Should().Contain(technology);
    }

    [Theory]
    [InlineData("<script>var em_version = '6.0.2'; var em_track_user = true; var disableStr = 'ga-disable-UA-1-1'; function __gaTrackerIsOptedOut() { return document.cookie.indexOf(disableStr + '=true') > -1; }</script>")]
    [InlineData("<script>(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;})(window,document,'script','//www.google-analytics.com/analytics.js','__gaTracker'); __gaTracker('create', 'UA-1-1', 'auto');</script>")]
    public void The_gaTracker_snippet_that_ExactMetrics_and_the_old_Yoast_plugin_print_too_is_no_MonsterInsights(string html)
    {
        Detect(html).Should().NotContain("MonsterInsights");
    }

    [Fact]
    public void A_commented_out_googletag_call_is_no_Google_Publisher_Tag_and_Skimlinks_is_no_Sovrn()
    {
        Detect("<script>\n  // googletag.pubads().setRequestNonPersonalizedAds(1);\n</script>").Should().NotContain("Google Publisher Tag");
        Detect("<script>\n  googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });\n</script>").Should().Contain("Google Publisher Tag");
        var skimlinks = Detect("<script src=\"https://s.skimresources.com/js/1X1.skimlinks.js\"></script>");
        skimlinks.Should().Contain("Skimlinks").And.NotContain("Sovrn//Commerce");
    }

    [Theory]
    [InlineData("<HTML><Title>Grüße aus Köln — ÄÖÜ</Title><SCRIPT SRC=\"/JS/App.JS\"></SCRIPT>")]
    [InlineData("ΑΒΓ Δελτίο <DIV CLASS=\"Wp-Block\">ЖУРНАЛ</DIV> 日本語 TEXT")]
    [InlineData("")]
    public void The_fast_lower_casing_equals_the_invariant_one_and_keeps_the_length(string text)
    {
        var lower = PageEvidence.LowerCase(text);
        lower.Should().Be(text.ToLowerInvariant());
        lower.Length.Should().Be(text.Length);
    }

    [Fact]
    public void Literals_at_the_very_end_of_the_page_are_found()
    {
        // The prefilter reads four characters at a time: a literal ending the text has no fourth.
        Detect("<script src=\"https://player.vimeo.com/api/player.js\"></script>").Should().Contain("Vimeo");
        Detect("<p>x</p><!-- This site is optimized with the Yoast SEO plugin v19.5 -->").Should().Contain("Yoast SEO");
        Detect("<div id=\"disqus_thread\"></div>").Should().Contain("Disqus");
    }
}
