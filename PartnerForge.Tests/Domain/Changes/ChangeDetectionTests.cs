using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Tests.Domain.Changes;

public sealed class ChangeDetectionTests
{
    private static readonly SignificanceContext Competitors = new(["Algolia", "Salesforce Commerce Cloud"]);

    /// <summary>A snapshot in the enrichment form, built the way modules build it.</summary>
    internal static string Snapshot(params (string Path, string Value)[] facts) =>
        CanonicalJson.FromFacts(facts.Select(f => new Fact(f.Path, f.Value,
            new SourceRef("https://example.com/", DateTime.UnixEpoch, "html-meta", "excerpt"))));

    [Fact]
    public void Identical_facts_in_another_order_and_from_other_sources_are_no_change()
    {
        var a = Snapshot(("tech[React]", "JavaScript frameworks"), ("company.industry", "Retail"));
        var b = CanonicalJson.FromFacts(
        [
            new Fact("company.industry", "Retail", new SourceRef("https://example.com/about", DateTime.UtcNow, "json-ld", "other")),
            new Fact("tech[React]", "JavaScript frameworks", new SourceRef("https://example.com/", DateTime.UtcNow, "script-src", "x")),
        ]);

        SnapshotDiff.Compare("M02", a, b).Should().BeEmpty();
    }

    [Fact]
    public void Competitor_product_appearing_and_disappearing_is_high()
    {
        var before = Snapshot(("tech[React]", "JavaScript frameworks"), ("tech[Salesforce Commerce Cloud]", "Ecommerce"));
        var after = Snapshot(("tech[React]", "JavaScript frameworks"), ("tech[Algolia]", "Search"));

        var changes = SignificanceRules.Detect("M02", before, after, Competitors);

        changes.Should().HaveCount(2);
        changes.Should().ContainSingle(c => c.Kind == ChangeKind.Added && c.Path == "tech[Algolia]" && c.Technology == "Algolia")
            .Which.Significance.Should().Be(SignificanceRules.High);
        changes.Should().ContainSingle(c => c.Kind == ChangeKind.Removed && c.Technology == "Salesforce Commerce Cloud")
            .Which.Rule.Should().Be("competitor-product");
    }

    [Fact]
    public void The_same_technology_not_on_the_competitor_list_is_medium_low()
    {
        var changes = SignificanceRules.Detect("M02", Snapshot(), Snapshot(("tech[Algolia]", "Search")), SignificanceContext.Empty);

        changes.Single().Significance.Should().Be(45);
        changes.Single().Rule.Should().Be("technology-added-removed");
    }

    [Fact]
    public void A_version_bump_is_a_changed_fact_with_its_old_and_new_value()
    {
        var changes = SignificanceRules.Detect("M02",
            Snapshot(("tech[jQuery]", "JavaScript libraries"), ("tech[jQuery].version", "3.6.0")),
            Snapshot(("tech[jQuery]", "JavaScript libraries"), ("tech[jQuery].version", "3.7.1")), Competitors);

        var change = changes.Single();
        change.Kind.Should().Be(ChangeKind.Changed);
        change.OldValue.Should().Be("3.6.0");
        change.NewValue.Should().Be("3.7.1");
        change.Significance.Should().Be(15);
    }

    [Fact]
    public void A_new_funding_round_is_high_and_an_executive_leaving_is_high()
    {
        var funding = SignificanceRules.Detect("M07", Snapshot(("trigger.expansion[2026-03-01]", "Opens Berlin office")),
            Snapshot(("trigger.expansion[2026-03-01]", "Opens Berlin office"), ("trigger.funding[2026-11-02]", "Raises $40M Series C")), Competitors);
        funding.Single().Significance.Should().Be(85);
        funding.Single().Rule.Should().Be("funding-round");

        var executives = SignificanceRules.Detect("M09",
            Snapshot(("executive[Jane Roe]", "CFO"), ("executive[Jane Roe].title", "Chief Financial Officer"), ("executive[John Doe]", "CEO")),
            Snapshot(("executive[John Doe]", "CEO")), Competitors);
        executives.Should().Contain(c => c.Path == "executive[Jane Roe]" && c.Kind == ChangeKind.Removed && c.Significance == 85);
        executives.Should().Contain(c => c.Path == "executive[Jane Roe].title" && c.Significance == 50);
        executives[0].Rule.Should().Be("executive-left", "the most significant change comes first");
    }

