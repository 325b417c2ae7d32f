using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts;

/// <summary>
/// What the accounts grid shows: a prefix search on name or domain and exact filters per field. Every part
/// translates to SQL over an index that leads with the tenant (see CompanyConfiguration).
/// </summary>
public sealed record AccountFilter
{
    public string? Search { get; init; }

    public string? Industry { get; init; }

    public string? Country { get; init; }

    public string? EmployeeBand { get; init; }

    public string? RevenueBand { get; init; }

    public AccountTier? Tier { get; init; }

    /// <summary>An owner's user id; <see cref="Guid.Empty"/> means "no owner".</summary>
    public Guid? OwnerId { get; init; }

    public string? Tag { get; init; }

    /// <summary>Minimum M13 fit score (0–100); accounts not scored yet never match.</summary>
    public int? MinFit { get; init; }

    /// <summary>Minimum M14 signal score (0–100).</summary>
    public int? MinSignal { get; init; }

    /// <summary>Minimum priority (0–100).</summary>
    public int? MinPriority { get; init; }

    public bool IsEmpty => this == new AccountFilter();
}

public enum AccountSortColumn
{
    Name,
    Domain,
    Industry,
    Country,
    EmployeeBand,
    Tier,
    CreatedAt,
    UpdatedAt,
    Fit,
    Signal,
    Priority,
}

public sealed record AccountSort(AccountSortColumn Column = AccountSortColumn.Name, bool Descending = false);

/// <summary>Either explicit account ids (a selection) or every account matching a filter.</summary>
public sealed record AccountSelection(IReadOnlyList<Guid>? Ids, AccountFilter? Filter)
{
    public static AccountSelection Of(IEnumerable<Guid> ids) => new(ids.ToList(), null);

    public static AccountSelection Matching(AccountFilter filter) => new(null, filter);
}

internal static class AccountQueryable
{
    /// <summary>
    /// Applies the filter. With <paramref name="scanInSortOrder"/> (SQLite, a sort other than by name, no
    /// search), the equality filters are written so that SQLite cannot use their indexes: it then walks the
    /// sort column's index and stops after one page, instead of sorting every match (on a million accounts,
    /// 5 ms instead of a second). The results are the same either way.
    /// </summary>
    public static IQueryable<Company> Apply(this IQueryable<Company> companies, AccountFilter filter, PartnerForgeDbContext db, bool scanInSortOrder = false, AccountSortColumn? pageSort = null)
    {
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var key = Company.SearchKey(filter.Search);
            var upper = key + '\uffff';
            // Prefix ranges use the (TenantId, SearchName) and (TenantId, Domain) indexes. The expression is
            // translated to SQL comparisons (>=, <), so the culture rule does not apply.
#pragma warning disable CA1309
            companies = companies.Where(c =>
                (string.Compare(c.SearchName, key) >= 0 && string.Compare(c.SearchName, upper) < 0)
                || (string.Compare(c.Domain, key) >= 0 && string.Compare(c.Domain, upper) < 0));
#pragma warning restore CA1309
        }

        var noIndex = scanInSortOrder && string.IsNullOrWhiteSpace(filter.Search);
        if (!string.IsNullOrWhiteSpace(filter.Industry))
        {
            companies = noIndex ? companies.Where(c => c.Industry + "" == filter.Industry) : companies.Where(c => c.Industry == filter.Industry);
        }

        if (!string.IsNullOrWhiteSpace(filter.Country))
        {
            companies = noIndex ? companies.Where(c => c.Country + "" == filter.Country) : companies.Where(c => c.Country == filter.Country);
        }

        if (!string.IsNullOrWhiteSpace(filter.EmployeeBand))
        {
            companies = companies.Where(c => c.EmployeeBand == filter.EmployeeBand);
        }

        if (!string.IsNullOrWhiteSpace(filter.RevenueBand))
        {
            companies = companies.Where(c => c.RevenueBand == filter.RevenueBand);
        }

