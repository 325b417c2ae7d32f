using System.Net;
using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Tests.Domain.Enrichment;

public sealed class EnrichmentRulesTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressClass.Loopback)]
    [InlineData("::1", AddressClass.Loopback)]
    [InlineData("10.1.2.3", AddressClass.Private)]
    [InlineData("172.31.255.1", AddressClass.Private)]
    [InlineData("172.32.0.1", AddressClass.Public)]
    [InlineData("192.168.0.10", AddressClass.Private)]
    [InlineData("169.254.169.254", AddressClass.CloudMetadata)]
    [InlineData("169.254.10.1", AddressClass.LinkLocal)]
    [InlineData("100.64.0.1", AddressClass.CarrierGradeNat)]
    [InlineData("100.128.0.1", AddressClass.Public)]
    [InlineData("fd00:ec2::254", AddressClass.CloudMetadata)]
    [InlineData("fe80::1", AddressClass.LinkLocal)]
    [InlineData("fc00::5", AddressClass.Private)]
    [InlineData("::ffff:10.0.0.1", AddressClass.Private)]
    [InlineData("93.184.216.34", AddressClass.Public)]
    [InlineData("2606:4700::1111", AddressClass.Public)]
    public void Addresses_are_classified_for_the_SSRF_guard(string address, AddressClass expected) =>
        AddressPolicy.Classify(IPAddress.Parse(address)).Should().Be(expected);

    [Fact]
    public void Only_public_addresses_pass_by_default()
    {
        AddressPolicy.IsAllowed(IPAddress.Parse("8.8.8.8"), false, false).Should().BeTrue();
        AddressPolicy.IsAllowed(IPAddress.Loopback, false, false).Should().BeFalse();
        AddressPolicy.IsAllowed(IPAddress.Loopback, true, false).Should().BeTrue();
        AddressPolicy.IsAllowed(IPAddress.Parse("169.254.169.254"), true, true).Should().BeFalse("metadata is never allowed");
    }

    [Fact]
    public void Robots_rules_follow_RFC_9309()
    {
        var robots = RobotsTxt.Parse("""
            User-agent: *
            Disallow: /private/
            Allow: /private/press$
            Disallow: /*.pdf$

            User-agent: OtherBot
            Disallow: /
            """, "PartnerForge");
        robots.IsAllowed("/").Should().BeTrue();
        robots.IsAllowed("/private/x").Should().BeFalse();
        robots.IsAllowed("/private/press").Should().BeTrue("the longer Allow wins");
        robots.IsAllowed("/files/report.pdf").Should().BeFalse();
        robots.IsAllowed("/files/report.pdf?x=1").Should().BeTrue();

        var mine = RobotsTxt.Parse("User-agent: partnerforge\nDisallow: /careers\n\nUser-agent: *\nDisallow: /", "PartnerForge");
        mine.IsAllowed("/about").Should().BeTrue("our own group replaces the * group");
        mine.IsAllowed("/careers/jobs").Should().BeFalse();
        RobotsTxt.Unreachable.IsAllowed("/").Should().BeFalse();
        RobotsTxt.AllowEverything.IsAllowed("/anything").Should().BeTrue();
    }

    [Fact]
    public void A_budget_of_N_calls_allows_call_N_and_refuses_call_N_plus_1()
    {
        BudgetRule.Check(callsUsed: 2, costUsed: 0, callCost: 0, maxCalls: 3, maxCost: null).Should().Be(BudgetDecision.Allowed);
        BudgetRule.Check(callsUsed: 3, costUsed: 0, callCost: 0, maxCalls: 3, maxCost: null).Should().Be(BudgetDecision.CallsExhausted);
        BudgetRule.Check(0, 9.90m, 0.20m, null, 10m).Should().Be(BudgetDecision.CostExhausted);
        BudgetRule.Check(0, 9.80m, 0.20m, null, 10m).Should().Be(BudgetDecision.Allowed);
        BudgetRule.Check(1000, 1000m, 1m, null, null).Should().Be(BudgetDecision.Allowed);
        BudgetRule.UsedShare(5, 2m, 10, 8m).Should().Be(0.5);
        BudgetRule.Period(new DateTime(2026, 11, 30, 23, 0, 0, DateTimeKind.Utc)).Should().Be("2026-11");
    }

    [Fact]
    public void A_fact_without_a_source_is_rejected()
    {
        var act = () => new Fact("company.name", "Acme", null!);
        act.Should().Throw<InvalidFactException>().WithMessage("*no source*");
        var noUrl = () => new SourceRef("", DateTime.UtcNow, "html-meta", "x");
        noUrl.Should().Throw<InvalidFactException>();
        var noMethod = () => new SourceRef("https://a.test/", DateTime.UtcNow, " ", "x");
        noMethod.Should().Throw<InvalidFactException>();
    }

    [Fact]
    public void Canonical_json_and_hash_ignore_order_and_fetch_time()
    {
        var s1 = new SourceRef("https://a.test/", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), "html-meta", "<title>A</title>");
        var s2 = s1 with { };
        var later = new SourceRef("https://a.test/", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), "html-meta", "<title>A</title>");
        var a = CanonicalJson.FromFacts([new Fact("b", "2", s1), new Fact("a", "1", s2)]);
        var b = CanonicalJson.FromFacts([new Fact("a", "1", later), new Fact("b", "2", later)]);
        a.Should().Be(b);
        CanonicalJson.Hash(a).Should().Be(CanonicalJson.Hash(b)).And.HaveLength(64);
        var c = CanonicalJson.FromFacts([new Fact("a", "1", s1), new Fact("b", "3", s1)]);
        CanonicalJson.Hash(c).Should().NotBe(CanonicalJson.Hash(a));
        a.Should().StartWith("{\"facts\":[{\"path\":\"a\"");
    }

    [Theory]
    [InlineData("Acme raises $45 million Series C to expand its platform", TriggerKind.Funding)]
    [InlineData("Acme acquires Brookfield Digital", TriggerKind.Acquisition)]
    [InlineData("Acme appoints Jordan Lee as Chief Digital Officer", TriggerKind.LeadershipChange)]
    [InlineData("Acme migrates to a new commerce platform ahead of holiday season", TriggerKind.Replatforming)]
    [InlineData("Acme opens new distribution center in Ohio", TriggerKind.Expansion)]
    [InlineData("Acme announces restructuring and workforce reduction", TriggerKind.Layoffs)]
    public void Press_headlines_are_classified_into_triggers(string headline, TriggerKind expected) =>
        TriggerClassifier.Classify(headline).Should().Contain(expected);

    [Fact]
    public void A_headline_with_no_trigger_is_not_classified() =>
        TriggerClassifier.Classify("Acme sponsors the regional marathon").Should().BeEmpty();

    [Fact]
    public void Wave_two_modules_are_skipped_when_a_dependency_failed()
    {
        var hiring = ModuleCatalog.Get(ModuleCatalog.Hiring);
        ModuleCatalog.BlockingDependency(hiring, new Dictionary<string, ModuleOutcome> { [ModuleCatalog.CompanyContext] = ModuleOutcome.Failed }).Should().Be(ModuleCatalog.CompanyContext);
        ModuleCatalog.BlockingDependency(hiring, new Dictionary<string, ModuleOutcome> { [ModuleCatalog.CompanyContext] = ModuleOutcome.Ok }).Should().BeNull();
        ModuleCatalog.Waves().Select(w => w.Key).Should().StartWith([1, 2]).And.Contain(4).And.BeInAscendingOrder();
    }
}
