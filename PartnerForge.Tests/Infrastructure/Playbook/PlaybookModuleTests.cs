using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Playbook;
using PartnerForge.Tests.Infrastructure.Enrichment;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Playbook;

/// <summary>Modules M08–M12 on the sample sites over real HTTP on loopback, with the tenants' playbooks.</summary>
public sealed class PlaybookModuleTests(SampleSitesFixture sites) : EnrichmentTestBase(sites), IClassFixture<SampleSitesFixture>
{
    private static Dictionary<string, Fact> Facts(ModulePanelLike panel) => panel.Facts.ToDictionary(f => f.Path);

    private sealed record ModulePanelLike(ModuleOutcome Outcome, IReadOnlyList<Fact> Facts, string? Reason);

    private async Task<IReadOnlyDictionary<string, ModulePanelLike>> EnrichAsync(Guid tenant, string domain)
    {
        var company = await CompanyAsync(tenant, domain);
        await RunAsync(tenant, company);
        return (await PanelAsync(tenant, company)).ToDictionary(p => p.Key, p => new ModulePanelLike(p.Value.Outcome, p.Value.Facts, p.Value.Reason));
    }

    [Fact]
    public async Task A_funded_retailer_gets_investors_executives_committee_displacement_and_evidence()
    {
        var panel = await EnrichAsync(Northwind, "acme-outdoor.test");
        foreach (var code in new[] { "M08", "M09", "M10", "M11", "M12" })
        {
            panel[code].Outcome.Should().Be(ModuleOutcome.Ok, $"{code}: {panel[code].Reason}");
            panel[code].Facts.Should().OnlyContain(f => f.Source.Url.Length > 0 && f.Source.Method.Length > 0);
        }

        var m08 = Facts(panel["M08"]);
        m08["investor[Northgate Ventures].round"].Value.Should().Be("Series C");
        m08["investor[Northgate Ventures].date"].Value.Should().Be("2026-10-14");
        m08["investor[Northgate Ventures].amount"].Value.Should().Be("$45 million");
        m08["investor[Northgate Ventures].round"].Source.Url.Should().Be("https://acme-outdoor.test/press/2026-10-14");
        m08["investor[Northgate Ventures].round"].Source.Method.Should().Be("press-release");
        m08["investor[Northgate Ventures].round"].Source.Excerpt.Should().Contain("led by Northgate Ventures");
        m08.Keys.Should().Contain(["investor[Bluefin Growth].round", "investor[Meridian Seed Fund].round"]);

        var m09 = Facts(panel["M09"]);
        m09["executive[Dana Whitfield].title"].Value.Should().Be("Chief Executive Officer");
        m09["executive[Dana Whitfield].title"].Source.Url.Should().Be("https://acme-outdoor.test/leadership");
        m09["executive[Dana Whitfield].title"].Source.Method.Should().Be("leadership-html");
        m09.Keys.Count(k => k.EndsWith("].title", StringComparison.Ordinal)).Should().Be(6);

        var m10 = Facts(panel["M10"]);
        m10["committee[Dana Whitfield].role"].Value.Should().Be("economic_buyer");
        m10["committee[Elena Novak].role"].Value.Should().Be("economic_buyer");
        m10["committee[Marcus Becker].role"].Value.Should().Be("technical_buyer");
        m10["committee[Tom Tanaka].role"].Value.Should().Be("champion");
        m10["committee[Tom Tanaka].title"].Value.Should().Be("VP of E-commerce");
        m10["committee[Tom Tanaka].role"].Source.Method.Should().Be("title-rule");
        m10["committee[Tom Tanaka].role"].Source.Excerpt.Should().Contain("\"E-commerce\"");

        var m11 = Facts(panel["M11"]);
        m11["displacement[Algolia].priority"].Value.Should().Be("high", m11["displacement[Algolia].reason"].Value);
        m11["displacement[Algolia].replacedBy"].Value.Should().Be("Northwind Search");
        m11["displacement[Algolia].evidence"].Value.Should().Contain("algolia");
        m11["displacement[Algolia].reason"].Value.Should().Contain("replatforming announced 2026-08-20");
        m11.Keys.Should().OnlyContain(k => k.StartsWith("displacement[Algolia]", StringComparison.Ordinal), "Algolia is the only listed competitor product Acme runs");

        var m12 = Facts(panel["M12"]);
        const string best = "Outdoor retailer lifts search conversion 18% after leaving Algolia";
        m12[$"evidence[{best}].kind"].Value.Should().Be("case_study");
        m12[$"evidence[{best}].score"].Value.Should().Be((EvidenceMatcher.SameIndustry + EvidenceMatcher.MaxSharedTechnology + EvidenceMatcher.DisplacementProof + EvidenceMatcher.UseCaseFit).ToString(System.Globalization.CultureInfo.InvariantCulture));
        m12[$"evidence[{best}].reason"].Value.Should().Contain("same industry (Retail)").And.Contain("they also run Algolia, Klaviyo, Shopify").And.Contain("Replatforming");
        m12[$"evidence[{best}].kind"].Source.Url.Should().Be("https://northwind.example/customers/trailhead");
        m12.Keys.Should().NotContain(k => k.Contains("Maison Verde", StringComparison.Ordinal) || k.Contains("Zero-result", StringComparison.Ordinal), "Globex's evidence is not Northwind's");
    }