        if (filter.Tier is { } tier)
        {
            var value = (int)tier;
            companies = noIndex ? companies.Where(c => (int?)c.Tier + 0 == value) : companies.Where(c => c.Tier == tier);
        }

        if (filter.OwnerId is { } owner)
        {
            companies = owner == Guid.Empty
                ? (noIndex ? companies.Where(c => (c.OwnerId == null ? 1 : 0) + 0 == 1) : companies.Where(c => c.OwnerId == null))
                : (noIndex ? companies.Where(c => (c.OwnerId == owner ? 1 : 0) + 0 == 1) : companies.Where(c => c.OwnerId == owner));
        }

        // A score minimum matches a large share of accounts, so a page is found fastest by walking the sort
        // column's index and filtering (SQLite), unless the page is sorted by that same score: then its index
        // serves the range and the order at once.
        var scoreNoIndex = pageSort is not null && db.Database.IsSqlite() && string.IsNullOrWhiteSpace(filter.Search);
        if (filter.MinFit is { } minFit)
        {
            companies = scoreNoIndex && pageSort != AccountSortColumn.Fit ? companies.Where(c => c.FitScore + 0 >= minFit) : companies.Where(c => c.FitScore >= minFit);
        }

        if (filter.MinSignal is { } minSignal)
        {
            companies = scoreNoIndex && pageSort != AccountSortColumn.Signal ? companies.Where(c => c.SignalScore + 0 >= minSignal) : companies.Where(c => c.SignalScore >= minSignal);
        }

        if (filter.MinPriority is { } minPriority)
        {
            companies = scoreNoIndex && pageSort != AccountSortColumn.Priority ? companies.Where(c => c.PriorityScore + 0 >= minPriority) : companies.Where(c => c.PriorityScore >= minPriority);
        }

        if (!string.IsNullOrWhiteSpace(filter.Tag))
        {
            var tag = CompanyTag.Normalize(filter.Tag);
            companies = companies.Where(c => db.CompanyTags.Any(t => t.CompanyId == c.Id && t.NormalizedTag == tag));
        }

        return companies;
    }

    public static IQueryable<Company> Apply(this IQueryable<Company> companies, AccountSelection selection, PartnerForgeDbContext db) =>
        selection.Ids is { } ids
            ? companies.Where(c => ids.Contains(c.Id))
            : companies.Apply(selection.Filter ?? new AccountFilter(), db);

    public static IOrderedQueryable<Company> Apply(this IQueryable<Company> companies, AccountSort sort)
    {
        var ordered = sort.Column switch
        {
            AccountSortColumn.Domain => Order(companies, c => c.Domain, sort.Descending),
            AccountSortColumn.Industry => Order(companies, c => c.Industry, sort.Descending),
            AccountSortColumn.Country => Order(companies, c => c.Country, sort.Descending),
            AccountSortColumn.EmployeeBand => Order(companies, c => c.EmployeeBand, sort.Descending),
            AccountSortColumn.Tier => Order(companies, c => c.Tier, sort.Descending),
            AccountSortColumn.CreatedAt => Order(companies, c => c.CreatedAtUtc, sort.Descending),
            AccountSortColumn.UpdatedAt => Order(companies, c => c.UpdatedAtUtc, sort.Descending),
            AccountSortColumn.Fit => Order(companies, c => c.FitScore, sort.Descending),
            AccountSortColumn.Signal => Order(companies, c => c.SignalScore, sort.Descending),
            AccountSortColumn.Priority => Order(companies, c => c.PriorityScore, sort.Descending),
            _ => Order(companies, c => c.SearchName, sort.Descending),
        };

        // A stable order, so paging never repeats or skips a row.
        return ordered.ThenBy(c => c.Id);
    }

    private static IOrderedQueryable<Company> Order<TKey>(IQueryable<Company> companies, Expression<Func<Company, TKey>> key, bool descending) =>
        descending ? companies.OrderByDescending(key) : companies.OrderBy(key);
}
