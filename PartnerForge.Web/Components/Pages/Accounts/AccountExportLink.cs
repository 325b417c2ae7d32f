using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Accounts.Export;
using PartnerForge.Web.Accounts;

namespace PartnerForge.Web.Components.Pages.Accounts;

/// <summary>The export URL for the grid's current view: the same filters, sort and visible columns.</summary>
internal static class AccountExportLink
{
    private static readonly Dictionary<string, AccountColumn> GridColumns = new(StringComparer.Ordinal)
    {
        ["Domain"] = AccountColumn.Domain,
        ["Industry"] = AccountColumn.Industry,
        ["Country"] = AccountColumn.Country,
        ["Employees"] = AccountColumn.Employees,
        ["Revenue"] = AccountColumn.Revenue,
        ["Tier"] = AccountColumn.Tier,
        ["Priority"] = AccountColumn.Priority,
        ["Fit"] = AccountColumn.Fit,
        ["Signal"] = AccountColumn.Signal,
        ["Owner"] = AccountColumn.Owner,
        ["Tags"] = AccountColumn.Tags,
        ["Updated"] = AccountColumn.Updated,
        ["Added"] = AccountColumn.Created,
    };

    public static string For(AccountFilter filter, AccountSort sort, IEnumerable<string> visibleColumns) =>
        AccountCsvEndpoints.ExportUrl(ToQuery(filter, sort, visibleColumns));

    internal static AccountExportQuery ToQuery(AccountFilter filter, AccountSort sort, IEnumerable<string> visibleColumns)
    {
        var filters = new List<AccountColumnFilter>();
        void Equal(AccountColumn column, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                filters.Add(new AccountColumnFilter(column, AccountFilterOperator.Equals, value));
            }
        }

        Equal(AccountColumn.Industry, filter.Industry);
        Equal(AccountColumn.Country, filter.Country);
        Equal(AccountColumn.Employees, filter.EmployeeBand);
        Equal(AccountColumn.Revenue, filter.RevenueBand);
        Equal(AccountColumn.Tier, filter.Tier?.ToString());
        Equal(AccountColumn.Tags, filter.Tag);
        if (filter.OwnerId is { } owner)
        {
            filters.Add(owner == Guid.Empty
                ? new AccountColumnFilter(AccountColumn.Owner, AccountFilterOperator.IsEmpty)
                : new AccountColumnFilter(AccountColumn.Owner, AccountFilterOperator.Equals, owner.ToString()));
        }

        void AtLeast(AccountColumn column, int? value)
        {
            if (value is { } score)
            {
                filters.Add(new AccountColumnFilter(column, AccountFilterOperator.AtLeast, score.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        AtLeast(AccountColumn.Priority, filter.MinPriority);
        AtLeast(AccountColumn.Fit, filter.MinFit);
        AtLeast(AccountColumn.Signal, filter.MinSignal);

        var columns = new List<AccountColumn> { AccountColumn.Name };
        columns.AddRange(visibleColumns.Where(GridColumns.ContainsKey).Select(c => GridColumns[c]));
        return new AccountExportQuery
        {
            Search = filter.Search,
            Filters = filters,
            SortBy = sort.Column switch
            {
                AccountSortColumn.Domain => AccountColumn.Domain,
                AccountSortColumn.Industry => AccountColumn.Industry,
                AccountSortColumn.Country => AccountColumn.Country,
                AccountSortColumn.EmployeeBand => AccountColumn.Employees,
                AccountSortColumn.Tier => AccountColumn.Tier,
                AccountSortColumn.CreatedAt => AccountColumn.Created,
                AccountSortColumn.UpdatedAt => AccountColumn.Updated,
                AccountSortColumn.Priority => AccountColumn.Priority,
                AccountSortColumn.Fit => AccountColumn.Fit,
                AccountSortColumn.Signal => AccountColumn.Signal,
                _ => AccountColumn.Name,
            },
            Descending = sort.Descending,
            Columns = columns,
        };
    }
}