    [Theory]
    [InlineData("10", "15", 60)]
    [InlineData("10", "5", 60)]
    [InlineData("10", "14", 15)]
    [InlineData("10", "6", 15)]
    [InlineData("0", "8", 60)]
    [InlineData("12", "many", 20)]
    public void Hiring_count_moving_by_half_or_more_is_medium(string before, string after, int expected)
    {
        var change = SignificanceRules.Detect("M06", Snapshot(("hiring.open_roles", before)), Snapshot(("hiring.open_roles", after)), Competitors).Single();

        change.Significance.Should().Be(expected);
    }

    [Fact]
    public void A_footer_link_is_low()
    {
        var change = SignificanceRules.Detect("M01",
            Snapshot(("links.footer[privacy]", "https://example.com/privacy")),
            Snapshot(("links.footer[privacy]", "https://example.com/legal/privacy")), Competitors).Single();

        change.Significance.Should().Be(SignificanceRules.Low);
        change.Rule.Should().Be("footer-link");
    }

    [Fact]
    public void Several_values_under_one_path_are_compared_as_a_set()
    {
        var changes = SnapshotDiff.Compare("M01",
            Snapshot(("social", "https://x.com/acme"), ("social", "https://linkedin.com/company/acme")),
            Snapshot(("social", "https://linkedin.com/company/acme"), ("social", "https://youtube.com/acme")));

        changes.Should().BeEquivalentTo(new[]
        {
            new FactDifference("M01", "social", ChangeKind.Added, null, "https://youtube.com/acme"),
            new FactDifference("M01", "social", ChangeKind.Removed, "https://x.com/acme", null),
        });
    }

    [Fact]
    public void The_first_snapshot_of_a_module_is_all_additions()
    {
        var changes = SnapshotDiff.Compare("M01", null, Snapshot(("company.name", "Acme"), ("company.industry", "Retail")));

        changes.Should().HaveCount(2).And.OnlyContain(c => c.Kind == ChangeKind.Added);
    }

    [Fact]
    public void Other_json_is_flattened_to_leaf_paths()
    {
        var changes = SnapshotDiff.Compare("M04",
            """{"revenue":{"fy2025":100,"currency":"USD"},"tickers":["ACME"]}""",
            """{"revenue":{"fy2025":120,"currency":"USD"},"tickers":["ACME","ACM2"]}""");

        changes.Should().BeEquivalentTo(new[]
        {
            new FactDifference("M04", "revenue.fy2025", ChangeKind.Changed, "100", "120"),
            new FactDifference("M04", "tickers", ChangeKind.Added, null, "ACM2"),
        });
    }
}

public sealed class AlertRuleMatchingTests
{
    private static readonly Guid Me = Guid.NewGuid();
    private static readonly Guid Someone = Guid.NewGuid();