    [Fact]
    public async Task Json_ld_people_and_a_team_page_linked_from_about_are_read()
    {
        var brightline = await EnrichAsync(Northwind, "brightline-logistics.test");
        var m09 = Facts(brightline["M09"]);
        m09["executive[Sam Okafor].title"].Value.Should().Be("President & CEO");
        m09["executive[Sam Okafor].title"].Source.Method.Should().Be("json-ld-person");
        m09["executive[Sam Okafor].profile"].Value.Should().Be("https://brightline-logistics.test/leadership#sam-okafor");
        var m10 = Facts(brightline["M10"]);
        m10["committee[Sam Okafor].role"].Value.Should().Be("economic_buyer");
        m10["committee[Aisha Brennan].role"].Value.Should().Be("technical_buyer");
        m10["committee[Grace Nguyen].role"].Value.Should().Be("user");
        brightline["M08"].Outcome.Should().Be(ModuleOutcome.NoData, "Brightline announced no funding");
        Facts(brightline["M11"])["displacement[Coveo].replacedBy"].Value.Should().Be("Northwind Search");

        var cobalt = await EnrichAsync(Northwind, "cobalthealth.test");
        var team = Facts(cobalt["M09"]);
        team["executive[Ingrid Ishikawa].title"].Source.Url.Should().Be("https://cobalthealth.test/team");
        Facts(cobalt["M10"])["committee[Ingrid Ishikawa].role"].Value.Should().Be("technical_buyer");
        Facts(cobalt["M10"])["committee[Felix Vasquez].role"].Value.Should().Be("user");
    }

    [Fact]
    public async Task A_site_without_leadership_or_press_gives_no_data_not_failures()
    {
        var panel = await EnrichAsync(Northwind, "kaffeehaus-berlin.test");
        panel["M09"].Outcome.Should().Be(ModuleOutcome.NoData);
        panel["M09"].Reason.Should().Contain("No leadership or team page");
        panel["M10"].Outcome.Should().Be(ModuleOutcome.NoData);
        panel["M08"].Outcome.Should().BeOneOf(ModuleOutcome.NoData, ModuleOutcome.SkippedDependency);
        panel["M11"].Outcome.Should().Be(ModuleOutcome.NoData);
    }

