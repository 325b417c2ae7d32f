using PartnerForge.Domain.Pipeline;

namespace PartnerForge.Web.Components.Pages.Dashboard;

/// <summary>The dashboard's period choices, by their key in the URL (?period=month|quarter|90|year).</summary>
public static class DashboardPeriod
{
    public const string Default = "quarter";

    public sealed record Choice(string Key, string Text);

    public static readonly IReadOnlyList<Choice> Choices =
    [
        new("month", "This month"),
        new("quarter", "This quarter"),
        new("90", "Last 90 days"),
        new("year", "This year"),
    ];

    /// <summary>A known key, or the default for anything else.</summary>
    public static string Normalize(string? key) => Choices.Any(c => c.Key == key) ? key! : Default;

    public static string Text(string key) => Choices.First(c => c.Key == Normalize(key)).Text;

    /// <summary>The period on the user's calendar (their time zone), as UTC instants.</summary>
    public static Period Of(string key, DateTime nowUtc, TimeZoneInfo zone) => Normalize(key) switch
    {
        "month" => Period.Month(nowUtc, zone),
        "90" => Period.LastDays(nowUtc, 90, zone),
        "year" => Period.Year(nowUtc, zone),
        _ => Period.Quarter(nowUtc, zone),
    };
}
