using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Pipeline;
using PartnerForge.Tests.Support;
using PipelinePage = PartnerForge.Web.Components.Pages.Pipeline.Pipeline;
using PartnerForge.Web.Components.Pages.Pipeline;

namespace PartnerForge.Tests.Web.Components.Pipeline;

/// <summary>The pipeline page over the real pipeline service and event bus on SQLite, as the demo rep.</summary>
public sealed class PipelineBoardTests : DatabaseComponentTest
{
    private IRenderedComponent<PipelinePage> RenderBoard(string url = "/pipeline")
    {
        RenderInteractively();
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        Render<MudPopoverProvider>();
        var cut = Render<PipelinePage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=deal-card]").Should().NotBeEmpty());
        return cut;
    }

    private Task<string> StageOfAsync(Guid dealId) =>
        QueryAsync(db => db.Deals.Where(d => d.Id == dealId).Join(db.Stages, d => d.StageId, s => s.Id, (_, s) => s.Name).SingleAsync());

    [Fact]
    public void Every_stage_is_a_drop_zone_named_after_it_won_and_lost_included_holding_draggable_cards()
    {
        var cut = RenderBoard();

        cut.FindAll(".mud-drop-zone").Select(z => z.Id).Should().Equal(
            "zone-Prospect", "zone-Qualified", "zone-Discovery", "zone-Proposal", "zone-Negotiation", "zone-Won", "zone-Lost");
        cut.FindAll("div.mud-drop-item[draggable=true] [data-testid=deal-card]").Should().HaveCount(cut.FindAll("[data-testid=deal-card]").Count);
        cut.Find("#zone-Prospect").QuerySelectorAll("[data-testid=deal-card]").Should().HaveCount(
            int.Parse(cut.Find("[data-testid='column-Prospect'] [data-testid=column-count]").TextContent, System.Globalization.CultureInfo.InvariantCulture));
        cut.FindAll("[data-testid=deal-card]").Should().OnlyContain(c => c.Id == "card-" + c.GetAttribute("data-deal"));
    }

    [Fact]
    public async Task A_move_of_a_card_someone_changed_meanwhile_is_refused_with_a_clear_message_and_the_board_shows_the_database()
    {
        var cut = RenderBoard();
        var board = cut.FindComponent<PipelineBoard>().Instance;
        var card = board.Columns.Values.SelectMany(c => c).First(c => board.Board.Columns[0].Stage.Id == c.StageId);
        var won = board.Board.Columns.Single(c => c.Stage.Name == "Won").Stage.Id;
        await QueryAsync(db => db.Deals.Where(d => d.Id == card.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.Version, Guid.NewGuid())));

        await cut.InvokeAsync(() => board.OnMove.InvokeAsync(new BoardMove(card, won, null, CardPlacement.After)));

        cut.WaitForAssertion(() => cut.Find("[data-testid=board-message]").TextContent.Should().Contain("Someone else changed this deal a moment ago"));
        cut.Find("#zone-Prospect").QuerySelectorAll($"[data-deal='{card.Id}']").Should().ContainSingle("the refused move is undone on screen");
        cut.Find("#zone-Won").QuerySelectorAll($"[data-deal='{card.Id}']").Should().BeEmpty();
        (await StageOfAsync(card.Id)).Should().Be("Prospect");
    }

    [Fact]
    public async Task Alt_and_the_right_arrow_move_a_card_to_the_next_stage_through_the_service_and_other_boards_hear_of_it()
    {
        var cut = RenderBoard();
        var bus = Scoped.GetRequiredService<IEventBus>();
        var heard = new List<DealChanged>();
        using var subscription = bus.Subscribe<DealChanged>(TenantId, e => { lock (heard) { heard.Add(e); } return Task.CompletedTask; });
        var card = cut.Find("#zone-Prospect [data-testid=deal-card]");
        var dealId = Guid.Parse(card.GetAttribute("data-deal")!);

        await card.KeyDownAsync(new KeyboardEventArgs { Key = "ArrowRight", AltKey = true });

        cut.WaitForAssertion(() => cut.Find("#zone-Qualified").QuerySelectorAll($"[data-deal='{dealId}']").Should().ContainSingle());
        (await StageOfAsync(dealId)).Should().Be("Qualified");
        lock (heard)
        {
            heard.Should().ContainSingle(e => e.DealId == dealId && e.Kind == DealChangeKind.Moved);
        }
    }

    [Fact]
    public async Task The_tier_filter_comes_from_the_url_and_a_change_elsewhere_reloads_the_board_live()
    {
        // One account of tier A, the rest of tier C.
        var deal = await QueryAsync(db => db.Deals.Where(d => d.ClosedAtUtc == null).OrderBy(d => d.Title).FirstAsync());
        await QueryAsync(db => db.Companies.ExecuteUpdateAsync(u => u.SetProperty(c => c.Tier, c => c.Id == deal.CompanyId ? PartnerForge.Domain.Accounts.AccountTier.A : PartnerForge.Domain.Accounts.AccountTier.C)));
        var expected = await QueryAsync(db => db.Deals.CountAsync(d => d.CompanyId == deal.CompanyId && (d.ClosedAtUtc == null || d.ClosedAtUtc >= DateTime.UtcNow.AddDays(-30))));
        var cut = RenderBoard("/pipeline?tier=A");

        cut.FindAll("[data-testid=card-tier]").Select(t => t.TextContent.Trim()).Should().HaveCount(expected).And.OnlyContain(t => t == "A");
        cut.Find("[data-testid=filter-clear]").Should().NotBeNull("a filtered board offers to clear its filters");
        var shown = cut.FindAll("[data-testid=deal-card]").Count;

        // Someone else closes one of these deals as lost: the board hears of it and reloads.
        var lost = await QueryAsync(db => db.Stages.Where(s => s.Kind == StageKind.Lost).Select(s => s.Id).SingleAsync());
        await Scoped.GetRequiredService<PipelineService>().MoveAsync(deal.Id, lost, deal.Version);

        cut.WaitForAssertion(() => cut.Find("#zone-Lost").QuerySelectorAll($"[data-deal='{deal.Id}']").Should().ContainSingle(), TimeSpan.FromSeconds(10));
        cut.FindAll("[data-testid=deal-card]").Should().HaveCount(shown);

        await cut.Find("[data-testid=filter-clear]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Services.GetRequiredService<NavigationManager>().Uri.Should().Be("http://localhost/pipeline"));
    }
}
