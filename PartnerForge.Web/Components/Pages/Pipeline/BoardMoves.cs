using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Pipeline;

namespace PartnerForge.Web.Components.Pages.Pipeline;

/// <summary>Where a moved card lands: before or after <see cref="TargetId"/>, or at the end of the column (no target).</summary>
public sealed record BoardMove(DealCard Card, Guid ToStageId, Guid? TargetId, CardPlacement Placement);

/// <summary>
/// The board's column rules, kept apart from the markup so they can be tested: where a drop or a key press
/// puts a card, and which of them change nothing (no call to the service, no "moved" event for others).
/// </summary>
public static class BoardMoves
{
    /// <summary>
    /// A card dropped into <paramref name="toStageId"/>'s column at <paramref name="indexInZone"/> (its position in
    /// the column once it is there; negative: the end). <paramref name="column"/> is that column as the user saw it.
    /// Null when the card would stay where it is. The drop container counts a card dropped back onto itself as
    /// "after itself" (its own index plus one, as a drop onto the next card further down): <paramref name="lastEntered"/>,
    /// the card the pointer entered last, tells the two apart.
    /// </summary>
    public static BoardMove? Drop(IReadOnlyList<DealCard> column, DealCard card, Guid toStageId, int indexInZone, Guid? lastEntered = null)
    {
        var others = column.Where(c => c.Id != card.Id).ToList();
        var index = indexInZone < 0 ? others.Count : Math.Min(indexInZone, others.Count);
        var from = card.StageId == toStageId ? IndexOf(column, card.Id) : -1;
        if (from >= 0 && (from == index || (lastEntered == card.Id && indexInZone == from + 1)))
        {
            return null;
        }

        if (others.Count == 0)
        {
            return new BoardMove(card, toStageId, null, CardPlacement.After);
        }

        return index == 0
            ? new BoardMove(card, toStageId, others[0].Id, CardPlacement.Before)
            : new BoardMove(card, toStageId, others[index - 1].Id, CardPlacement.After);
    }

    /// <summary>
    /// Alt+arrow on a focused card: up and down within its column, left and right to the end of the next column.
    /// Null for any other key or where there is no room (top, bottom, first or last column).
    /// </summary>
    public static BoardMove? Key(string key, IReadOnlyList<BoardColumn> columns, IReadOnlyList<DealCard> column, DealCard card)
    {
        var at = IndexOf(column, card.Id);
        var stageIndex = columns.ToList().FindIndex(c => c.Stage.Id == card.StageId);
        return key switch
        {
            "ArrowUp" when at > 0 => new BoardMove(card, card.StageId, column[at - 1].Id, CardPlacement.Before),
            "ArrowDown" when at >= 0 && at < column.Count - 1 => new BoardMove(card, card.StageId, column[at + 1].Id, CardPlacement.After),
            "ArrowLeft" when stageIndex > 0 => new BoardMove(card, columns[stageIndex - 1].Stage.Id, null, CardPlacement.After),
            "ArrowRight" when stageIndex >= 0 && stageIndex < columns.Count - 1 => new BoardMove(card, columns[stageIndex + 1].Stage.Id, null, CardPlacement.After),
            _ => null,
        };
    }

    /// <summary>The board as the user sees it once <paramref name="move"/> is made (shown at once, before the database answers).</summary>
    public static Dictionary<Guid, List<DealCard>> Apply(IReadOnlyDictionary<Guid, List<DealCard>> columns, BoardMove move)
    {
        var result = columns.ToDictionary(c => c.Key, c => c.Value.Where(d => d.Id != move.Card.Id).ToList());
        if (!result.TryGetValue(move.ToStageId, out var target))
        {
            return result;
        }

        var index = move.TargetId is { } id ? target.FindIndex(c => c.Id == id) : -1;
        index = index < 0 ? target.Count : index + (move.Placement == CardPlacement.After ? 1 : 0);
        target.Insert(index, move.Card with { StageId = move.ToStageId });
        return result;
    }

    private static int IndexOf(IReadOnlyList<DealCard> column, Guid id)
    {
        for (var i = 0; i < column.Count; i++)
        {
            if (column[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}
