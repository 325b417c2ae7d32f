using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Pipeline;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Pipeline;

/// <summary>The tenant admin's stage and framework settings over a real SQLite database with the demo workspace.</summary>
public sealed class PipelineAdministrationTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _northwind;
    private Guid _globex;
    private Guid _admin;
    private Guid _globexAdmin;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_northwind, _globex, _admin, _globexAdmin) = await _host.AsSystemAsync(async db =>
        {
            var users = await db.Users.IgnoreQueryFilters().ToDictionaryAsync(u => u.Email);
            return (users["admin@northwind.test"].TenantId, users["admin@globex.test"].TenantId, users["admin@northwind.test"].Id, users["admin@globex.test"].Id);
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_new_open_stage_goes_after_the_last_open_one_and_a_rename_and_probability_are_audited()
    {
        await using var scope = _host.Scope(_northwind, _admin);
        var admin = scope.ServiceProvider.GetRequiredService<PipelineAdministration>();

        (await admin.AddStageAsync("Legal review", 70, StageKind.Open)).Succeeded.Should().BeTrue();
        (await admin.StagesAsync()).Select(s => s.Name).Should().Equal("Prospect", "Qualified", "Discovery", "Proposal", "Negotiation", "Legal review", "Won", "Lost");
        (await admin.StagesAsync()).Select(s => s.Position).Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);

        var refused = await admin.AddStageAsync(" legal REVIEW ", 50, StageKind.Open);
        refused.Succeeded.Should().BeFalse();
        refused.Describe().Should().Be("There is already a stage called \u201clegal REVIEW\u201d.");
        refused.FieldMessages().Keys.Should().Equal(["Name"], "a name the admin typed is that field's fault");
        (await admin.AddStageAsync("  ", 50, StageKind.Open)).Describe().Should().Be("Give the stage a name.");
        (await admin.AddStageAsync("Too sure", 101, StageKind.Open)).Describe().Should().Contain("between 0 and 100");

        var proposal = (await admin.StagesAsync()).Single(s => s.Name == "Proposal");
        var overridden = await _host.AsSystemAsync(async db =>
        {
            var deal = await db.Deals.IgnoreQueryFilters().FirstAsync(d => d.StageId == proposal.Id);
            var stage = await db.Stages.IgnoreQueryFilters().SingleAsync(s => s.Id == proposal.Id);
            deal.OverrideProbability(33, stage);
            await db.SaveChangesAsync();
            return deal.Id;
        });
        (await admin.UpdateStageAsync(proposal.Id, "Proposal sent", 65)).Succeeded.Should().BeTrue();

        var probabilities = await _host.AsSystemAsync(db => db.Deals.IgnoreQueryFilters().Where(d => d.StageId == proposal.Id)
            .Select(d => new { d.Id, d.Probability }).ToListAsync());
        probabilities.Should().HaveCountGreaterThan(1);
        probabilities.Where(p => p.Id != overridden).Should().OnlyContain(p => p.Probability == 65, "deals that follow the stage take its new default");
        probabilities.Single(p => p.Id == overridden).Probability.Should().Be(33);

        var audit = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.EntityType == nameof(Stage) && a.EntityId == proposal.Id && a.Action == PartnerForge.Domain.Auditing.AuditAction.Updated).ToListAsync());
        audit.Should().ContainSingle().Which.UserId.Should().Be(_admin);
        audit[0].Changes.Should().Contain("Proposal sent").And.Contain("65");
    }

    [Fact]
    public async Task Reordering_keeps_each_deals_furthest_stage_on_the_same_stage()
    {
        await using var scope = _host.Scope(_northwind, _admin);
        var admin = scope.ServiceProvider.GetRequiredService<PipelineAdministration>();
        var before = await FurthestByStageNameAsync();

        (await admin.MoveStageAsync((await admin.StagesAsync()).Single(s => s.Name == "Discovery").Id, -1)).Succeeded.Should().BeTrue();

        (await admin.StagesAsync()).Select(s => s.Name).Take(4).Should().Equal("Prospect", "Discovery", "Qualified", "Proposal");
        (await FurthestByStageNameAsync()).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task A_stage_with_deals_cannot_be_deleted_or_change_kind_and_an_unused_one_can()
    {
        await using var scope = _host.Scope(_northwind, _admin);
        var admin = scope.ServiceProvider.GetRequiredService<PipelineAdministration>();
        var proposal = (await admin.StagesAsync()).Single(s => s.Name == "Proposal");
        proposal.Deals.Should().BePositive();

        var delete = await admin.DeleteStageAsync(proposal.Id);
        delete.Kind.Should().Be(ErrorKind.Conflict, "the deals in the stage keep it");
        delete.Describe().Should().Be($"\u201cProposal\u201d still has {proposal.Deals} deals. Move them to another stage on the board, then delete it.");
        (await admin.SetKindAsync(proposal.Id, StageKind.Won)).Describe().Should().StartWith($"\u201cProposal\u201d has {proposal.Deals} deals in it.");

        (await admin.AddStageAsync("Parked", 5, StageKind.Lost)).Succeeded.Should().BeTrue();
        var parked = (await admin.StagesAsync()).Single(s => s.Name == "Parked");
        parked.Kind.Should().Be(StageKind.Lost);
        (await admin.SetKindAsync(parked.Id, StageKind.Open)).Succeeded.Should().BeTrue();
        (await admin.DeleteStageAsync(parked.Id)).Succeeded.Should().BeTrue();
        (await admin.StagesAsync()).Select(s => s.Name).Should().Equal(StageDefaults.All.Select(s => s.Name));
        (await admin.StagesAsync()).Select(s => s.Position).Should().Equal(0, 1, 2, 3, 4, 5, 6);
    }

    [Fact]
    public async Task The_pipeline_keeps_an_open_a_won_and_a_lost_stage_and_a_stage_in_the_history_is_kept()
    {
        await using var scope = _host.Scope(_northwind, _admin);
        var admin = scope.ServiceProvider.GetRequiredService<PipelineAdministration>();
        await using var globexScope = _host.Scope(_globex, _globexAdmin);
        var globexAdmin = globexScope.ServiceProvider.GetRequiredService<PipelineAdministration>();

        // Globex emptied of deals (their history goes with them): the kind rules still hold.
        var globexStages = await globexAdmin.StagesAsync();
        var won = globexStages.Single(s => s.Kind == StageKind.Won);
        await _host.AsSystemAsync(db => db.Deals.IgnoreQueryFilters().Where(d => d.TenantId == _globex).ExecuteDeleteAsync());
        (await globexAdmin.SetKindAsync(won.Id, StageKind.Open)).Describe().Should().Be("The pipeline needs a stage that marks deals as won.");
        (await globexAdmin.DeleteStageAsync(won.Id)).Describe().Should().Be("The pipeline needs a stage that marks deals as won.");
        (await globexAdmin.DeleteStageAsync(globexStages.Single(s => s.Kind == StageKind.Lost).Id)).Describe().Should().Be("The pipeline needs a stage that marks deals as lost.");

        // A Northwind stage a deal passed through stays: the history names it.
        (await admin.AddStageAsync("Temporary", 30, StageKind.Open)).Succeeded.Should().BeTrue();
        var temporary = (await admin.StagesAsync()).Single(s => s.Name == "Temporary");
        var pipeline = scope.ServiceProvider.GetRequiredService<PipelineService>();
        var company = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == _northwind).Select(c => c.Id).FirstAsync());
        var saved = await pipeline.SaveDealAsync(null, new DealInput
        {
            CompanyId = company, Title = "Passing through", OwnerId = _admin, StageId = temporary.Id, Amount = 10m, Currency = "GBP",
            ExpectedCloseDate = DateTime.UtcNow.Date.AddDays(10),
        });
        var prospect = (await admin.StagesAsync()).Single(s => s.Name == "Prospect").Id;
        (await pipeline.MoveAsync(saved.Value!.DealId, prospect, saved.Value.Version)).Succeeded.Should().BeTrue();
        (await admin.DeleteStageAsync(temporary.Id)).Describe().Should().Be("\u201cTemporary\u201d is in the stage history of 1 deal, which keeps it. Rename it instead.");

        // Northwind's admin cannot touch Globex's stages: to them they do not exist.
        var hijack = await admin.UpdateStageAsync(won.Id, "Hijacked", 1);
        (hijack.Kind, hijack.Describe()).Should().Be((ErrorKind.NotFound, "That stage no longer exists."));
        (await admin.DeleteStageAsync(won.Id)).Describe().Should().Be("That stage no longer exists.");
        (await globexAdmin.StagesAsync()).Single(s => s.Id == won.Id).Name.Should().Be("Won");
    }

    [Fact]
    public async Task Switching_to_meddic_changes_the_framework_the_deal_form_asks_for()
    {
        await using var scope = _host.Scope(_northwind, _admin);
        (await scope.ServiceProvider.GetRequiredService<PipelineAdministration>().SetFrameworkAsync(QualificationFramework.Meddic)).Succeeded.Should().BeTrue();

        (await scope.ServiceProvider.GetRequiredService<PipelineService>().SettingsAsync()).Framework.Should().Be(QualificationFramework.Meddic);
        Qualification.FieldsOf(QualificationFramework.Meddic).Should().Contain("Economic buyer");
        await using var globex = _host.Scope(_globex, _globexAdmin);
        (await globex.ServiceProvider.GetRequiredService<PipelineService>().SettingsAsync()).Framework.Should().Be(QualificationFramework.Bant, "another tenant's setting");
        var audited = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.EntityType == nameof(PipelineSettings) && a.UserId == _admin));
        audited.Should().Be(1);
    }

    private Task<Dictionary<Guid, string>> FurthestByStageNameAsync() =>
        _host.AsSystemAsync(async db =>
        {
            var stages = await db.Stages.IgnoreQueryFilters().Where(s => s.TenantId == _northwind).ToDictionaryAsync(s => s.Position, s => s.Name);
            var deals = await db.Deals.IgnoreQueryFilters().Where(d => d.TenantId == _northwind).Select(d => new { d.Id, d.FurthestPosition }).ToListAsync();
            return deals.ToDictionary(d => d.Id, d => stages[d.FurthestPosition]);
        });
}
