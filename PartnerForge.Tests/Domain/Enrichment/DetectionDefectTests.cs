using PartnerForge.Domain.Technologies;
using PartnerForge.Infrastructure.Enrichment.Technologies;

namespace PartnerForge.Tests.Domain.Enrichment;

/// <summary>The defect classes seen on real pages, each on a small hand-written snippet.</summary>
public sealed class DetectionDefectTests
{
    private static readonly TechnologyDetector Detector = new(FingerprintCatalogLoader.Default);

    private static List<string> Detect(string html) =>
        Detector.Detect(PageEvidence.FromHtml("https://news.test/", html)).Select(d => d.Technology).ToList();

    [Theory]
    [InlineData("<script async src=\"https://www.googletagmanager.com/gtag/js?id=UA-1234567-1\"></script><script>gtag('config', 'UA-1234567-1');</script>")]
    [InlineData("<script>(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;a=s.createElement(o);a.src=g;m.parentNode.insertBefore(a,m)})(window,document,'script','//www.google-analytics.com/analytics.js','ga');ga('create', 'UA-1234567-1', 'auto');</script>")]
    [InlineData("<script>var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-1234567-1']); (function() { var ga = document.createElement('script'); ga.src = ('https:' == document.location.protocol ? 'https://ssl' : 'http://www') + '.google-analytics.com/ga.js'; })();</script>")]
    public void Google_Analytics_is_found_from_UA_ids_the_analytics_js_loader_and_ga_js(string html) =>
        Detect(html).Should().Contain("Google Analytics");

    [Fact]
    public void A_script_URL_inside_an_inline_loader_counts_as_script_evidence()
    {
        var page = PageEvidence.FromHtml("https://news.test/", "<script>(function(d){var s=d.createElement('script');s.src='https:\\/\\/cdn.taboola.com\\/libtrc\\/news\\/loader.js';d.head.appendChild(s)})(document);</script>");
        page.InlineScriptUrls.Should().Contain("https://cdn.taboola.com/libtrc/news/loader.js");
        var taboola = Detector.Detect(page).Single(d => d.Technology == "Taboola");
        taboola.Evidence.Kind.Should().Be(EvidenceKind.ScriptSrc);
        taboola.Evidence.Line.Should().Contain("inline loader");
    }

    [Fact]
    public void Patterns_do_not_match_inside_html_comments_but_conditional_comments_count()
    {
        Detect("<!-- <script src=\"https://js.hs-scripts.com/123.js\"></script> --><p>hi</p>").Should().NotContain("HubSpot");
        Detect("<!-- old: data-reactroot --><div></div>").Should().NotContain("React");
        Detect("<!--[if lt IE 9]><script src=\"/js/html5shiv.min.js\"></script><![endif]-->").Should().Contain("html5shiv");
        PageEvidence.StripComments("a<!-- b -->c<!-- unterminated").Should().Be("ac");
    }

    [Fact]
    public void Plugin_signatures_in_comments_are_evidence_but_commented_out_markup_is_not()
    {
        var page = PageEvidence.FromHtml("https://news.test/", "<!-- This site is optimized with the Yoast SEO Premium plugin v19.5 (Yoast SEO v19.10) - https://yoast.com/wordpress/plugins/seo/ --><title>x</title><!-- Performance optimized by W3 Total Cache. -->");
        page.Html.Should().NotContain("Yoast");
        var found = Detector.Detect(page);
        found.Select(d => d.Technology).Should().Contain(["Yoast SEO Premium", "Yoast SEO", "W3 Total Cache", "WordPress"]);
        found.Single(d => d.Technology == "Yoast SEO Premium").Should().Match<Detection>(d => d.Version == "19.5" && d.Evidence.Kind == EvidenceKind.Comment);
        found.Single(d => d.Technology == "Yoast SEO").Version.Should().Be("19.10");
        Detect("<!-- <link rel='stylesheet' href='/wp-content/plugins/wordpress-seo/css/x.css'> -->").Should().NotContain("Yoast SEO");
        Detect("<!-- This site is optimized with the Yoast SEO for TYPO3 plugin - https://yoast.com/typo3-extensions-seo/ -->")
            .Should().Contain("Yoast SEO for TYPO3").And.NotContain("WordPress");
    }

    [Fact]
    public void A_comment_opener_inside_a_script_does_not_hide_the_script()
    {
        const string html = "<script type=\"text/javascript\">\n<!--//--><![CDATA[//><!--\njQuery.extend(Drupal.settings, {\"basePath\":\"/\"});\n//--><!]]>\n</script><!-- x -->";
        var page = PageEvidence.FromHtml("https://news.test/", html);
        page.Html.Should().Contain("jQuery.extend(Drupal.settings").And.NotContain("<!-- x -->");
        Detect(html).Should().Contain(["jQuery", "Drupal"]);
    }

