using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Pipeline;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Pipeline;

/// <summary>
/// The board, moves (concurrency, reordering with the one raw SQL statement that renumbers a column), tier
/// filter, stage administration and the account picker on a real PostgreSQL, as scaled-out nodes run them.
/// The dashboard's figures run on PostgreSQL in <see cref="DashboardServicePostgresTests"/>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PipelinePostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task Board_moves_conflicts_reordering_tiers_stage_admin_and_search_work_on_postgresql()
    {
        await using var host = await InfrastructureHost.StartAsync(postgres: await postgres.CreateDatabaseAsync("pf_pipe"));
        var (northwind, globex, rep, admin) = await host.AsSystemAsync(async db =>
        {
            var users = await db.Users.IgnoreQueryFilters().ToDictionaryAsync(u => u.Email);
            return (users["rep@northwind.test"].TenantId, users["rep@globex.test"].TenantId, users["rep@northwind.test"].Id, users["admin@northwind.test"].Id);
        });

        await using var scope = host.Scope(northwind, rep);
        var pipeline = scope.ServiceProvider.GetRequiredService<PipelineService>();

        // Board load: every Northwind deal counted, none of Globex's.
        var board = await pipeline.LoadBoardAsync(new BoardFilter { ClosedWithinDays = 3650, CardsPerColumn = 1000 });
        var total = await host.AsSystemAsync(db => db.Deals.IgnoreQueryFilters().CountAsync(d => d.TenantId == northwind));
        board.Columns.Sum(c => c.Count).Should().Be(total);
        board.Columns.SelectMany(c => c.Totals).Should().OnlyContain(t => t.Currency == "GBP");
        foreach (var col in board.Columns)
        {
            col.Totals.Sum(t => t.Amount).Should().Be(col.Cards.Sum(c => c.Amount));
        }

        // A move on a stale version: the first wins, the second is refused and changes nothing.
        var stages = await pipeline.StagesAsync();
        var card = board.Columns[0].Cards[0];
        (await pipeline.MoveAsync(card.Id, stages[2].Id, card.Version)).Succeeded.Should().BeTrue();
        var stale = await pipeline.MoveAsync(card.Id, stages[3].Id, card.Version);
        stale.Kind.Should().Be(ErrorKind.Conflict);
        (await pipeline.GetDealAsync(card.Id))!.Card.StageId.Should().Be(stages[2].Id);

        // Reordering within a column after its ranks tied: renumbered (raw UPDATE ... FROM with ROW_NUMBER), then placed.
        var column = (await pipeline.LoadBoardAsync(new BoardFilter { CardsPerColumn = 1000 })).Columns.Single(c => c.Stage.Id == stages[2].Id).Cards.Select(c => c.Id).ToList();
        column.Should().HaveCountGreaterThanOrEqualTo(3);
        await host.AsSystemAsync(db => db.Deals.IgnoreQueryFilters().Where(d => column.Contains(d.Id)).ExecuteUpdateAsync(u => u.SetProperty(d => d.BoardRank, 7.0)));
        var tiedOrder = (await pipeline.LoadBoardAsync(new BoardFilter { CardsPerColumn = 1000 })).Columns.Single(c => c.Stage.Id == stages[2].Id).Cards.Select(c => c.Id).ToList();
        var first = tiedOrder[0];
        (await pipeline.MoveAsync(first, stages[2].Id, (await pipeline.GetDealAsync(first))!.Card.Version, tiedOrder[2], CardPlacement.After)).Succeeded.Should().BeTrue();
        var after = (await pipeline.LoadBoardAsync(new BoardFilter { CardsPerColumn = 1000 })).Columns.Single(c => c.Stage.Id == stages[2].Id).Cards.Select(c => c.Id).ToList();
        after.Should().Equal(new[] { tiedOrder[1], tiedOrder[2], first }.Concat(tiedOrder.Skip(3)));

        // Tier filter and the card's tier.
        var company = card.CompanyId;
        await host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Id == company).ExecuteUpdateAsync(u => u.SetProperty(c => c.Tier, AccountTier.A)));
        var tierA = await pipeline.LoadBoardAsync(new BoardFilter { ClosedWithinDays = 3650, CardsPerColumn = 1000, Tier = AccountTier.A });
        tierA.Columns.Sum(c => c.Count).Should().Be(await host.AsSystemAsync(db => db.Deals.IgnoreQueryFilters().CountAsync(d => d.CompanyId == company)));
        tierA.Columns.SelectMany(c => c.Cards).Should().OnlyContain(c => c.CompanyId == company && c.Tier == AccountTier.A);

        // The account picker's prefix search.
        var name = await host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Id == company).Select(c => c.Name).SingleAsync());
        (await scope.ServiceProvider.GetRequiredService<AccountQueries>().SearchChoicesAsync(name[..4].ToLowerInvariant())).Should().Contain(c => c.Id == company);

        // Stage administration: reorder (furthest-stage markers follow), refuse deleting a stage with deals.
        await using var adminScope = host.Scope(northwind, admin);
        var stageAdmin = adminScope.ServiceProvider.GetRequiredService<PipelineAdministration>();
        var discovery = (await stageAdmin.StagesAsync()).Single(s => s.Name == "Discovery");
        var furthestBefore = await host.AsSystemAsync(db => db.Deals.IgnoreQueryFilters().CountAsync(d => d.TenantId == northwind && d.FurthestPosition == discovery.Position));
        (await stageAdmin.MoveStageAsync(discovery.Id, -1)).Succeeded.Should().BeTrue();
        var moved = (await stageAdmin.StagesAsync()).Single(s => s.Id == discovery.Id);
        moved.Position.Should().Be(discovery.Position - 1);
        (await host.AsSystemAsync(db => db.Deals.IgnoreQueryFilters().CountAsync(d => d.TenantId == northwind && d.FurthestPosition == moved.Position))).Should().Be(furthestBefore);
        (await stageAdmin.DeleteStageAsync(discovery.Id)).Describe().Should().Contain("still has");

        // Globex sees none of it.
        await using var globexScope = host.Scope(globex, await host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == "rep@globex.test").Select(u => u.Id).SingleAsync()));
        (await globexScope.ServiceProvider.GetRequiredService<PipelineService>().GetDealAsync(card.Id)).Should().BeNull();
    }
}
