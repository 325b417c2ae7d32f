using System.Globalization;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Changes;

namespace PartnerForge.Web.Components.Pages.Changes;

/// <summary>
/// The timeline's filters as they stand in the URL (<c>?module=M02&amp;significance=40&amp;kind=Added&amp;tech=Algolia&amp;owner=…&amp;tier=A&amp;from=2026-11-01&amp;to=2026-11-30</c>),
/// so a reload, the back button and a shared link show the same list. Unknown values read as "any".
/// </summary>
public sealed record TimelineQuery(
    string? Module = null, int MinSignificance = 0, ChangeKind? Kind = null, string? Technology = null,
    Guid? Owner = null, AccountTier? Tier = null, DateTime? From = null, DateTime? To = null)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The URL's query names, in the order they are written.</summary>
    public static readonly string[] Names = ["module", "significance", "kind", "tech", "owner", "tier", "from", "to"];

    public bool IsFiltered => this != new TimelineQuery();

    public static TimelineQuery Parse(string? module, int? significance, string? kind, string? tech, Guid? owner, string? tier, string? from, string? to) => new(
        string.IsNullOrWhiteSpace(module) ? null : module,
        Math.Clamp(significance ?? 0, 0, 100),
        Enum.TryParse<ChangeKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null,
        string.IsNullOrWhiteSpace(tech) ? null : tech.Trim(),
        owner is { } o && o != Guid.Empty ? o : null,
        Enum.TryParse<AccountTier>(tier, ignoreCase: true, out var t) && Enum.IsDefined(t) ? t : null,
        Date(from),
        Date(to));

    /// <summary>The query parameters to write (null removes one from the URL).</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["module"] = Module,
        ["significance"] = MinSignificance > 0 ? MinSignificance : null,
        ["kind"] = Kind?.ToString(),
        ["tech"] = Technology,
        ["owner"] = Owner,
        ["tier"] = Tier?.ToString(),
        ["from"] = From?.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["to"] = To?.ToString(DateFormat, CultureInfo.InvariantCulture),
    };

    private static DateTime? Date(string? text) =>
        DateTime.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.Date : null;
}
