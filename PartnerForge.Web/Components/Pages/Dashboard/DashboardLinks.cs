using System.Globalization;
using Microsoft.AspNetCore.Components;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Pipeline;

namespace PartnerForge.Web.Components.Pages.Dashboard;

/// <summary>
/// The drill-down behind each dashboard figure: the deals, accounts or alerts it counts, with the same scope,
/// period and currency as the dashboard.
/// </summary>
public sealed class DashboardLinks(NavigationManager navigation, Period period, string currency)
{
    /// <summary>A drill-down link's look: MudLink's own classes on a plain anchor (no component per link).</summary>
    public const string LinkClass = "mud-typography mud-link mud-primary-text mud-link-underline-hover mud-typography-body2";

    public string Deals(DealSet set, Guid? stage = null, Guid? owner = null, DateTime? from = null, DateTime? to = null) =>
        navigation.GetUriWithQueryParameters("/pipeline/deals", new Dictionary<string, object?>
        {
            ["set"] = set.ToString().ToLowerInvariant(),
            ["scope"] = "dashboard",
            ["stage"] = stage?.ToString(),
            ["owner"] = owner?.ToString(),
            ["from"] = set == DealSet.Open ? null : Instant(from ?? period.FromUtc),
            ["to"] = set == DealSet.Open ? null : Instant(to ?? period.ToUtc),
            ["currency"] = currency,
        });

    /// <summary>Open deals expected to close in one calendar month.</summary>
    public string ClosingIn(int year, int month)
    {
        var start = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        return Deals(DealSet.Closing, from: start, to: start.AddMonths(1));
    }

    public string Accounts(AccountTier? tier) =>
        navigation.GetUriWithQueryParameters("/pipeline/accounts", new Dictionary<string, object?> { ["tier"] = tier?.ToString() ?? "none" });

    public string Alerts(AlertSet set) =>
        navigation.GetUriWithQueryParameters("/pipeline/alerts", new Dictionary<string, object?>
        {
            ["set"] = set == AlertSet.ActedOn ? "acted" : "created",
            ["from"] = Instant(period.FromUtc),
            ["to"] = Instant(period.ToUtc),
        });

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
