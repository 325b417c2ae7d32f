using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Playbook;

namespace PartnerForge.Tests.Domain.Playbook;

/// <summary>The pure playbook rules: title → committee role, displacement priority, evidence scores, investor extraction, significance.</summary>
public sealed class PlaybookRulesTests
{
    [Theory]
    [InlineData("Chief Executive Officer", CommitteeRole.EconomicBuyer, "Chief Executive Officer")]
    [InlineData("President & CEO", CommitteeRole.EconomicBuyer, "CEO")]
    [InlineData("Chief Technology Officer", CommitteeRole.TechnicalBuyer, "Chief Technology Officer")]
    [InlineData("Chief Digital Officer", CommitteeRole.TechnicalBuyer, "Chief Digital Officer")]
    [InlineData("VP of E-commerce", CommitteeRole.Champion, "E-commerce")]
    [InlineData("Senior Marketing Manager", CommitteeRole.Champion, "Marketing")]
    [InlineData("IT Operations Manager", CommitteeRole.User, "Manager")]
    public void Default_title_rules_map_titles_first_match_wins(string title, CommitteeRole role, string keyword)
    {
        var match = TitleRules.Map(title, TitleRules.Defaults);

        match.Role.Should().Be(role);
        match.Keyword.Should().Be(keyword);
        match.Reason.Should().Contain(keyword);
    }

    [Fact]
    public void Keywords_match_whole_words_and_unmatched_titles_are_users()
    {
        // "CTO" must not match inside "Director"; "President" alone is economic buyer, a General Counsel matches nothing.
        TitleRules.Map("Director of Sales", [new(1, CommitteeRole.TechnicalBuyer, "CTO")]).Role.Should().Be(CommitteeRole.User);
        var none = TitleRules.Map("General Counsel", TitleRules.Defaults);
        none.Role.Should().Be(CommitteeRole.User);
        none.Keyword.Should().BeNull();
        none.Reason.Should().Contain("no title rule matched");
    }

    [Fact]
    public void A_tenant_rule_placed_first_overrides_the_defaults()
    {
        var rules = TitleRules.Defaults.Append(new TitleRuleSpec(0, CommitteeRole.EconomicBuyer, "chief marketing officer")).ToList();

        TitleRules.Map("Chief Marketing Officer", rules).Role.Should().Be(CommitteeRole.EconomicBuyer);
        TitleRules.Map("Chief Marketing Officer", TitleRules.Defaults).Role.Should().Be(CommitteeRole.Champion);
    }

    [Theory]
    [InlineData("  CTO ,cto| Chief Technology Officer ;", "CTO, Chief Technology Officer", null)]
    [InlineData(" , ;", null, "Enter at least one keyword")]
    public void Keywords_are_normalized_or_refused(string input, string? expected, string? error)
    {
        var (value, message) = TitleRules.NormalizeKeywords(input);
        value.Should().Be(expected);
        if (error is null)
        {
            message.Should().BeNull();
        }
        else
        {
            message.Should().Contain(error);
        }
    }

    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void Displacement_is_high_with_strong_evidence_and_a_recent_replatforming()
    {
        var target = DisplacementPlanner.Plan(new DisplacementSignals("Algolia", "Northwind Search", "<script src=algolia>", ["script-src"],
            [("Replatforming", new DateOnly(2026, 8, 20)), ("Funding", new DateOnly(2026, 10, 14))], 0), Today);

        target.Score.Should().Be(DisplacementPlanner.Base + DisplacementPlanner.StrongEvidenceBonus + DisplacementPlanner.ReplatformingBonus);
        target.Priority.Should().Be(DisplacementPriority.High);
        target.PriorityCode.Should().Be("high");
        target.Reasons.Should().Contain(r => r.Contains("replatforming announced 2026-08-20"));
        target.Reasons.Should().Contain(r => r.Contains("script-src"));
    }

    [Fact]
    public void Displacement_is_medium_when_only_detected_and_low_when_only_implied()
    {
        DisplacementPlanner.Plan(new DisplacementSignals("Coveo", "Ours", "html", ["html"], [], 0), Today).Priority.Should().Be(DisplacementPriority.Medium);
        var weak = DisplacementPlanner.Plan(new DisplacementSignals("Coveo", "Ours", "implied", ["implied"], [], 0), Today);
        weak.Priority.Should().Be(DisplacementPriority.Low);
        weak.Score.Should().Be(DisplacementPlanner.Base - DisplacementPlanner.WeakEvidencePenalty);
    }

    [Fact]
    public void Old_or_future_triggers_do_not_count_but_hiring_does()
    {
        var old = DisplacementPlanner.Plan(new DisplacementSignals("Coveo", "Ours", "html", ["html"], [("Replatforming", new DateOnly(2024, 1, 1)), ("Replatforming", null)], 0), Today);
        old.Score.Should().Be(DisplacementPlanner.Base);
        var hiring = DisplacementPlanner.Plan(new DisplacementSignals("Coveo", "Ours", "html", ["html"], [], 2), Today);
        hiring.Score.Should().Be(DisplacementPlanner.Base + DisplacementPlanner.HiringBonus);
        hiring.Reasons.Should().Contain(r => r.Contains("2 open role(s) name Coveo"));
    }

    private static readonly AccountProfileForEvidence Acme = new("Retail", "1,001-5,000", ["Shopify", "Algolia", "Klaviyo", "Stripe"], ["Funding", "Replatforming"], ["Algolia"]);

