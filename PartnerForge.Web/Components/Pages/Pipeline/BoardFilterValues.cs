using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Pipeline;

namespace PartnerForge.Web.Components.Pages.Pipeline;

/// <summary>What the board is filtered by, as the URL carries it (owner, team, tier, close).</summary>
public sealed record BoardFilterValues(Guid? OwnerId = null, Guid? TeamId = null, AccountTier? Tier = null, string Close = BoardFilterValues.AnyClose)
{
    public const string AnyClose = "any";

    public sealed record Choice(string Value, string Text);

    public static readonly IReadOnlyList<Choice> ClosePeriods =
    [
        new(AnyClose, "Any close date"),
        new("overdue", "Overdue"),
        new("month", "Closing this month"),
        new("quarter", "Closing this quarter"),
        new("next-quarter", "Closing next quarter"),
    ];

    public bool Filtered => OwnerId is not null || TeamId is not null || Tier is not null || Close != AnyClose;

    /// <summary>From the query string; unknown values read as "any".</summary>
    public static BoardFilterValues Parse(Guid? owner, Guid? team, string? tier, string? close) => new(
        owner,
        team,
        Enum.TryParse<AccountTier>(tier, ignoreCase: false, out var t) && Enum.IsDefined(t) ? t : null,
        ClosePeriods.Any(c => c.Value == close) ? close! : AnyClose);

    /// <summary>The query parameters (null drops one from the URL).</summary>
    public IReadOnlyDictionary<string, object?> Query() => new Dictionary<string, object?>
    {
        ["owner"] = OwnerId?.ToString(),
        ["team"] = TeamId?.ToString(),
        ["tier"] = Tier?.ToString(),
        ["close"] = Close == AnyClose ? null : Close,
    };

    /// <summary>The service's filter; <paramref name="today"/> is the user's calendar date (midnight UTC).</summary>
    public BoardFilter ToFilter(DateTime today)
    {
        var month = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var quarter = Period.Quarter(today);
        var (from, to) = Close switch
        {
            "overdue" => ((DateTime?)null, (DateTime?)today),
            "month" => (month, month.AddMonths(1)),
            "quarter" => (quarter.FromUtc, quarter.ToUtc),
            "next-quarter" => (quarter.ToUtc, quarter.ToUtc.AddMonths(3)),
            _ => (null, null),
        };
        return new BoardFilter(OwnerId, TeamId, from, to) { Tier = Tier };
    }
}
