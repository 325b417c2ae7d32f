using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Pipeline;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Pipeline;

/// <summary>The pipeline services over a real SQLite database with the demo workspace.</summary>
public sealed class PipelineServiceTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _northwind;
    private Guid _globex;
    private Guid _rep;
    private Guid _manager;
    private Guid _globexRep;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_northwind, _globex, _rep, _manager, _globexRep) = await _host.AsSystemAsync(async db =>
        {
            var tenants = await db.Tenants.ToDictionaryAsync(t => t.Slug, t => t.Id);
            var users = await db.Users.IgnoreQueryFilters().ToDictionaryAsync(u => u.Email, u => u.Id);
            return (tenants["northwind"], tenants["globex"], users["rep@northwind.test"], users["manager@northwind.test"], users["rep@globex.test"]);
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_demo_tenants_have_the_default_stages_and_deals_spread_over_them()
    {
        await using var scope = _host.Scope(_northwind, _rep);
        var service = scope.ServiceProvider.GetRequiredService<PipelineService>();

        var stages = await service.StagesAsync();
        stages.Select(s => s.Name).Should().Equal("Prospect", "Qualified", "Discovery", "Proposal", "Negotiation", "Won", "Lost");
        stages.Select(s => s.DefaultProbability).Should().Equal(10, 20, 40, 60, 80, 100, 0);

        var board = await service.LoadBoardAsync(new BoardFilter { ClosedWithinDays = 3650 });
        var total = await _host.AsSystemAsync(db => db.Deals.IgnoreQueryFilters().CountAsync(d => d.TenantId == _northwind));
        board.Columns.Sum(c => c.Count).Should().Be(total);
        board.Columns.Count(c => c.Count > 0).Should().BeGreaterThanOrEqualTo(5, "demo deals are spread over the stages");
        board.Columns.Single(c => c.Stage.Kind == StageKind.Won).Count.Should().BeGreaterThan(0);
        board.Columns.Single(c => c.Stage.Kind == StageKind.Lost).Count.Should().BeGreaterThan(0);
        board.Columns.SelectMany(c => c.Cards).Select(c => c.OwnerId).Distinct().Should().HaveCountGreaterThan(1);
        board.Columns.SelectMany(c => c.Totals).Should().OnlyContain(t => t.Currency == "GBP");
        foreach (var column in board.Columns)
        {
            column.Totals.Sum(t => t.Amount).Should().Be(column.Cards.Sum(c => c.Amount), "every card is shown and the sum covers them");
            column.Cards.Select(c => c.BoardRank).Should().BeInAscendingOrder();
        }
    }

    [Fact]
    public async Task A_move_is_saved_with_its_stage_history_and_the_probability_of_the_new_stage()
    {
        await using var scope = _host.Scope(_northwind, _rep);
        var service = scope.ServiceProvider.GetRequiredService<PipelineService>();
        var stages = await service.StagesAsync();
        var prospect = stages.Single(s => s.Name == "Prospect");
        var proposal = stages.Single(s => s.Name == "Proposal");
        var deal = await NewDealAsync(service, prospect.Id, 12_500.50m);

        var before = await service.GetDealAsync(deal);
        var result = await service.MoveAsync(deal, proposal.Id, before!.Card.Version);

        result.Outcome.Should().Be(MoveOutcome.Moved);
        result.Version.Should().NotBe(before.Card.Version);
        var after = await service.GetDealAsync(deal);
        after!.Card.StageId.Should().Be(proposal.Id);
        after.Card.Probability.Should().Be(60);
        after.Card.Amount.Should().Be(12_500.50m);
        var history = await service.HistoryAsync(deal);
        history.Select(h => (h.FromStage, h.ToStage, h.By)).Should().Equal((null, "Prospect", "Riley Rep"), ("Prospect", "Proposal", "Riley Rep"));
    }

    [Fact]
    public async Task Winning_closes_the_deal_and_an_overridden_probability_survives_open_moves()
    {
        await using var scope = _host.Scope(_northwind, _rep);
        var service = scope.ServiceProvider.GetRequiredService<PipelineService>();
        var stages = await service.StagesAsync();
        var deal = await NewDealAsync(service, stages[0].Id, 1000m, probability: 35);

        var v = (await service.GetDealAsync(deal))!.Card.Version;
        v = (await service.MoveAsync(deal, stages[2].Id, v)).Version!.Value;
        (await service.GetDealAsync(deal))!.Card.Probability.Should().Be(35, "the override stays while the deal is open");

        (await service.MoveAsync(deal, stages.Single(s => s.Kind == StageKind.Won).Id, v, closeReason: "Signed")).Outcome.Should().Be(MoveOutcome.Moved);
        var won = await service.GetDealAsync(deal);
        won!.Card.Won.Should().BeTrue();
        won.Card.ClosedAtUtc.Should().NotBeNull();
        won.Card.Probability.Should().Be(100);
        won.CloseReason.Should().Be("Signed");
    }

    [Fact]
    public async Task A_move_made_on_a_stale_version_is_refused_and_changes_nothing()
    {
        await using var scope = _host.Scope(_northwind, _rep);
        var service = scope.ServiceProvider.GetRequiredService<PipelineService>();
        var stages = await service.StagesAsync();
        var deal = await NewDealAsync(service, stages[0].Id, 5000m);
        var seenByBoth = (await service.GetDealAsync(deal))!.Card.Version;

        (await service.MoveAsync(deal, stages[1].Id, seenByBoth)).Outcome.Should().Be(MoveOutcome.Moved);
        var second = await service.MoveAsync(deal, stages[3].Id, seenByBoth);

        second.Outcome.Should().Be(MoveOutcome.Conflict);
        second.Message.Should().Contain("Someone else changed this deal");
        (await service.GetDealAsync(deal))!.Card.StageId.Should().Be(stages[1].Id);
        (await service.HistoryAsync(deal)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Of_two_simultaneous_moves_of_the_same_version_exactly_one_wins()
    {
        Guid deal;
        IReadOnlyList<StageInfo> stages;
        Guid version;
        await using (var setup = _host.Scope(_northwind, _rep))
        {
            var service = setup.ServiceProvider.GetRequiredService<PipelineService>();
            stages = await service.StagesAsync();
            deal = await NewDealAsync(service, stages[0].Id, 7000m);
            version = (await service.GetDealAsync(deal))!.Card.Version;
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            await using var scope = _host.Scope(_northwind, i % 2 == 0 ? _rep : _manager);
            return (await scope.ServiceProvider.GetRequiredService<PipelineService>().MoveAsync(deal, stages[1 + (i % 4)].Id, version)).Outcome;
        }));

        outcomes.Count(o => o == MoveOutcome.Moved).Should().Be(1);
        outcomes.Count(o => o == MoveOutcome.Conflict).Should().Be(5);
        var changes = await _host.AsSystemAsync(db => db.StageChanges.IgnoreQueryFilters().CountAsync(c => c.DealId == deal));
        changes.Should().Be(2, "the creation and the one move that won");
    }

    [Fact]
    public async Task A_seeded_demo_deal_moves_with_the_version_the_board_shows()
    {
        await using var scope = _host.Scope(_northwind, _rep);
        var service = scope.ServiceProvider.GetRequiredService<PipelineService>();
        var board = await service.LoadBoardAsync(new BoardFilter());
        var card = board.Columns[0].Cards[0];
        var proposal = board.Columns.Single(c => c.Stage.Name == "Proposal").Stage.Id;

        var result = await service.MoveAsync(card.Id, proposal, card.Version);

        result.Outcome.Should().Be(MoveOutcome.Moved, result.Message);
        (await service.HistoryAsync(card.Id))[^1].ToStage.Should().Be("Proposal");
    }

    [Fact]
    public async Task A_card_dropped_before_another_lands_right_before_it()
    {
        await using var scope = _host.Scope(_northwind, _rep);
        var service = scope.ServiceProvider.GetRequiredService<PipelineService>();
        var stages = await service.StagesAsync();
        var a = await NewDealAsync(service, stages[4].Id, 1m, "Rank A");
        var b = await NewDealAsync(service, stages[4].Id, 2m, "Rank B");
        var c = await NewDealAsync(service, stages[0].Id, 3m, "Rank C");

        (await service.MoveAsync(c, stages[4].Id, (await service.GetDealAsync(c))!.Card.Version, beforeDealId: b)).Outcome.Should().Be(MoveOutcome.Moved);
        (await service.MoveAsync(b, stages[4].Id, (await service.GetDealAsync(b))!.Card.Version, beforeDealId: a)).Outcome.Should().Be(MoveOutcome.Moved);

        var column = (await service.LoadBoardAsync(new BoardFilter { CardsPerColumn = 1000 })).Columns.Single(col => col.Stage.Id == stages[4].Id);
        column.Cards.Select(card => card.Title).Where(t => t.StartsWith("Rank ", StringComparison.Ordinal)).Should().Equal("Rank B", "Rank A", "Rank C");
    }

    [Fact]
    public async Task Invalid_input_is_refused_with_a_message_per_field()
    {
        await using var scope = _host.Scope(_northwind, _rep);
        var service = scope.ServiceProvider.GetRequiredService<PipelineService>();
        var globexCompany = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == _globex).Select(c => c.Id).FirstAsync());

        var result = await service.SaveDealAsync(null, new DealInput
        {
            CompanyId = globexCompany, Title = " ", OwnerId = _globexRep, StageId = Guid.NewGuid(), Amount = -5, Currency = "euro",
        });

        result.Outcome.Should().Be(SaveOutcome.Invalid);
        result.Errors.Should().ContainKeys("CompanyId", "Title", "OwnerId", "StageId", "Amount", "Currency", "ExpectedCloseDate");
        result.Errors!["CompanyId"].Should().Be("That account is not in your workspace.");
        result.Errors["OwnerId"].Should().Be("That person is not an active member of your workspace.");
    }

    [Fact]
    public async Task Another_tenants_deals_cannot_be_seen_moved_or_edited()
    {
        Guid northwindDeal;
        Guid version;
        await using (var scope = _host.Scope(_northwind, _rep))
        {
            var service = scope.ServiceProvider.GetRequiredService<PipelineService>();
            northwindDeal = await NewDealAsync(service, (await service.StagesAsync())[0].Id, 99m, "Northwind secret deal");
            version = (await service.GetDealAsync(northwindDeal))!.Card.Version;
        }

        await using (var scope = _host.Scope(_globex, _globexRep))
        {
            var service = scope.ServiceProvider.GetRequiredService<PipelineService>();
            var globexStages = await service.StagesAsync();
            (await service.GetDealAsync(northwindDeal)).Should().BeNull();
            (await service.MoveAsync(northwindDeal, globexStages[1].Id, version)).Outcome.Should().Be(MoveOutcome.NotFound);
            (await service.HistoryAsync(northwindDeal)).Should().BeEmpty();
            var board = await service.LoadBoardAsync(new BoardFilter { ClosedWithinDays = 3650, CardsPerColumn = 1000 });
            board.Columns.SelectMany(c => c.Cards).Should().NotContain(c => c.Title == "Northwind secret deal");
            board.Columns.SelectMany(c => c.Totals).Should().OnlyContain(t => t.Currency == "USD");
            var globexTotal = await _host.AsSystemAsync(db => db.Deals.IgnoreQueryFilters().CountAsync(d => d.TenantId == _globex));
            board.Columns.Sum(c => c.Count).Should().Be(globexTotal);
            (await service.QueryAsync(new DealQuery(DealSet.Open) { Take = 10_000 })).Should().NotContain(c => c.Id == northwindDeal);
        }

        await using (var scope = _host.Scope(_northwind, _rep))
        {
            var service = scope.ServiceProvider.GetRequiredService<PipelineService>();
            var northwindStages = await service.StagesAsync();
            // A Northwind user cannot move its deal into a Globex stage either.
            var globexStage = await _host.AsSystemAsync(db => db.Stages.IgnoreQueryFilters().Where(s => s.TenantId == _globex).Select(s => s.Id).FirstAsync());
            (await service.MoveAsync(northwindDeal, globexStage, version)).Outcome.Should().Be(MoveOutcome.Invalid);
            (await service.GetDealAsync(northwindDeal))!.Card.StageId.Should().Be(northwindStages[0].Id);
        }
    }

    [Fact]
    public async Task Moves_are_published_to_the_same_tenant_only()
    {
        var bus = _host.Services.GetRequiredService<IEventBus>();
        var northwindSeen = new TaskCompletionSource<DealChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        var globexSeen = 0;
        using var a = bus.Subscribe<DealChanged>(_northwind, e => { northwindSeen.TrySetResult(e); return Task.CompletedTask; });
        using var b = bus.Subscribe<DealChanged>(_globex, _ => { Interlocked.Increment(ref globexSeen); return Task.CompletedTask; });

        await using var scope = _host.Scope(_northwind, _rep);
        var service = scope.ServiceProvider.GetRequiredService<PipelineService>();
        var stages = await service.StagesAsync();
        var deal = await NewDealAsync(service, stages[0].Id, 10m);
        var seen = await northwindSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));

        seen.DealId.Should().Be(deal);
        seen.ByUserId.Should().Be(_rep);
        await Task.Delay(200);
        globexSeen.Should().Be(0);
    }

    [Fact]
    public async Task A_tenant_created_later_gets_the_default_stages_on_first_use()
    {
        var tenant = await _host.AsSystemAsync(async db =>
        {
            var t = new Tenant("Initech", "initech", DateTime.UtcNow);
            db.Tenants.Add(t);
            await db.SaveChangesAsync();
            return t.Id;
        });

        await using var scope = _host.Scope(tenant);
        var service = scope.ServiceProvider.GetRequiredService<PipelineService>();
        var board = await service.LoadBoardAsync(new BoardFilter());

        board.Columns.Select(c => c.Stage.Name).Should().Equal(StageDefaults.All.Select(s => s.Name));
        board.Columns.Should().OnlyContain(c => c.Count == 0);
        (await service.SettingsAsync()).Framework.Should().Be(QualificationFramework.Bant);
        (await service.StagesAsync()).Should().HaveCount(7, "defaults are added once");
    }

    private async Task<Guid> NewDealAsync(PipelineService service, Guid stageId, decimal amount, string title = "Test deal", int? probability = null)
    {
        var company = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == _northwind).Select(c => c.Id).FirstAsync());
        var result = await service.SaveDealAsync(null, new DealInput
        {
            CompanyId = company,
            Title = title,
            OwnerId = _rep,
            StageId = stageId,
            Amount = amount,
            Currency = "GBP",
            ExpectedCloseDate = DateTime.UtcNow.Date.AddDays(30),
            ProbabilityOverride = probability,
        });
        result.Outcome.Should().Be(SaveOutcome.Saved, string.Join("; ", result.Errors?.Values ?? []));
        return result.DealId!.Value;
    }
}
