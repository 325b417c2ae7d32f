using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Pipeline;
using PartnerForge.Web.Components.Pages.Pipeline;

namespace PartnerForge.Tests.Web.Components.Pipeline;

/// <summary>The board's column rules: where a drop or an Alt+arrow key puts a card, and which of them change nothing.</summary>
public sealed class BoardMovesTests
{
    private static readonly Guid Prospect = Guid.NewGuid();
    private static readonly Guid Won = Guid.NewGuid();
    private static readonly Guid Lost = Guid.NewGuid();

    private static DealCard Card(string title, Guid stage) =>
        new(Guid.NewGuid(), title, Guid.NewGuid(), "Acme", Guid.NewGuid(), "Riley Rep", stage, 100, "GBP", DateTime.UtcNow, 10, 0, Guid.NewGuid(), null, null);

    private static readonly DealCard A = Card("A", Prospect), B = Card("B", Prospect), C = Card("C", Prospect), D = Card("D", Prospect);
    private static readonly DealCard W = Card("W", Won);
    private static readonly IReadOnlyList<DealCard> Column = [A, B, C, D];

    [Fact]
    public void A_card_dropped_further_down_its_column_goes_after_the_card_it_was_dropped_onto()
    {
        // The zone reports the card's final position: onto C (index 2) moving down, A ends at index 2.
        var move = BoardMoves.Drop(Column, A, Prospect, 2, lastEntered: C.Id);

        move.Should().Be(new BoardMove(A, Prospect, C.Id, CardPlacement.After));
        BoardMoves.Apply(new Dictionary<Guid, List<DealCard>> { [Prospect] = [.. Column] }, move!)[Prospect].Select(c => c.Title)
            .Should().Equal("B", "C", "A", "D");
    }

    [Fact]
    public void A_card_dropped_at_the_top_of_another_column_goes_before_its_first_card_and_into_an_empty_one_at_its_end()
    {
        BoardMoves.Drop([W], C, Won, 0).Should().Be(new BoardMove(C, Won, W.Id, CardPlacement.Before));
        BoardMoves.Drop([W], C, Won, 1).Should().Be(new BoardMove(C, Won, W.Id, CardPlacement.After));
        BoardMoves.Drop([], C, Lost, 0).Should().Be(new BoardMove(C, Lost, null, CardPlacement.After));
        BoardMoves.Drop([W], C, Won, -1).Should().Be(new BoardMove(C, Won, W.Id, CardPlacement.After), "no index: the end of the column");
    }

    [Fact]
    public void A_card_dropped_where_it_already_is_or_back_onto_itself_is_no_move()
    {
        BoardMoves.Drop(Column, B, Prospect, 1).Should().BeNull();
        // Dropped back onto itself the zone says "its index plus one", as for a drop onto the next card down...
        BoardMoves.Drop(Column, B, Prospect, 2, lastEntered: B.Id).Should().BeNull();
        // ...which, dropped onto that next card, is a real move.
        BoardMoves.Drop(Column, B, Prospect, 2, lastEntered: C.Id).Should().Be(new BoardMove(B, Prospect, C.Id, CardPlacement.After));
        BoardMoves.Drop(Column, D, Prospect, 99).Should().BeNull("past the end of its own column the last card stays last");
    }

    [Fact]
    public void Alt_arrows_move_a_card_within_its_column_and_to_the_end_of_the_next_one_but_not_past_the_edges()
    {
        var stage = (Guid id, string name, StageKind kind) => new BoardColumn(new StageInfo(id, name, 0, 10, kind), 0, [], []);
        IReadOnlyList<BoardColumn> board = [stage(Prospect, "Prospect", StageKind.Open), stage(Won, "Won", StageKind.Won), stage(Lost, "Lost", StageKind.Lost)];

        BoardMoves.Key("ArrowUp", board, Column, B).Should().Be(new BoardMove(B, Prospect, A.Id, CardPlacement.Before));
        BoardMoves.Key("ArrowDown", board, Column, B).Should().Be(new BoardMove(B, Prospect, C.Id, CardPlacement.After));
        BoardMoves.Key("ArrowRight", board, Column, B).Should().Be(new BoardMove(B, Won, null, CardPlacement.After));
        BoardMoves.Key("ArrowUp", board, Column, A).Should().BeNull("the top card cannot go higher");
        BoardMoves.Key("ArrowDown", board, Column, D).Should().BeNull();
        BoardMoves.Key("ArrowLeft", board, Column, A).Should().BeNull("Prospect is the first column");
        BoardMoves.Key("ArrowRight", board, [W], W).Should().Be(new BoardMove(W, Lost, null, CardPlacement.After));
        BoardMoves.Key("Enter", board, Column, A).Should().BeNull();
    }
}
