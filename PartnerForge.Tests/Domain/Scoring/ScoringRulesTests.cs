using FluentAssertions;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Outreach;
using PartnerForge.Domain.Scoring;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Enrichment;
using Xunit;

namespace PartnerForge.Tests.Domain.Scoring;

public sealed class ScoringRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    private static readonly IReadOnlyList<IcpCriterion> Icp =
    [
        new(IcpField.Industry, ["Retail", "E-commerce"], 30),
        new(IcpField.Country, ["US", "GB"], 20),
        new(IcpField.EmployeeBand, ["201-500", "501-1000"], 20),
        new(IcpField.TechnologyPresent, ["Shopify", "Magento"], 20),
        new(IcpField.TechnologyAbsent, ["Algolia"], 10),
    ];

    [Fact]
    public void Fit_is_the_matched_share_of_the_weights_and_names_each_factor()
    {
        var account = new FitInput("Retail", "DE", "201-500", null, new HashSet<string>(["Shopify", "Algolia"], StringComparer.OrdinalIgnoreCase), null);

        var fit = FitScorer.Score(Icp, account);

        fit.Score.Should().Be(70, "industry 30 + employees 20 + Shopify 20 of 100");
        fit.Factors.Should().HaveCount(5);
        fit.Factors.Single(f => f.Criterion == "Industry").Text.Should().Be("+30 industry is Retail");
        fit.Factors.Single(f => f.Criterion == "Country").Should().Match<ScoreFactor>(f => !f.Matched && f.Points == 0 && f.Text == "+0 country is DE, not US, GB");
        fit.Factors.Single(f => f.Criterion == "Uses technology").Text.Should().Be("+20 uses Shopify");
        fit.Factors.Single(f => f.Criterion == "Does not use").Should().Match<ScoreFactor>(f => !f.Matched && f.Text == "+0 uses Algolia");
        fit.Factors.Sum(f => f.Points).Should().Be(fit.Score);
    }

    [Fact]
    public void Fit_scales_to_100_and_unknown_values_do_not_match()
    {
        FitScorer.Score([new(IcpField.Industry, ["retail"], 3), new(IcpField.TrafficBand, ["top 10K"], 1)],
            new FitInput("Retail", null, null, null, new HashSet<string>(), null)).Score.Should().Be(75);
        FitScorer.Score([new(IcpField.Industry, ["Retail"], 5)], new FitInput(null, null, null, null, new HashSet<string>(), null))
            .Factors.Single().Text.Should().Be("+0 industry unknown (wanted Retail)");
        FitScorer.Score([], new FitInput("Retail", null, null, null, new HashSet<string>(), null)).Score.Should().Be(0);
    }

    [Fact]
    public void Signals_halve_every_half_life_measured_with_a_fixed_clock()
    {
        var clock = new FixedTimeProvider(Now);
        var halfLife = TimeSpan.FromDays(30);
        Signal At(int daysAgo, int weight = 40) => new(SignalKind.Trigger, $"s{daysAgo}", weight, clock.GetUtcNow().UtcDateTime.AddDays(-daysAgo), "M07", "p");

        SignalScorer.Score([At(0)], clock.GetUtcNow().UtcDateTime, halfLife).Score.Should().Be(40);
        SignalScorer.Score([At(30)], clock.GetUtcNow().UtcDateTime, halfLife).Score.Should().Be(20);
        SignalScorer.Score([At(60)], clock.GetUtcNow().UtcDateTime, halfLife).Score.Should().Be(10);

        // The same signal scored later: the clock moves, the score decays.
        var signal = At(0);
        clock.Advance(TimeSpan.FromDays(90));
        var later = SignalScorer.Score([signal], clock.GetUtcNow().UtcDateTime, halfLife);
        later.Score.Should().Be(5);
        later.Factors.Single().Text.Should().Be("+5 s0 (90 days ago)");
    }

    [Fact]
    public void Signal_sum_is_capped_at_100_and_future_dates_count_as_fresh()
    {
        var signals = Enumerable.Range(0, 5).Select(i => new Signal(SignalKind.Trigger, $"t{i}", 30, Now.AddDays(2), "M07", "p")).ToList();
        SignalScorer.Score(signals, Now, TimeSpan.FromDays(10)).Score.Should().Be(100);
        FluentActions.Invoking(() => SignalScorer.Score(signals, Now, TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Signals_come_from_hiring_triggers_displacement_and_significant_changes()
    {
        var src = new SourceRef("https://acme.test/press", Now.AddDays(-3), "rss", "x");
        var facts = new Dictionary<string, IReadOnlyList<Fact>>
        {
            ["M06"] = [new("hiring.open_roles", "12", src), new("hiring.trend", "up", src), new("hiring.tech_role[Kafka]", "Senior Kafka Engineer", src)],
            ["M07"] = [new("trigger[Funding][2026-10-01]", "Acme raises $40M Series C", src), new("trigger[Layoffs][undated]", "Acme restructures", src)],
            ["M11"] = [new("displacement[Algolia].priority", "high", src)],
        };
        var signals = SignalExtractor.From(facts, [new RecentChange("M02", "tech[Shopify]", "Shopify added", 80, Now.AddDays(-1)), new RecentChange("M01", "company.description", "desc", 10, Now), new RecentChange("M14", "signal.score", "Signal 40 → 70", 90, Now)]);

        signals.Select(s => s.Label).Should().BeEquivalentTo([
            "Hiring is up", "12 open roles", "Hiring for Kafka", "Funding: Acme raises $40M Series C", "Layoffs: Acme restructures",
            "Runs Algolia (high displacement)", "Changed: Shopify added"]);
        signals.Single(s => s.Kind == SignalKind.Trigger && s.Weight == SignalScorer.Weights.Funding).OccurredAtUtc.Should().Be(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));
        signals.Single(s => s.Label.StartsWith("Layoffs", StringComparison.Ordinal)).OccurredAtUtc.Should().Be(src.FetchedAtUtc, "an undated item counts from when it was read");
    }

    [Fact]
    public void A_reply_or_a_click_on_outreach_is_an_engagement_signal_and_an_open_is_not()
    {
        var replied = EngagementEvents.Change(EngagementKind.Replied, "Dana Reyes", "Peak season");
        var clicked = EngagementEvents.Change(EngagementKind.Clicked, "Sam Lee", "Peak season");
        var opened = EngagementEvents.Change(EngagementKind.Opened, "Ada Stone", "Peak season");
        RecentChange Recent(PartnerForge.Domain.Changes.DetectedChange c, string words) => new(EngagementEvents.Module, c.Path, words, c.Significance, Now.AddDays(-1));

        var signals = SignalExtractor.From(new Dictionary<string, IReadOnlyList<Fact>>(),
            [Recent(replied, "Dana Reyes replied to “Peak season”"), Recent(clicked, "Sam Lee clicked a link in “Peak season”"), Recent(opened, "Ada Stone opened “Peak season”")]);

        signals.Should().HaveCount(2).And.OnlyContain(s => s.Kind == SignalKind.Engagement, "an engagement is not counted again as a plain change");
        signals.Single(s => s.Label.StartsWith("Dana", StringComparison.Ordinal)).Weight.Should().Be(SignalScorer.Weights.Replied);
        signals.Single(s => s.Label.StartsWith("Sam", StringComparison.Ordinal)).Weight.Should().Be(SignalScorer.Weights.Clicked);
        SignalScorer.Score(signals, Now, TimeSpan.FromDays(30)).Score.Should().BeGreaterThan(SignalScorer.Score([signals.Single(s => s.Label.StartsWith("Sam", StringComparison.Ordinal))], Now, TimeSpan.FromDays(30)).Score);
    }

    [Theory]
    [InlineData(100, 0, 60, AccountTier.B)]
    [InlineData(50, 10, 34, AccountTier.D)]
    [InlineData(100, 100, 100, AccountTier.A)]
    [InlineData(80, 50, 68, AccountTier.B)]
    [InlineData(0, 50, 20, AccountTier.D)]
    public void Priority_combines_fit_and_signal_and_thresholds_pick_the_tier(int fit, int signal, int priority, AccountTier tier)
    {
        var policy = TierPolicy.Default; // 60 % fit, A ≥ 75, B ≥ 55, C ≥ 35
        policy.Priority(fit, signal).Should().Be(priority);
        policy.Tier(priority).Should().Be(tier);
    }

    [Fact]
    public void Thresholds_at_the_boundary_and_their_validation()
    {
        var policy = new TierPolicy(50, 80, 50, 20);
        policy.Tier(80).Should().Be(AccountTier.A);
        policy.Tier(79).Should().Be(AccountTier.B);
        policy.Tier(50).Should().Be(AccountTier.B);
        policy.Tier(20).Should().Be(AccountTier.C);
        policy.Tier(19).Should().Be(AccountTier.D);
        new TierPolicy(50, 50, 60, 10).Validate().Should().ContainKey("ThresholdB");
        new TierPolicy(120, 80, 60, 60).Validate().Keys.Should().BeEquivalentTo(["FitWeightPercent", "ThresholdC"]);
        IcpProfile.Validate([new(IcpField.Country, [" "], 10), new(IcpField.Industry, ["Retail"], 0)], TierPolicy.Default, 0)
            .Keys.Should().BeEquivalentTo(["Criteria[0]", "Criteria[1]", "SignalHalfLifeDays"]);
    }

    [Fact]
    public void Routing_follows_territory_rules_in_name_order()
    {
        var emea = Guid.NewGuid();
        var us = Guid.NewGuid();
        var territories = new[]
        {
            new Territory("B · EMEA retail", emea, ["DE", "GB"], ["Retail"]),
            new Territory("A · North America", us, ["US", "CA"]),
            new Territory("Z · Everything else", emea),
        };
        var members = new Dictionary<Guid, IReadOnlyList<Guid>> { [emea] = [Guid.NewGuid()], [us] = [Guid.NewGuid()] };

        TerritoryRouter.Route("US", "Retail", null, territories, members, new Dictionary<Guid, int>())!.TeamId.Should().Be(us);
        var emeaRetail = TerritoryRouter.Route("de", "retail", "51-200", territories, members, new Dictionary<Guid, int>())!;
        emeaRetail.TeamId.Should().Be(emea);
        emeaRetail.Reason.Should().Contain("B · EMEA retail");
        TerritoryRouter.Route("FR", "Software", null, territories, members, new Dictionary<Guid, int>())!.Reason.Should().Contain("Everything else");
        TerritoryRouter.Route("FR", "Software", null, territories.Take(2), members, new Dictionary<Guid, int>()).Should().BeNull();
        TerritoryRouter.Route("US", null, null, territories, new Dictionary<Guid, IReadOnlyList<Guid>>(), new Dictionary<Guid, int>()).Should().BeNull("a team without members cannot take accounts");
    }

    [Fact]
    public void Round_robin_is_fair_over_many_accounts()
    {
        var team = Guid.NewGuid();
        var reps = Enumerable.Range(0, 7).Select(_ => Guid.NewGuid()).ToList();
        var territories = new[] { new Territory("All", team) };
        var members = new Dictionary<Guid, IReadOnlyList<Guid>> { [team] = reps };
        var cursor = new Dictionary<Guid, int>();
        var counts = reps.ToDictionary(r => r, _ => 0);

        for (var i = 0; i < 10_000; i++)
        {
            var decision = TerritoryRouter.Route("US", null, null, territories, members, cursor)!;
            counts[decision.OwnerId]++;
            cursor[team] = decision.NextCursor;
        }

        counts.Values.Max().Should().BeLessThanOrEqualTo(counts.Values.Min() + 1);
        counts.Values.Sum().Should().Be(10_000);

        // A member leaving does not break the rotation: the cursor wraps over the smaller team.
        members[team] = reps.Take(3).ToList();
        var after = Enumerable.Range(0, 9).Select(_ => { var d = TerritoryRouter.Route("US", null, null, territories, members, cursor)!; cursor[team] = d.NextCursor; return d.OwnerId; }).ToList();
        after.GroupBy(o => o).Select(g => g.Count()).Should().AllBeEquivalentTo(3);
    }

    [Fact]
    public void Same_wave_dependencies_run_in_a_later_step()
    {
        var wave4 = ModuleCatalog.Waves().Single(w => w.Key == 4);
        var steps = WaveSteps.Of(wave4);
        steps.Should().HaveCount(2);
        steps[0].Select(m => m.Code).Should().Contain(["M13", "M14"]).And.NotContain("M15");
        steps[1].Select(m => m.Code).Should().Equal("M15");
        WaveSteps.Of(ModuleCatalog.Waves().First()).Should().ContainSingle("wave 1 has no same-wave dependencies");
    }
}

/// <summary>A TimeProvider whose clock moves only when told (Microsoft.Extensions.TimeProvider.Testing is not in the package registry).</summary>
public sealed class FixedTimeProvider(DateTime utcNow) : TimeProvider
{
    private DateTimeOffset _now = new(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc));

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTime utc) => _now = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