    [Fact]
    public async Task A_users_override_survives_re_runs_and_edited_title_rules_change_the_committee()
    {
        var acme = await CompanyAsync(Northwind, "acme-outdoor.test");
        await RunAsync(Northwind, acme);
        await using (var scope = Host.Scope(Northwind))
        {
            var committee = scope.ServiceProvider.GetRequiredService<BuyingCommittee>();
            await committee.SetOverrideAsync(acme, "Dana Whitfield", CommitteeRole.Champion);
            var rules = scope.ServiceProvider.GetRequiredService<TitleRuleService>();
            (await rules.SaveAsync(null, 1, CommitteeRole.EconomicBuyer, "Chief Marketing Officer")).Succeeded.Should().BeTrue();
        }

        await RunAsync(Northwind, acme);
        await RunAsync(Northwind, acme);
        var m10 = (await PanelAsync(Northwind, acme))["M10"].Facts.ToDictionary(f => f.Path);
        m10["committee[Dana Whitfield].role"].Value.Should().Be("champion");
        m10["committee[Dana Whitfield].role"].Source.Method.Should().Be("user-override");
        m10["committee[Priya Lindqvist].role"].Value.Should().Be("economic_buyer", "the tenant's new first rule names Chief Marketing Officer");

        await using (var scope = Host.Scope(Northwind))
        {
            var members = await scope.ServiceProvider.GetRequiredService<BuyingCommittee>().ForAccountAsync(acme);
            var dana = members.Single(m => m.Name == "Dana Whitfield");
            dana.RuleRole.Should().Be(CommitteeRole.EconomicBuyer);
            dana.Override.Should().Be(CommitteeRole.Champion);
            dana.Effective.Should().Be(CommitteeRole.Champion);
        }

        // Globex's rules are untouched by Northwind's edit.
        await using (var scope = Host.Scope(Globex))
        {
            var globexRules = await scope.ServiceProvider.GetRequiredService<TitleRuleService>().ListAsync();
            globexRules.Should().NotContain(r => r.Keywords == "Chief Marketing Officer");
            globexRules.Should().HaveCount(TitleRules.Defaults.Count);
        }
    }

    [Fact]
    public async Task The_tenants_competitive_list_drives_m05_m11_and_a_new_target_is_a_high_change()
    {
        var acme = await CompanyAsync(Northwind, "acme-outdoor.test");
        await RunAsync(Northwind, acme);
        await using (var scope = Host.Scope(Northwind))
        {
            var list = scope.ServiceProvider.GetRequiredService<CompetitiveList>();
            (await list.AddAsync("Northwind Messaging", "klaviyo")).Succeeded.Should().BeTrue("names are matched to the catalog case-insensitively");
            (await list.AddAsync("Northwind Messaging", "Not A Real Product")).FieldMessages()["CompetitorProduct"].Should().Contain("not in the technology catalog");
            (await list.AddAsync("", "Hotjar")).FieldMessages().Should().ContainKey("OurProduct");
            var twice = await list.AddAsync("Northwind Messaging", "Klaviyo");
            twice.Kind.Should().Be(ErrorKind.Conflict);
            twice.FieldMessages()["CompetitorProduct"].Should().Be("Northwind Messaging already displaces Klaviyo.");
        }

        await RunAsync(Northwind, acme);
        var panel = await PanelAsync(Northwind, acme);
        panel["M05"].Facts.Should().Contain(f => f.Path == "competitor_product[Klaviyo]");
        panel["M11"].Facts.Single(f => f.Path == "displacement[Klaviyo].replacedBy").Value.Should().Be("Northwind Messaging");
        var change = await Host.AsSystemAsync(db => db.ChangeEvents.IgnoreQueryFilters().Where(c => c.CompanyId == acme && c.Path == "displacement[Klaviyo].priority").SingleAsync());
        change.Kind.Should().Be(ChangeKind.Added);
        change.Significance.Should().Be(SignificanceRules.High);
        change.Rule.Should().Be("displacement-target");
        change.TenantId.Should().Be(Northwind);

        // Globex's list does not have Klaviyo: the same site gives Globex no such target.
        var globexAcme = await CompanyAsync(Globex, "acme-outdoor.test");
        await RunAsync(Globex, globexAcme);
        var globex = await PanelAsync(Globex, globexAcme);
        globex["M05"].Facts.Should().NotContain(f => f.Path == "competitor_product[Klaviyo]");
        globex["M11"].Facts.Single(f => f.Path == "displacement[Algolia].replacedBy").Value.Should().Be("Globex Discovery");

        // Removing a line removes the target on the next run.
        await using (var scope = Host.Scope(Northwind))
        {
            var list = scope.ServiceProvider.GetRequiredService<CompetitiveList>();
            var klaviyo = (await list.ListAsync()).Single(l => l.CompetitorProduct == "Klaviyo");
            (await list.DeleteAsync(klaviyo.Id)).Succeeded.Should().BeTrue();
        }

        await RunAsync(Northwind, acme);
        (await PanelAsync(Northwind, acme))["M11"].Facts.Should().NotContain(f => f.Path.StartsWith("displacement[Klaviyo]", StringComparison.Ordinal));
    }
}
