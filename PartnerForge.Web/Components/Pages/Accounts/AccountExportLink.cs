using Microsoft.AspNetCore.WebUtilities;
using PartnerForge.Infrastructure.Accounts;

namespace PartnerForge.Web.Components.Pages.Accounts;

/// <summary>The export URL for the grid's current view (filters, sort and visible columns).</summary>
internal static class AccountExportLink
{
    public const string Path = "/accounts/export.csv";

    public static string For(AccountFilter filter, AccountSort sort, IEnumerable<string> columns)
    {
        var query = new Dictionary<string, string?>
        {
            ["search"] = filter.Search,
            ["industry"] = filter.Industry,
            ["country"] = filter.Country,
            ["employees"] = filter.EmployeeBand,
            ["revenue"] = filter.RevenueBand,
            ["tier"] = filter.Tier?.ToString(),
            ["owner"] = filter.OwnerId?.ToString(),
            ["tag"] = filter.Tag,
            ["sort"] = sort.Column.ToString(),
            ["desc"] = sort.Descending ? "true" : null,
            ["columns"] = string.Join(',', columns),
        };
        return QueryHelpers.AddQueryString(Path, query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }
}
