using System.Globalization;

namespace PartnerForge.Web.Components.Pages.Admin;

internal static class InvoiceFormat
{
    public static string Money(decimal amount, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{amount:#,##0.00} {currency}");
}
