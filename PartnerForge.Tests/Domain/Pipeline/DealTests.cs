using PartnerForge.Domain.Pipeline;

namespace PartnerForge.Tests.Domain.Pipeline;

public sealed class DealTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private readonly Stage _prospect = new("Prospect", 0, 10, StageKind.Open);
    private readonly Stage _proposal = new("Proposal", 3, 60, StageKind.Open);
    private readonly Stage _won = new("Won", 5, 100, StageKind.Won);
    private readonly Stage _lost = new("Lost", 6, 0, StageKind.Lost);

    [Fact]
    public void A_new_deal_takes_the_stages_probability_and_records_its_first_stage()
    {
        var (deal, change) = Deal.Open(Guid.NewGuid(), " Seats ", Guid.NewGuid(), _prospect, 1_500.25m, "gbp", T0.AddDays(40), T0, null);

        deal.Title.Should().Be("Seats");
        deal.Probability.Should().Be(10);
        deal.Amount.Should().Be(1_500.25m);
        deal.Currency.Should().Be("GBP");
        deal.ExpectedCloseDate.Should().Be(new DateTime(2026, 4, 10, 0, 0, 0, DateTimeKind.Utc));
        change.FromStageId.Should().BeNull();
        change.ToStageId.Should().Be(_prospect.Id);
        change.DealId.Should().Be(deal.Id);
    }

    [Fact]
    public void Moving_changes_stage_probability_and_version_and_returns_the_history_entry()
    {
        var (deal, _) = Deal.Open(Guid.NewGuid(), "Seats", Guid.NewGuid(), _prospect, 100m, "USD", T0, T0, null);
        var version = deal.Version;
        var by = Guid.NewGuid();

        var change = deal.MoveTo(_proposal, T0.AddDays(3), by);

        change!.FromStageId.Should().Be(_prospect.Id);
        change.ToStageId.Should().Be(_proposal.Id);
        change.ByUserId.Should().Be(by);
        change.AtUtc.Should().Be(T0.AddDays(3));
        deal.Probability.Should().Be(60);
        deal.FurthestPosition.Should().Be(3);
        deal.StageEnteredAtUtc.Should().Be(T0.AddDays(3));
        deal.Version.Should().NotBe(version);
        deal.MoveTo(_proposal, T0.AddDays(4), by).Should().BeNull("a reorder in the same column is not a stage change");
    }

    [Fact]
    public void An_overridden_probability_survives_open_moves_and_can_be_reset()
    {
        var (deal, _) = Deal.Open(Guid.NewGuid(), "Seats", Guid.NewGuid(), _prospect, 100m, "USD", T0, T0, null);
        deal.OverrideProbability(35, _prospect);
        deal.MoveTo(_proposal, T0.AddDays(1), null);
        deal.Probability.Should().Be(35);
        deal.OverrideProbability(null, _proposal);
        deal.Probability.Should().Be(60);
        FluentActions.Invoking(() => deal.OverrideProbability(101, _proposal)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Winning_and_losing_close_the_deal_with_cycle_length_and_reason_and_reopening_clears_them()
    {
        var (deal, _) = Deal.Open(Guid.NewGuid(), "Seats", Guid.NewGuid(), _prospect, 100m, "USD", T0, T0, null);
        deal.OverrideProbability(35, _prospect);

        deal.MoveTo(_won, T0.AddDays(45).AddHours(5), null, "Signed");
        deal.IsClosed.Should().BeTrue();
        deal.Won.Should().BeTrue();
        deal.CycleDays.Should().Be(45);
        deal.CloseReason.Should().Be("Signed");
        deal.Probability.Should().Be(100, "a won deal is certain whatever was overridden");

        deal.MoveTo(_proposal, T0.AddDays(50), null);
        deal.IsClosed.Should().BeFalse();
        deal.Won.Should().BeNull();
        deal.CycleDays.Should().BeNull();

        deal.MoveTo(_lost, T0.AddDays(60), null, "Chose a competitor");
        deal.FurthestPosition.Should().Be(5, "it once reached Won; Lost is not a step forward");
        deal.Won.Should().BeFalse();
        deal.Probability.Should().Be(0);
        deal.CloseReason.Should().Be("Chose a competitor");
    }

    [Fact]
    public void A_deal_cannot_move_into_another_tenants_stage()
    {
        var (deal, _) = Deal.Open(Guid.NewGuid(), "Seats", Guid.NewGuid(), _prospect, 100m, "USD", T0, T0, null);
        deal.StampTenant(Guid.NewGuid());
        var foreign = new Stage("Proposal", 3, 60, StageKind.Open);
        foreign.StampTenant(Guid.NewGuid());

        FluentActions.Invoking(() => deal.MoveTo(foreign, T0, null)).Should().Throw<PartnerForge.Domain.Common.TenantMismatchException>();
    }

    [Fact]
    public void Qualification_keeps_answered_fields_and_completeness_follows_the_framework()
    {
        var (deal, _) = Deal.Open(Guid.NewGuid(), "Seats", Guid.NewGuid(), _prospect, 100m, "USD", T0, T0, null);
        deal.Qualify(new Dictionary<string, string?> { ["Budget"] = " 50k ", ["Authority"] = " ", ["Need"] = "Reporting" });

        deal.Qualification.Should().BeEquivalentTo(new Dictionary<string, string> { ["Budget"] = "50k", ["Need"] = "Reporting" });
        Qualification.Completeness(QualificationFramework.Bant, deal.Qualification).Should().Be(0.5);
        Qualification.Completeness(QualificationFramework.Meddic, deal.Qualification).Should().Be(0);
        Qualification.FieldsOf(QualificationFramework.Meddic).Should().HaveCount(6);
    }

    [Fact]
    public void Input_validation_names_every_problem_in_words()
    {
        var errors = new DealInput { Title = new string('x', 201), Amount = 10.123m, Currency = "E1", ProbabilityOverride = 120 }.Validate();

        errors.Should().ContainKeys("CompanyId", "Title", "OwnerId", "StageId", "Amount", "Currency", "ExpectedCloseDate", "ProbabilityOverride");
        errors["Amount"].Should().Be("Use at most two decimal places.");
        errors["Title"].Should().Be("A title has at most 200 characters.");

        new DealInput
        {
            CompanyId = Guid.NewGuid(), Title = "Seats", OwnerId = Guid.NewGuid(), StageId = Guid.NewGuid(), Amount = 0m, Currency = "usd",
            ExpectedCloseDate = T0,
        }.Validate().Should().BeEmpty();
    }
}
