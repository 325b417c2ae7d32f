using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Application;
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

        result.Succeeded.Should().BeTrue();
        result.Value.Should().NotBe(before.Card.Version).And.Be((await service.GetDealAsync(deal))!.Card.Version, "a move answers with the deal's new version");
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
        v = (await service.MoveAsync(deal, stages[2].Id, v)).Value;
        (await service.GetDealAsync(deal))!.Card.Probability.Should().Be(35, "the override stays while the deal is open");

        (await service.MoveAsync(deal, stages.Single(s => s.Kind == StageKind.Won).Id, v, closeReason: "Signed")).Succeeded.Should().BeTrue();
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

        (await service.MoveAsync(deal, stages[1].Id, seenByBoth)).Succeeded.Should().BeTrue();
        var second = await service.MoveAsync(deal, stages[3].Id, seenByBoth);

        second.Kind.Should().Be(ErrorKind.Conflict);
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
            return (await scope.ServiceProvider.GetRequiredService<PipelineService>().MoveAsync(deal, stages[1 + (i % 4)].Id, version)).Kind;
        }));

        outcomes.Count(o => o == ErrorKind.None).Should().Be(1);
        outcomes.Count(o => o == ErrorKind.Conflict).Should().Be(5);
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

        result.Succeeded.Should().BeTrue(result.Message);
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

        (await service.MoveAsync(c, stages[4].Id, (await service.GetDealAsync(c))!.Card.Version, beforeDealId: b)).Succeeded.Should().BeTrue();
        (await service.MoveAsync(b, stages[4].Id, (await service.GetDealAsync(b))!.Card.Version, beforeDealId: a)).Succeeded.Should().BeTrue();

        var column = (await service.LoadBoardAsync(new BoardFilter { CardsPerColumn = 1000 })).Columns.Single(col => col.Stage.Id == stages[4].Id);
        column.Cards.Select(card => card.Title).Where(t => t.StartsWith("Rank ", StringComparison.Ordinal)).Should().Equal("Rank B", "Rank A", "Rank C");
    }

    [Fact]
    public async Task A_card_dropped_onto_a_card_below_it_takes_its_place_and_tied_ranks_are_spread_out_first()
    {
        await using var scope = _host.Scope(_northwind, _rep);
        var service = scope.ServiceProvider.GetRequiredService<PipelineService>();
        var stages = await service.StagesAsync();
        var stage = stages[4].Id;
        var ids = new List<Guid>();
        foreach (var title in new[] { "Order 1", "Order 2", "Order 3", "Order 4" })
        {
            ids.Add(await NewDealAsync(service, stage, 1m, title));
        }

        // Order 1 dropped onto Order 3 (below it): after Order 3.
        var moved = await service.MoveAsync(ids[0], stage, (await service.GetDealAsync(ids[0]))!.Card.Version, ids[2], CardPlacement.After);
        moved.Succeeded.Should().BeTrue();
        (await TitlesAsync(service, stage)).Should().Equal("Order 2", "Order 3", "Order 1", "Order 4");

        // Everything tied on one rank (as after many drops into one gap): the column is renumbered in its shown order, then placed.
        await _host.AsSystemAsync(db => db.Deals.IgnoreQueryFilters().Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(u => u.SetProperty(d => d.BoardRank, 5.0)));
        var order = await TitlesAsync(service, stage); // ties show by creation: 1, 2, 3, 4
        order.Should().Equal("Order 1", "Order 2", "Order 3", "Order 4");
        var versionOf2 = (await service.GetDealAsync(ids[1]))!.Card.Version;
        moved = await service.MoveAsync(ids[3], stage, (await service.GetDealAsync(ids[3]))!.Card.Version, ids[1], CardPlacement.Before);
        moved.Succeeded.Should().BeTrue();
        (await TitlesAsync(service, stage)).Should().Equal("Order 1", "Order 4", "Order 2", "Order 3");
        var ranks = await _host.AsSystemAsync(db => db.Deals.IgnoreQueryFilters().Where(d => ids.Contains(d.Id)).Select(d => d.BoardRank).ToListAsync());
        ranks.Should().OnlyHaveUniqueItems();
        (await service.GetDealAsync(ids[1]))!.Card.Version.Should().Be(versionOf2, "renumbering is no edit: nobody's open form conflicts");
    }

    [Fact]
    public async Task Cards_carry_the_account_tier_and_the_users_unread_alerts_and_the_board_filters_by_tier()
    {
        var (tierA, others) = await _host.AsSystemAsync(async db =>
        {
            var companies = await db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == _northwind).OrderBy(c => c.Name).ToListAsync();
            companies[0].SetTier(PartnerForge.Domain.Accounts.AccountTier.A, DateTime.UtcNow);
            foreach (var c in companies.Skip(1))
            {
                c.SetTier(PartnerForge.Domain.Accounts.AccountTier.B, DateTime.UtcNow);
            }

            AddAlert(db, companies[0], _rep, read: false);
            AddAlert(db, companies[1], _rep, read: true);
            AddAlert(db, companies[1], _manager, read: false);
            await db.SaveChangesAsync();
            return (companies[0].Id, companies.Skip(1).Select(c => c.Id).ToList());
        });

        await using var repScope = _host.Scope(_northwind, _rep);
        var board = await repScope.ServiceProvider.GetRequiredService<PipelineService>().LoadBoardAsync(new BoardFilter { ClosedWithinDays = 3650, CardsPerColumn = 1000 });
        var cards = board.Columns.SelectMany(c => c.Cards).ToList();
        cards.Where(c => c.CompanyId == tierA).Should().NotBeEmpty().And.OnlyContain(c => c.Tier == PartnerForge.Domain.Accounts.AccountTier.A && c.HasUnreadAlert);
        cards.Where(c => c.CompanyId != tierA).Should().OnlyContain(c => c.Tier == PartnerForge.Domain.Accounts.AccountTier.B && !c.HasUnreadAlert,
            "the rep's alert on the second account is read, and the manager's unread one is not the rep's");

        var filtered = await repScope.ServiceProvider.GetRequiredService<PipelineService>().LoadBoardAsync(new BoardFilter { ClosedWithinDays = 3650, CardsPerColumn = 1000, Tier = PartnerForge.Domain.Accounts.AccountTier.A });
        var expected = await _host.AsSystemAsync(db => db.Deals.IgnoreQueryFilters().CountAsync(d => d.CompanyId == tierA));
        filtered.Columns.Sum(c => c.Count).Should().Be(expected);
        filtered.Columns.SelectMany(c => c.Cards).Should().OnlyContain(c => c.CompanyId == tierA);

        await using var managerScope = _host.Scope(_northwind, _manager);
        var managers = await managerScope.ServiceProvider.GetRequiredService<PipelineService>().LoadBoardAsync(new BoardFilter { ClosedWithinDays = 3650, CardsPerColumn = 1000 });
        managers.Columns.SelectMany(c => c.Cards).Where(c => c.HasUnreadAlert).Select(c => c.CompanyId).Distinct().Should().Equal(others[0]);
    }

    [Fact]
    public async Task The_account_picker_finds_accounts_by_name_or_domain_prefix_in_the_own_workspace_only()
    {
        await using var scope = _host.Scope(_northwind, _rep);
        var accounts = scope.ServiceProvider.GetRequiredService<PartnerForge.Infrastructure.Accounts.AccountQueries>();
        var (name, domain, globexName) = await _host.AsSystemAsync(async db =>
        {
            var c = await db.Companies.IgnoreQueryFilters().Where(x => x.TenantId == _northwind).OrderBy(x => x.Name).FirstAsync();
            var g = await db.Companies.IgnoreQueryFilters().Where(x => x.TenantId == _globex).OrderBy(x => x.Name).FirstAsync();
            return (c.Name, c.Domain, g.Name);
        });

        (await accounts.SearchChoicesAsync(name[..3].ToUpperInvariant())).Select(c => c.Name).Should().Contain(name);
        (await accounts.SearchChoicesAsync(domain[..4])).Select(c => c.Name).Should().Contain(name);
        (await accounts.SearchChoicesAsync(globexName)).Should().NotContain(c => c.Name == globexName);
        (await accounts.SearchChoicesAsync("zzzz-no-such-account")).Should().BeEmpty();
        (await accounts.SearchChoicesAsync(null, 3)).Should().HaveCount(3);
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

        result.Kind.Should().Be(ErrorKind.Validation);
        result.Errors.Should().ContainKeys("CompanyId", "Title", "OwnerId", "StageId", "Amount", "Currency", "ExpectedCloseDate");
        result.FieldMessages()["CompanyId"].Should().Be("That account is not in your workspace.");
        result.FieldMessages()["OwnerId"].Should().Be("That person is not an active member of your workspace.");
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
            (await service.MoveAsync(northwindDeal, globexStages[1].Id, version)).Kind.Should().Be(ErrorKind.NotFound);
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
            var intoGlobex = await service.MoveAsync(northwindDeal, globexStage, version);
            intoGlobex.Kind.Should().Be(ErrorKind.Validation);
            intoGlobex.FieldMessages().Should().Equal(new Dictionary<string, string> { ["StageId"] = "That stage does not exist." });
            intoGlobex.Describe().Should().Be("That stage does not exist.", "the board shows this line");
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

    private static async Task<List<string>> TitlesAsync(PipelineService service, Guid stageId) =>
        (await service.LoadBoardAsync(new BoardFilter { CardsPerColumn = 1000 })).Columns.Single(c => c.Stage.Id == stageId).Cards
            .Select(c => c.Title).Where(t => t.StartsWith("Order ", StringComparison.Ordinal)).ToList();

    private static void AddAlert(PartnerForge.Infrastructure.Persistence.PartnerForgeDbContext db, PartnerForge.Domain.Accounts.Company company, Guid user, bool read)
    {
        var change = new PartnerForge.Domain.Changes.ChangeEvent(company.Id, Guid.NewGuid(), null,
            new PartnerForge.Domain.Changes.DetectedChange("M07", $"trigger.funding[{Guid.NewGuid():N}]", PartnerForge.Domain.Changes.ChangeKind.Added, null, "Raises $30M", 85, "funding-round", null), DateTime.UtcNow);
        change.StampTenant(company.TenantId);
        var alert = new PartnerForge.Domain.Changes.Alert(user, Guid.NewGuid(), change, company.Name, DateTime.UtcNow);
        alert.StampTenant(company.TenantId);
        if (read)
        {
            alert.MarkRead(DateTime.UtcNow);
        }

        db.ChangeEvents.Add(change);
        db.Alerts.Add(alert);
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
        result.Succeeded.Should().BeTrue(result.Describe());
        return result.Value!.DealId;
    }
}
