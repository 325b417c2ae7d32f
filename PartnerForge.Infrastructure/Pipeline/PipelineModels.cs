using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Pipeline;

namespace PartnerForge.Infrastructure.Pipeline;

public sealed record StageInfo(Guid Id, string Name, int Position, int DefaultProbability, StageKind Kind);

public sealed record DealCard(
    Guid Id,
    string Title,
    Guid CompanyId,
    string CompanyName,
    Guid OwnerId,
    string OwnerName,
    Guid StageId,
    long AmountMinor,
    string Currency,
    DateTime ExpectedCloseDate,
    int Probability,
    double BoardRank,
    Guid Version,
    DateTime? ClosedAtUtc,
    bool? Won)
{
    public decimal Amount => Money.FromMinor(AmountMinor);

    /// <summary>The account's tier (A–D), if it has one.</summary>
    public AccountTier? Tier { get; init; }

    /// <summary>The signed-in user has an unread alert on the account (set by the board).</summary>
    public bool HasUnreadAlert { get; init; }

    public string OwnerInitials =>
        string.Concat(OwnerName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(p => char.ToUpperInvariant(p[0])));
}

/// <summary>Money in one currency (a column can hold deals in several).</summary>
public sealed record CurrencyAmount(string Currency, decimal Amount);

public sealed record BoardColumn(StageInfo Stage, int Count, IReadOnlyList<CurrencyAmount> Totals, IReadOnlyList<DealCard> Cards)
{
    /// <summary>Cards not shown because the column holds more than the board shows (count and totals include them).</summary>
    public int Hidden => Count - Cards.Count;
}

public sealed record Board(IReadOnlyList<BoardColumn> Columns);

/// <summary>Board filters; null means "any".</summary>
public sealed record BoardFilter(Guid? OwnerId = null, Guid? TeamId = null, DateTime? CloseFrom = null, DateTime? CloseTo = null)
{
    /// <summary>Won and lost columns show deals closed in this many days before now.</summary>
    public int ClosedWithinDays { get; init; } = 30;

    /// <summary>Only deals on accounts of this tier.</summary>
    public AccountTier? Tier { get; init; }

    /// <summary>Cards rendered per column; the count and sum always cover the whole column.</summary>
    public int CardsPerColumn { get; init; } = 50;
}

public sealed record PersonOption(Guid Id, string Name, Guid? TeamId);

public sealed record TeamOption(Guid Id, string Name);

/// <summary>A deal that was created or saved: its id and the version an edit made on it now expects.</summary>
public sealed record DealSaved(Guid DealId, Guid Version);

public sealed record DealDetail(DealCard Card, DealInput Input, bool ProbabilityOverridden, DateTime CreatedAtUtc, string? CloseReason);

public sealed record StageHistoryEntry(Guid? FromStageId, string? FromStage, Guid ToStageId, string ToStage, DateTime AtUtc, string? By);

/// <summary>The drill-down behind a dashboard figure.</summary>
public enum DealSet
{
    Open = 0,
    Won = 1,
    Lost = 2,
    Created = 3,
    Closing = 4,
}

public sealed record DealQuery(DealSet Set, DateTime? FromUtc = null, DateTime? ToUtc = null, Guid? StageId = null, Guid? OwnerId = null, IReadOnlyCollection<Guid>? OwnerIds = null, string? Currency = null)
{
    public int Take { get; init; } = 500;
}
