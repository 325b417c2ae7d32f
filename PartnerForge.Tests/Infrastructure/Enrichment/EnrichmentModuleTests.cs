using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Demo;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Enrichment;

/// <summary>Every module M01–M07 against the sample sites and recorded answers: facts, their sources, and outcomes.</summary>
public sealed class EnrichmentModuleTests(SampleSitesFixture sites) : EnrichmentTestBase(sites), IClassFixture<SampleSitesFixture>
{
    [Fact]
    public async Task A_public_company_gets_cited_facts_from_every_module()
    {
        var cobalt = await CompanyAsync(Northwind, "cobalthealth.test");
        await RunAsync(Northwind, cobalt);
        var panel = await PanelAsync(Northwind, cobalt);

        // Every module finishes well; Cobalt announced no funding round, so M08 (investors) has nothing to say.
        panel.Values.Should().OnlyContain(p => p.Outcome == ModuleOutcome.Ok || (p.Module == "M08" && p.Outcome == ModuleOutcome.NoData), string.Join("; ", panel.Values.Select(p => $"{p.Module} {p.Outcome} {p.Reason}")));
        panel.Values.Where(p => p.Wave <= 2).Should().OnlyContain(p => p.Outcome == ModuleOutcome.Ok);
        panel.Values.SelectMany(p => p.Facts).Should().OnlyContain(f => f.Source.Url.Length > 0 && f.Source.Method.Length > 0);

        var m01 = panel["M01"].Facts.ToDictionary(f => f.Path);
        m01["company.name"].Value.Should().Be("Cobalt Health Systems");
        m01["company.name"].Source.Method.Should().Be("json-ld");
        m01["company.name"].Source.Url.Should().Be("https://cobalthealth.test/");
        m01["company.industry"].Value.Should().Be("Healthcare");
        m01["company.hq"].Value.Should().Be("Boston, US");
        m01["company.founded"].Value.Should().Be("1987");
        m01["company.employees"].Value.Should().Be("10,001+");
        m01["company.social[linkedin]"].Value.Should().Contain("linkedin.com/company/cobalthealth");
        m01["links.careers"].Value.Should().Be("https://cobalthealth.test/careers");
        m01["links.feed"].Value.Should().Be("https://cobalthealth.test/press/feed.xml");

        var m02 = panel["M02"].Facts.ToDictionary(f => f.Path);
        m02.Should().ContainKeys("tech[Sitecore]", "tech[Lucidworks Fusion]", "tech[Google Tag Manager]", "tech[OneTrust]", "tech[Microsoft 365]", "tech[Microsoft IIS]");
        m02["tech[Microsoft IIS]"].Value.Should().Contain("version 10.0");
        m02["tech[Microsoft IIS]"].Source.Method.Should().Be("http-header");
        m02["tech[Qualified]"].Source.Method.Should().Be("script-src");
        m02["tech[Qualified]"].Source.Excerpt.Should().Contain("js.qualified.com");
        m02["tech[Microsoft 365]"].Source.Method.Should().Be("dns");
        var stored = await Host.AsSystemAsync(db => db.CompanyTechnologies.IgnoreQueryFilters().Where(t => t.CompanyId == cobalt)
            .Join(db.Technologies, t => t.TechnologyId, t => t.Id, (ct, t) => new { t.Name, ct.Evidence, ct.Method, ct.TenantId }).ToListAsync());
        stored.Should().Contain(t => t.Name == "Lucidworks Fusion" && t.Evidence.Contains("lw-search-box") && t.TenantId == Northwind);

        panel["M03"].Facts.Single(f => f.Path == "traffic.rank").Value.Should().Be("24257");
        panel["M03"].Facts.Single(f => f.Path == "traffic.band").Value.Should().Be("top 100K");
        panel["M03"].Facts[0].Source.Method.Should().Be("top-sites-csv");

        var m04 = panel["M04"].Facts.ToDictionary(f => f.Path);
        m04["financials.ticker"].Value.Should().Be("CBHS");
        m04["financials.revenue_usd"].Source.Url.Should().StartWith("https://data.sec.gov/api/xbrl/companyfacts/CIK");
        m04["financials.revenue_usd"].Source.Method.Should().Be("sec-companyfacts");
        decimal.Parse(m04["financials.revenue_usd"].Value, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(1_000_000_000m);
        m04["financials.revenue_usd.fiscal_year"].Value.Should().Be("2025");
        m04.Should().ContainKeys("financials.net_income_usd", "financials.employees", "financials.fiscal_year_end");

        panel["M05"].Facts.Should().Contain(f => f.Path == "competitor_product[Lucidworks Fusion]" && f.Source.Method == "html");

        var m06 = panel["M06"].Facts.ToDictionary(f => f.Path);
        m06["hiring.board"].Value.Should().Be("workable:cobalt-health");
        m06["hiring.open_roles"].Source.Method.Should().Be("workable-api");
        m06["hiring.open_roles"].Source.Url.Should().Be("https://apply.workable.com/api/v1/widget/accounts/cobalt-health");
        int.Parse(m06["hiring.open_roles"].Value, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(0);
        m06.Keys.Should().Contain(k => k.StartsWith("hiring.department[", StringComparison.Ordinal)).And.Contain(k => k.StartsWith("hiring.location[", StringComparison.Ordinal));

        var m07 = panel["M07"].Facts;
        m07.Should().Contain(f => f.Path.StartsWith("trigger[", StringComparison.Ordinal) && f.Source.Method == "rss" && f.Source.Url.StartsWith("https://cobalthealth.test/press/", StringComparison.Ordinal));
        m07.Select(f => f.Path).Should().Contain(p => p.StartsWith("trigger[Replatforming][2026-08-20]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Atom_feeds_lever_and_greenhouse_boards_and_tech_roles_are_read()
    {
        var evergreen = await CompanyAsync(Northwind, "evergreen-fintech.test");
        await RunAsync(Northwind, evergreen);
        var panel = await PanelAsync(Northwind, evergreen);
        panel["M07"].Outcome.Should().Be(ModuleOutcome.Ok);
        panel["M07"].Facts.Should().OnlyContain(f => f.Source.Method == "atom");
        panel["M06"].Facts.Single(f => f.Path == "hiring.board").Value.Should().Be("greenhouse:evergreenfintech");
        panel["M06"].Facts.Should().Contain(f => f.Source.Method == "greenhouse-api");
        panel["M06"].Facts.Should().Contain(f => f.Path.StartsWith("hiring.tech_role[", StringComparison.Ordinal));

        var brightline = await CompanyAsync(Northwind, "brightline-logistics.test");
        await RunAsync(Northwind, brightline);
        (await PanelAsync(Northwind, brightline))["M06"].Facts.Should().Contain(f => f.Source.Method == "lever-api");
    }

    [Fact]
    public async Task A_private_company_has_no_financials_and_no_filings_is_no_data_not_an_error()
    {
        var acme = await CompanyAsync(Northwind, "acme-outdoor.test");
        await RunAsync(Northwind, acme);
        var panel = await PanelAsync(Northwind, acme);
        panel["M04"].Outcome.Should().Be(ModuleOutcome.NoData);
        panel["M04"].Reason.Should().Contain("not in the SEC ticker map");
        panel["M01"].Outcome.Should().Be(ModuleOutcome.Ok);

        // Pinnacle is in the ticker map, but its submissions answer 404: "no filings".
        var pinnacle = await CompanyAsync(Northwind, "pinnacle-manufacturing.test", "Pinnacle Manufacturing");
        await RunAsync(Northwind, pinnacle);
        var p = await PanelAsync(Northwind, pinnacle);
        p["M04"].Outcome.Should().Be(ModuleOutcome.NoData);
        p["M04"].Reason.Should().Contain("no filings");
    }

    [Fact]
    public async Task Truncated_JSON_fails_only_the_module_that_read_it()
    {
        var harbor = await CompanyAsync(Globex, "harborfreight-partners.test");
        await RunAsync(Globex, harbor);
        var panel = await PanelAsync(Globex, harbor);
        panel["M04"].Outcome.Should().Be(ModuleOutcome.Failed);
        panel["M04"].Reason.Should().Contain("malformed JSON");
        panel["M01"].Outcome.Should().Be(ModuleOutcome.Ok);
        panel["M06"].Outcome.Should().Be(ModuleOutcome.Ok);

        var foxglove = await CompanyAsync(Northwind, "foxglove.test");
        await RunAsync(Northwind, foxglove);
        var f = await PanelAsync(Northwind, foxglove);
        f["M06"].Outcome.Should().Be(ModuleOutcome.Failed);
        f["M06"].Reason.Should().Contain("lever API answered with malformed JSON");
        f["M07"].Outcome.Should().Be(ModuleOutcome.Ok);
        f["M02"].Outcome.Should().Be(ModuleOutcome.Ok);
    }

    [Theory]
    [InlineData(HostileSites.BotWallHost, ModuleOutcome.Blocked, "bot wall")]
    [InlineData(HostileSites.HugePageHost, ModuleOutcome.Failed, "larger than")]
    [InlineData(HostileSites.RateLimitedHost, ModuleOutcome.Failed, "rate limiting")]
    [InlineData(HostileSites.RedirectPrivateHost, ModuleOutcome.Failed, "10.20.30.40")]
    public async Task Hostile_sites_end_in_the_right_status_and_dependents_are_skipped(string host, ModuleOutcome expected, string reason)
    {
        var company = await CompanyAsync(Northwind, host);
        await RunAsync(Northwind, company);
        var panel = await PanelAsync(Northwind, company);
        panel["M01"].Outcome.Should().Be(expected);
        panel["M01"].Reason.Should().Contain(reason);
        panel["M02"].Outcome.Should().Be(expected);
        panel["M03"].Outcome.Should().Be(ModuleOutcome.NoData, "traffic does not depend on the site answering");
        panel["M04"].Outcome.Should().Be(ModuleOutcome.NoData);
        panel["M05"].Outcome.Should().Be(ModuleOutcome.SkippedDependency);
        panel["M06"].Outcome.Should().Be(ModuleOutcome.SkippedDependency);
        panel["M06"].Reason.Should().Contain("M01");
        panel["M07"].Outcome.Should().Be(ModuleOutcome.SkippedDependency);
    }

    [Fact]
    public async Task A_windows_1252_site_and_a_redirect_chain_give_correct_company_context()
    {
        var cafe = await CompanyAsync(Northwind, HostileSites.Windows1252Host);
        await RunAsync(Northwind, cafe);
        var panel = await PanelAsync(Northwind, cafe);
        panel["M01"].Facts.Single(f => f.Path == "company.name").Value.Should().Be("Café Müller Rösterei GmbH");
        panel["M01"].Facts.Single(f => f.Path == "company.description").Value.Should().Contain("Spezialitätenkaffee, geröstet in Kreuzberg");

        var chain = await CompanyAsync(Northwind, HostileSites.RedirectChainHost);
        await RunAsync(Northwind, chain);
        var c = await PanelAsync(Northwind, chain);
        c["M01"].Facts.Single(f => f.Path == "company.name").Value.Should().Be("Redirect Chain Ltd");
        c["M01"].Facts.Single(f => f.Path == "company.name").Source.Url.Should().Be($"https://{HostileSites.RedirectChainHost}/final");
    }

    [Fact]
    public async Task An_identical_rerun_stores_no_new_snapshot_and_a_failing_rerun_keeps_the_last_good_one()
    {
        var acme = await CompanyAsync(Northwind, "acme-outdoor.test");
        await RunAsync(Northwind, acme);
        // Waves 1–2 only: the scoring and brief modules of later waves follow their inputs' changes.
        var first = (await Host.AsSystemAsync(db => db.IntelSnapshots.IgnoreQueryFilters().Where(s => s.CompanyId == acme).ToListAsync())).Where(s => ModuleCatalog.Get(s.Module).Wave <= 2).ToList();
        first.Should().HaveCount(6, "M01, M02, M03, M05, M06 and M07 had data; M04 had none");
        first.Should().OnlyContain(s => s.Hash.Length == 64 && s.Hash == CanonicalJson.Hash(s.CanonicalJson));

        // The second run adds the hiring trend (a real change: M06 gets a second snapshot linked to the first).
        await RunAsync(Northwind, acme);
        var second = (await Host.AsSystemAsync(db => db.IntelSnapshots.IgnoreQueryFilters().Where(s => s.CompanyId == acme).ToListAsync())).Where(s => ModuleCatalog.Get(s.Module).Wave <= 2).ToList();
        second.Should().HaveCount(7);
        second.Single(s => s.Module == "M06" && s.PreviousSnapshotId != null).CanonicalJson.Should().Contain("hiring.trend");
        await RunAsync(Northwind, acme);
        (await Host.AsSystemAsync(db => db.IntelSnapshots.IgnoreQueryFilters().Where(s => s.CompanyId == acme).ToListAsync())).Count(s => ModuleCatalog.Get(s.Module).Wave <= 2).Should().Be(7, "same hashes are not stored again");

        // The site disappears (robots now unreachable → blocked): M01 fails, the last good facts stay.
        await Host.AsSystemAsync(async db =>
        {
            var company = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Id == acme);
            db.Entry(company).Property(c => c.Domain).CurrentValue = HostileSites.BotWallHost;
            return await db.SaveChangesAsync();
        });
        await RunAsync(Northwind, acme);
        var panel = await PanelAsync(Northwind, acme);
        panel["M01"].Outcome.Should().Be(ModuleOutcome.Blocked);
        panel["M01"].Facts.Should().Contain(f => f.Path == "company.name" && f.Value == "Acme Outdoor Supply", "the last good snapshot is kept");
        panel["M01"].LastGoodAtUtc.Should().BeBefore(panel["M01"].LastRunAtUtc!.Value);
    }
}
