using System.Globalization;

namespace PartnerForge.Web.Components.Pages.Pipeline;

/// <summary>How amounts read on the board and dashboards: "£12,500" in full, "£1.2M" when short.</summary>
public static class MoneyText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static string Symbol(string currency) => currency switch
    {
        "GBP" => "£",
        "USD" => "$",
        "EUR" => "€",
        "JPY" => "¥",
        _ => currency + " ",
    };

    public static string Full(decimal amount, string currency) =>
        Symbol(currency) + amount.ToString(decimal.Truncate(amount) == amount ? "N0" : "N2", Culture);

    public static string Compact(decimal amount, string currency) => Symbol(currency) + amount switch
    {
        >= 1_000_000_000m => (amount / 1_000_000_000m).ToString("0.#", Culture) + "B",
        >= 1_000_000m => (amount / 1_000_000m).ToString("0.#", Culture) + "M",
        >= 10_000m => (amount / 1_000m).ToString("0", Culture) + "k",
        >= 1_000m => (amount / 1_000m).ToString("0.#", Culture) + "k",
        _ => amount.ToString("0", Culture),
    };

    public static string Percent(double? rate) => rate is { } r ? r.ToString("0%", Culture) : "–";

    public static string Date(DateTime date) => date.ToString("d MMM yyyy", Culture);
}
