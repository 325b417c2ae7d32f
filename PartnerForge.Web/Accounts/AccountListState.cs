using System.Globalization;
using PartnerForge.Domain.Accounts;
using PartnerForge.Infrastructure.Accounts;

namespace PartnerForge.Web.Accounts;

/// <summary>
/// What the accounts grid shows: filter, sort, page, page size and visible columns. It lives in the page's URL
/// (<see cref="ToQuery"/> and <see cref="FromQuery"/>), so a reload, the back button and a shared link show the
/// same view. Defaults are left out of the URL: the plain grid is just <c>/accounts</c>.
/// </summary>
public sealed record AccountListState
{
    public const int DefaultPageSize = 25;

    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100, 200];

    public static readonly IReadOnlyList<string> AllColumns = ["Domain", "Industry", "Country", "Employees", "Revenue", "Tier", "Priority", "Fit", "Signal", "Owner", "Tags", "Updated", "Added"];

    public static readonly IReadOnlyList<string> DefaultColumns = ["Domain", "Industry", "Country", "Employees", "Tier", "Priority", "Owner", "Tags", "Updated"];

    /// <summary>URL names of the sort columns (lower case, stable; the enum's names may change).</summary>
    private static readonly Dictionary<AccountSortColumn, string> SortNames = new()
    {
        [AccountSortColumn.Name] = "name",
        [AccountSortColumn.Domain] = "domain",
        [AccountSortColumn.Industry] = "industry",
        [AccountSortColumn.Country] = "country",
        [AccountSortColumn.EmployeeBand] = "employees",
        [AccountSortColumn.Tier] = "tier",
        [AccountSortColumn.CreatedAt] = "added",
        [AccountSortColumn.UpdatedAt] = "updated",
        [AccountSortColumn.Fit] = "fit",
        [AccountSortColumn.Signal] = "signal",
        [AccountSortColumn.Priority] = "priority",
    };

    public AccountFilter Filter { get; init; } = new();

    public AccountSort Sort { get; init; } = new();

    /// <summary>Zero-based page index (the URL shows it one-based).</summary>
    public int Page { get; init; }

    public int PageSize { get; init; } = DefaultPageSize;

    public IReadOnlyList<string> Columns { get; init; } = DefaultColumns;

    /// <summary>The same view with another filter, from the first page.</summary>
    public AccountListState WithFilter(AccountFilter filter) => this with { Filter = Normalize(filter), Page = 0 };

    /// <summary>A saved view: its filter, sort, columns and page size, from the first page.</summary>
    public static AccountListState FromView(AccountViewDefinition view) => new()
    {
        Filter = Normalize(view.Filter),
        Sort = view.Sort,
        PageSize = PageSizes.Contains(view.PageSize) ? view.PageSize : DefaultPageSize,
        Columns = CleanColumns(view.Columns),
    };

    /// <summary>This state as a saved view.</summary>
    public AccountViewDefinition ToView() => new(Filter, Sort, Columns.ToList(), PageSize);

    /// <summary>Whether two views show the same accounts and columns (sort and page size may differ).</summary>
    public static bool SameView(AccountViewDefinition a, AccountViewDefinition b) =>
        Normalize(a.Filter) == Normalize(b.Filter) && CleanColumns(a.Columns).SequenceEqual(CleanColumns(b.Columns));

    /// <summary>Value equality over the columns too (a list compares by reference in a record).</summary>
    public bool Equals(AccountListState? other) =>
        other is not null && Filter == other.Filter && Sort == other.Sort && Page == other.Page && PageSize == other.PageSize && Columns.SequenceEqual(other.Columns);

    public override int GetHashCode() => HashCode.Combine(Filter, Sort, Page, PageSize, string.Join(',', Columns));

    /// <summary>The query parameters for <c>NavigationManager.GetUriWithQueryParameters</c>; null removes a parameter.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery()
    {
        static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);
        var f = Filter;
        return new Dictionary<string, object?>
        {
            ["q"] = f.Search,
            ["industry"] = f.Industry,
            ["country"] = f.Country,
            ["employees"] = f.EmployeeBand,
            ["revenue"] = f.RevenueBand,
            ["tier"] = f.Tier?.ToString(),
            ["owner"] = f.OwnerId is { } owner ? (owner == Guid.Empty ? "none" : owner.ToString()) : null,
            ["tag"] = f.Tag,
            ["priority"] = Number(f.MinPriority),
            ["fit"] = Number(f.MinFit),
            ["signal"] = Number(f.MinSignal),
            ["sort"] = Sort == new AccountSort() ? null : SortNames[Sort.Column],
            ["desc"] = Sort.Descending ? "true" : null,
            ["page"] = Page > 0 ? Number(Page + 1) : null,
            ["size"] = PageSize == DefaultPageSize ? null : Number(PageSize),
            ["cols"] = Columns.SequenceEqual(DefaultColumns) ? null : string.Join(',', Columns),
        };
    }

    /// <summary>Reads the URL's query parameters (as <see cref="ToQuery"/> writes them); unknown or bad values fall back to the defaults.</summary>
    public static AccountListState FromQuery(Func<string, string?> query)
    {
        static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        static int? Score(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, 100) : null;

        var owner = query("owner");
        var filter = new AccountFilter
        {
            Search = Text(query("q")),
            Industry = Text(query("industry")),
            Country = Text(query("country")),
            EmployeeBand = Firmographics.EmployeeBands.Contains(query("employees") ?? string.Empty) ? query("employees") : null,
            RevenueBand = Firmographics.RevenueBands.Contains(query("revenue") ?? string.Empty) ? query("revenue") : null,
            Tier = Enum.TryParse<AccountTier>(query("tier"), ignoreCase: true, out var tier) && Enum.IsDefined(tier) ? tier : null,
            OwnerId = owner == "none" ? Guid.Empty : Guid.TryParse(owner, out var id) ? id : null,
            Tag = Text(query("tag")),
            MinPriority = Score(query("priority")),
            MinFit = Score(query("fit")),
            MinSignal = Score(query("signal")),
        };

        var sortName = query("sort");
        var column = SortNames.FirstOrDefault(s => string.Equals(s.Value, sortName, StringComparison.OrdinalIgnoreCase)).Key;
        var page = int.TryParse(query("page"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 1 ? p - 1 : 0;
        var size = int.TryParse(query("size"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && PageSizes.Contains(s) ? s : DefaultPageSize;
        var cols = query("cols");
        return new AccountListState
        {
            Filter = filter,
            Sort = new AccountSort(column, string.Equals(query("desc"), "true", StringComparison.OrdinalIgnoreCase)),
            Page = page,
            PageSize = size,
            Columns = cols is null ? DefaultColumns : CleanColumns(cols.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        };
    }

    private static IReadOnlyList<string> CleanColumns(IEnumerable<string> columns)
    {
        var known = AllColumns.Where(columns.Contains).ToList();
        return known.Count > 0 ? known : DefaultColumns;
    }

    private static AccountFilter Normalize(AccountFilter f) => f with
    {
        Search = string.IsNullOrWhiteSpace(f.Search) ? null : f.Search.Trim(),
        Industry = string.IsNullOrWhiteSpace(f.Industry) ? null : f.Industry,
        Country = string.IsNullOrWhiteSpace(f.Country) ? null : f.Country,
        Tag = string.IsNullOrWhiteSpace(f.Tag) ? null : f.Tag,
        MinFit = f.MinFit is { } fit ? Math.Clamp(fit, 0, 100) : null,
        MinSignal = f.MinSignal is { } signal ? Math.Clamp(signal, 0, 100) : null,
        MinPriority = f.MinPriority is { } priority ? Math.Clamp(priority, 0, 100) : null,
    };
}