    [Theory]
    [InlineData("Umbraco", "<img src=\"/media/abcd1234/photo.jpg\">")]
    [InlineData("Google Cloud", "<a href=\"https://storage.googleapis.com/bucket/report.pdf\">report</a>")]
    [InlineData("Bloomreach Content", "<p>The hippo is a large mammal.</p>")]
    [InlineData("Salesforce Marketing Cloud", "<script src=\"https://cdn.evgnet.com/beacon/acme/engage/scripts/evergage.min.js\"></script>")]
    [InlineData("Prototype", "<script>Element.prototype.matches || document.write('<script src=\"/wp-includes/js/dist/vendor/wp-polyfill.min.js\"></scr'+'ipt>');</script>")]
    public void Over_broad_evidence_no_longer_detects(string technology, string html) =>
        Detect(html).Should().NotContain(technology);

    [Fact]
    public void The_narrowed_patterns_still_find_the_real_products()
    {
        Detect("<link href=\"/umbraco/api/content\"><meta name=\"generator\" content=\"Umbraco\">").Should().Contain("Umbraco");
        Detect("<script src=\"https://cdn.evgnet.com/beacon/acme/engage/scripts/evergage.min.js\"></script>").Should().Contain("Evergage (Marketing Cloud Personalization)");
        Detect("<img src=\"/site/binaries/content/gallery/acme/hero.jpg\">").Should().Contain("Bloomreach Content");
    }

    [Theory]
    [InlineData("Font Awesome", "<button><i class=\"fa fa-search\"></i></button>")]
    [InlineData("Font Awesome", "<link rel=\"stylesheet\" href=\"https://use.fontawesome.com/releases/v5.15.4/css/all.css\">")]
    [InlineData("Modernizr", "<script src=\"/js/vendor/modernizr-2.8.3.min.js\"></script>")]
    [InlineData("Meta Pixel", "<noscript><img height=\"1\" width=\"1\" style=\"display:none\" src=\"https://www.facebook.com/tr?id=123456789&ev=PageView&noscript=1\"/></noscript>")]
    [InlineData("Swiper", "<link rel=\"stylesheet\" href=\"/assets/swiper-bundle.min.css\"><div class=\"swiper-container\"></div>")]
    [InlineData("reCAPTCHA", "<iframe src=\"https://www.google.com/recaptcha/api2/anchor?ar=1&k=6Lc\"></iframe>")]
    [InlineData("AMP", "<link rel=\"amphtml\" href=\"https://news.test/amp/story\">")]
    [InlineData("Google Publisher Tag", "<script async src=\"https://securepubads.g.doubleclick.net/tag/js/gpt.js\"></script>")]
    [InlineData("INFOnline", "<script src=\"https://script.ioam.de/iam.js\"></script>")]
    [InlineData("OneSignal", "<script src=\"https://cdn.onesignal.com/sdks/OneSignalSDK.js\"></script>")]
    [InlineData("Contact Form 7", "<link rel='stylesheet' href='https://news.test/wp-content/plugins/contact-form-7/includes/css/styles.css?ver=5.1'>")]
    [InlineData("cdnjs", "<script src=\"https://cdnjs.cloudflare.com/ajax/libs/lodash.js/4.17.21/lodash.min.js\"></script>")]
    [InlineData("RequireJS", "<script data-main=\"js/main\" src=\"/js/require.js\"></script>")]
    public void Formerly_missed_products_are_found(string technology, string html) =>
        Detect(html).Should().Contain(technology);

    [Fact]
    public void A_weak_hint_alone_is_not_reported_but_two_are()
    {
        var catalog = FingerprintCatalog.Parse("""{"technologies":[{"name":"W","category":"CMS","html":["weak-one\\;confidence:25","weak-two\\;confidence:25"]}]}""");
        var detector = new TechnologyDetector(catalog);
        detector.Detect(PageEvidence.FromHtml("https://x.test/", "weak-one")).Should().BeEmpty();
        detector.Detect(PageEvidence.FromHtml("https://x.test/", "weak-one weak-two")).Select(d => d.Technology).Should().Equal("W");
    }

    [Fact]
    public void The_catalog_loader_rejects_unknown_categories_duplicates_across_files_and_bad_regexes()
    {
        var unknownCategory = () => FingerprintCatalog.Parse("""{"technologies":[{"name":"A","category":"Gadgets","html":["alpha-marker"]}]}""");
        unknownCategory.Should().Throw<FormatException>().WithMessage("*unknown category*");
        var duplicate = () => FingerprintCatalog.Parse([
            """{"technologies":[{"name":"A","category":"CMS","html":["alpha-marker"]}]}""",
            """{"technologies":[{"name":"a","category":"CMS","html":["beta-marker"]}]}"""]);
        duplicate.Should().Throw<FormatException>().WithMessage("*Duplicate*");
        var badRegex = () => FingerprintCatalog.Parse("""{"technologies":[{"name":"A","category":"CMS","html":["alpha(marker"]}]}""");
        badRegex.Should().Throw<FormatException>().WithMessage("*invalid pattern*");
    }