    [Fact]
    public void Evidence_scores_add_up_from_named_reasons()
    {
        var perfect = new EvidenceCandidate("Outdoor retailer", EvidenceKind.CaseStudy, "Retail", "1001-5000", ["Shopify", "Algolia"], "Search replatforming");
        var match = EvidenceMatcher.Score(perfect, Acme);

        match.Score.Should().Be(EvidenceMatcher.SameIndustry + EvidenceMatcher.SameSize + 2 * EvidenceMatcher.PerSharedTechnology + EvidenceMatcher.DisplacementProof + EvidenceMatcher.UseCaseFit);
        match.Reasons.Should().HaveCount(5);
        match.Reason.Should().Contain("same industry (Retail)").And.Contain("same size (1001-5000 employees)").And.Contain("they also run Algolia, Shopify")
            .And.Contain("shows us replacing Algolia").And.Contain("fits their Replatforming trigger");
    }

    [Fact]
    public void Evidence_partial_matches_score_less_and_the_best_come_first()
    {
        var adjacent = new EvidenceCandidate("Adjacent", EvidenceKind.Quote, "Retail & e-commerce", "501-1000", ["Stripe"], null);
        var unrelated = new EvidenceCandidate("Bank", EvidenceKind.ProofPoint, "Banking", "10001+", ["Angular"], "Customer experience");
        var exact = new EvidenceCandidate("Exact", EvidenceKind.CaseStudy, "retail", "1001-5000", [], null);

        var adj = EvidenceMatcher.Score(adjacent, Acme);
        adj.Score.Should().Be(EvidenceMatcher.RelatedIndustry + EvidenceMatcher.AdjacentSize + EvidenceMatcher.PerSharedTechnology);
        EvidenceMatcher.Score(unrelated, Acme).Score.Should().Be(0);

        var best = EvidenceMatcher.Best([unrelated, adjacent, exact], Acme);
        best.Select(b => b.Item.Title).Should().Equal("Exact", "Adjacent");
    }

    [Fact]
    public void Shared_technologies_are_capped()
    {
        var many = new EvidenceCandidate("Many", EvidenceKind.ProofPoint, null, null, ["Shopify", "Algolia", "Klaviyo", "Stripe"], null);
        var m = EvidenceMatcher.Score(many, Acme);
        m.Score.Should().Be(EvidenceMatcher.MaxSharedTechnology + EvidenceMatcher.DisplacementProof);
    }

    [Fact]
    public void Evidence_input_is_validated_per_field()
    {
        var input = new EvidenceInput { Kind = EvidenceKind.Quote, Title = " ", Body = "", SizeBand = "huge", Url = "ftp://x", Customer = null };
        var errors = input.Validate();
        errors.Keys.Should().BeEquivalentTo(["Title", "Body", "SizeBand", "Url", "Customer"]);
        errors["Body"].Should().Be("Enter the quote.");

        var ok = new EvidenceInput { Title = "Fine", Body = "Result", SizeBand = "51-200", Url = "https://example.com/case" };
        ok.Validate().Should().BeEmpty();
        new EvidenceItem(ok, DateTime.UtcNow).Technologies.Should().BeEmpty();
    }

    [Fact]
    public void Investors_round_and_amount_are_read_from_a_press_release()
    {
        var round = InvestorExtractor.Extract("Acme Outdoor Supply today announced a $45 million Series C round led by Northgate Ventures, with participation from Bluefin Growth and existing investor Meridian Seed Fund. The funding will accelerate growth.");

        round.Round.Should().Be("Series C");
        round.Amount.Should().Be("$45 million");
        round.Investors.Should().Equal("Northgate Ventures", "Bluefin Growth", "Meridian Seed Fund");
    }

    [Fact]
    public void A_headline_without_investors_names_none()
    {
        var round = InvestorExtractor.Extract("Acme raises $45 million Series C to expand its platform");
        round.Round.Should().Be("Series C");
        round.Investors.Should().BeEmpty();
    }

    private static string Snapshot(params (string Path, string Value)[] facts) =>
        CanonicalJson.FromFacts(facts.Select(f => new Fact(f.Path, f.Value, new SourceRef("https://acme.test/", DateTime.UtcNow, "html", "x"))).ToList());

    [Fact]
    public void A_new_displacement_target_and_an_executive_joining_are_high()
    {
        var displacement = SignificanceRules.Detect("M11",
            Snapshot(("displacement[Algolia].priority", "medium")),
            Snapshot(("displacement[Algolia].priority", "high"), ("displacement[Coveo].priority", "low"), ("displacement[Coveo].evidence", "coveo.js")),
            SignificanceContext.Empty);
        displacement[0].Path.Should().Be("displacement[Coveo].priority");
        displacement[0].Rule.Should().Be("displacement-target");
        displacement[0].Significance.Should().Be(SignificanceRules.High);
        displacement.Single(c => c.Path == "displacement[Algolia].priority").Rule.Should().Be("displacement-priority");

        var joined = SignificanceRules.Detect("M09", Snapshot(("executive[A]", "CEO")), Snapshot(("executive[A]", "CEO"), ("executive[B]", "CTO")), SignificanceContext.Empty);
        joined.Single(c => c.Path == "executive[B]").Significance.Should().BeGreaterThanOrEqualTo(85);

        SignificanceRules.Detect("M08", Snapshot(("investor[Y].round", "Seed")), Snapshot(("investor[Y].round", "Seed"), ("investor[X].round", "Series C")), SignificanceContext.Empty)
            .Single().Rule.Should().Be("funding-round");
    }
}