    private static ChangeEvent Change(string module, string path, ChangeKind kind, int significance, string? technology = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), null,
            new DetectedChange(module, path, kind, null, "x", significance, "test", technology), DateTime.UtcNow);

    private static AccountProfile Account(Guid? owner = null, string? tier = null, Guid? territory = null) =>
        new(Guid.NewGuid(), "Acme", owner, tier, territory);

    [Fact]
    public void An_empty_rule_matches_everything_at_or_above_its_minimum()
    {
        var rule = new AlertRule("all", Me, Me, null) { MinSignificance = 50 };

        rule.Matches(Change("M02", "tech[React]", ChangeKind.Added, 50), Account(), Me).Should().BeTrue();
        rule.Matches(Change("M02", "tech[React]", ChangeKind.Added, 49), Account(), Me).Should().BeFalse();
        rule.IsActive = false;
        rule.Matches(Change("M02", "tech[React]", ChangeKind.Added, 90), Account(), Me).Should().BeFalse();
    }

    [Fact]
    public void Module_path_kind_and_technologies_must_all_hold()
    {
        var rule = new AlertRule("competitors", Me, Me, null)
        {
            Module = "M02", PathPrefix = "tech[", Kind = ChangeKind.Added, Technologies = "Algolia, Bloomreach",
        };

        rule.Matches(Change("M02", "tech[Algolia]", ChangeKind.Added, 90, "algolia"), Account(), Me).Should().BeTrue();
        rule.Matches(Change("M02", "tech[Algolia]", ChangeKind.Removed, 90, "Algolia"), Account(), Me).Should().BeFalse();
        rule.Matches(Change("M02", "tech[React]", ChangeKind.Added, 90, "React"), Account(), Me).Should().BeFalse();
        rule.Matches(Change("M07", "tech[Algolia]", ChangeKind.Added, 90, "Algolia"), Account(), Me).Should().BeFalse();
        rule.Matches(Change("M02", "company.tech", ChangeKind.Added, 90), Account(), Me).Should().BeFalse();
    }

    [Fact]
    public void Accounts_I_own_tier_and_territory_use_the_account_profile()
    {
        var territory = Guid.NewGuid();
        var rule = new AlertRule("mine", Me, Me, null) { OnlyMyAccounts = true, Tiers = "A,B", TerritoryId = territory };
        var change = Change("M07", "trigger.funding[x]", ChangeKind.Added, 85);

        rule.Matches(change, Account(Me, "A", territory), Me).Should().BeTrue();
        rule.Matches(change, Account(Someone, "A", territory), Me).Should().BeFalse();
        rule.Matches(change, Account(Me, "C", territory), Me).Should().BeFalse();
        rule.Matches(change, Account(Me, null, territory), Me).Should().BeFalse();
        rule.Matches(change, Account(Me, "B", Guid.NewGuid()), Me).Should().BeFalse();
    }

    [Fact]
    public void A_rule_is_for_one_user_or_one_team()
    {
        var both = () => new AlertRule("x", Me, Me, Guid.NewGuid());
        var neither = () => new AlertRule("x", Me, null, null);

        both.Should().Throw<ArgumentException>();
        neither.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(22, 7, 23, true)]
    [InlineData(22, 7, 6, true)]
    [InlineData(22, 7, 7, false)]
    [InlineData(12, 14, 13, true)]
    [InlineData(12, 14, 15, false)]
    public void Quiet_hours_may_wrap_midnight(int from, int to, int hour, bool quiet)
    {
        var preference = new AlertPreference(Me) { QuietFromHour = from, QuietToHour = to };

        AlertSchedule.InQuietHours(preference, new DateTime(2026, 11, 22, hour, 30, 0)).Should().Be(quiet);
    }

    [Fact]
    public void A_daily_digest_is_due_from_the_users_hour_in_their_zone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var preference = new AlertPreference(Me) { Digest = DigestFrequency.Daily, DigestHour = 8 };

        AlertSchedule.DuePeriod(preference, new DateTime(2026, 11, 22, 7, 59, 0), zone).Should().BeNull();
        var period = AlertSchedule.DuePeriod(preference, new DateTime(2026, 11, 22, 8, 0, 0), zone)!;
        period.Key.Should().Be("daily:2026-11-22");
        period.ToUtc.Should().Be(new DateTime(2026, 11, 22, 13, 0, 0), "08:00 in New York in November is 13:00 UTC");
        period.FromUtc.Should().Be(new DateTime(2026, 11, 21, 13, 0, 0));
    }

    [Fact]
    public void A_weekly_digest_is_due_on_the_users_day()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var preference = new AlertPreference(Me) { Digest = DigestFrequency.Weekly, DigestHour = 9, DigestDay = DayOfWeek.Monday };

        AlertSchedule.DuePeriod(preference, new DateTime(2026, 11, 22, 10, 0, 0), zone).Should().BeNull("the 22nd is a Sunday");
        var period = AlertSchedule.DuePeriod(preference, new DateTime(2026, 11, 23, 9, 0, 0), zone)!;
        period.Key.Should().Be("weekly:2026-W48");
        (period.ToUtc - period.FromUtc).Should().Be(TimeSpan.FromDays(7));
    }
}