    [Fact]
    public void Every_branch_of_an_alternation_gives_the_prefilter_a_literal()
    {
        FingerprintPattern.RequiredLiterals(@"cdn\.foo\.com|static\.bar\.net").Should().Equal("cdn.foo.com", "static.bar.net");
        FingerprintPattern.RequiredLiterals(@"ab|cdn\.bar\.net").Should().BeEmpty("a branch without a literal makes the pattern always run");
        FingerprintPattern.RequiredLiterals(@"(?:x|y)widget\.js").Should().Equal("widget.js");
    }

    [Fact]
    public void Catalog_patterns_for_pages_and_scripts_are_specific()
    {
        var catalog = FingerprintCatalogLoader.Default;
        var vague = catalog.Technologies
            .SelectMany(t => t.Patterns.Where(p => p.Kind is EvidenceKind.Html or EvidenceKind.ScriptSrc).Select(p => (t.Name, p)))
            .Where(x => x.p.Literals.Count == 0 || x.p.Literals.Any(l => l.Length < 3))
            .Select(x => $"{x.Name}: {x.p.Source}")
            .ToList();
        vague.Count.Should().BeLessThanOrEqualTo(3, string.Join("; ", vague));
        catalog.Technologies.Should().OnlyContain(t => !string.IsNullOrEmpty(t.Website) && FingerprintCatalog.KnownCategories.Contains(t.Category));
    }

    [Theory]
    [InlineData("TYPO3 CMS", "<p>Quelle: <a href=\"https://www.other-agency.de/fileadmin/user_upload/report.pdf\">Bericht</a></p>", "<img src=\"/fileadmin/templates/img/logo.png\" alt=\"Logo\">")]
    [InlineData("Drupal", "<a href=\"https://afrobarometer.test/sites/default/files/publications/x.pdf\">Dispatch</a>", "<link rel=\"stylesheet\" href=\"/sites/all/themes/portal/css/style.css\">")]
    [InlineData("Blogger", "<li><a href=\"http://someones-recipes.blogspot.com/\">Food blog</a></li>", "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"https://my-notes.blogspot.com/feeds/posts/default\">")]
    [InlineData("Disqus", "<style>.comment-list,#disqus_thread{margin:0}</style><a href=\"/2020/01/post/#disqus_thread\">Comments</a>", "<div id=\"disqus_thread\"></div>")]
    [InlineData("Pinterest", "<a data-pin-do=\"none\" href=\"https://pinterest.com/pin/create/button/?url=x\">Pin it</a>", "<a data-pin-do=\"buttonPin\" href=\"https://www.pinterest.com/pin/create/button/\"></a>")]
    public void Mentions_links_to_other_sites_and_opt_outs_are_not_evidence_of_use(string technology, string mention, string use)
    {
        Detect(mention).Should().NotContain(technology);
        Detect(use).Should().Contain(technology);
    }

    [Fact]
    public void A_sites_own_polyfill_bundle_is_not_the_polyfill_io_service()
    {
        Detect("<script src=\"/pf/dist/engine/polyfill.js?d=851\"></script><script src=\"//cdn.jsdelivr.net/npm/promise-polyfill@8/dist/polyfill.min.js\"></script>")
            .Should().NotContain(["Polyfill", "Polyfill.io"]);
        Detect("<script src=\"https://polyfill.io/v3/polyfill.min.js?features=default\"></script>").Should().Contain("Polyfill");
    }

    [Fact]
    public void All_in_One_SEO_is_found_under_its_old_Pack_name_and_FitVids_under_its_plain_file_name()
    {
        var page = Detector.Detect(PageEvidence.FromHtml("https://news.test/", "<!-- All in One SEO Pack 2.4.2 by Michael Torbert of Semper Fi Web Design --><meta name=\"description\" content=\"x\"><!-- /all in one seo pack -->"));
        page.Single(d => d.Technology == "All in One SEO").Version.Should().Be("2.4.2");
        Detect("<p>We compared All in One SEO with Yoast.</p>").Should().NotContain("All in One SEO");
        Detect("<script src='https://example.test/wp-content/plugins/youtube-embed-plus/scripts/fitvids.min.js?ver=14.1'></script>").Should().Contain("FitVids.JS");
        Detect("<div class=\"fitvids-wrapper\"></div>").Should().NotContain("FitVids.JS");
    }
}
