using System.Globalization;


namespace PartnerForge.Infrastructure.Accounts.Export;

/// <summary>A column of the accounts grid, as exported.</summary>
public enum AccountColumn
{
    Name,
    Domain,
    Industry,
    Country,
    Employees,
    Revenue,
    Tags,
    Owner,
    Tier,
    Created,
    Updated,
    Priority,
    Fit,
    Signal,
}

public enum AccountFilterOperator
{
    Equals,
    Contains,
    StartsWith,
    IsEmpty,
    IsNotEmpty,

    /// <summary>A score column at least the value (a whole number from 0 to 100).</summary>
    AtLeast,
}

/// <summary>One column filter of the grid: Country equals "DE", Name starts with "acme", Tags equals "partner".</summary>
public sealed record AccountColumnFilter(AccountColumn Column, AccountFilterOperator Operator, string Value = "");

/// <summary>
/// The current view of the accounts grid, for export: global search text (name prefix or domain prefix), column
/// filters (all must hold), sort, and the visible columns in order. It travels as a query string
/// (<see cref="ToQueryString"/> / <see cref="Parse"/>):
/// <c>/accounts/export.csv?q=acme&amp;sort=Name&amp;desc=1&amp;cols=Name,Domain,Country&amp;f=Country:Equals:DE</c>.
/// </summary>
public sealed record AccountExportQuery
{
    public static IReadOnlyList<AccountColumn> DefaultColumns { get; } =
    [
        AccountColumn.Name, AccountColumn.Domain, AccountColumn.Industry, AccountColumn.Country, AccountColumn.Employees,
        AccountColumn.Revenue, AccountColumn.Tags, AccountColumn.Owner, AccountColumn.Tier,
    ];

    public string? Search { get; init; }

    public IReadOnlyList<AccountColumnFilter> Filters { get; init; } = [];

    public AccountColumn? SortBy { get; init; }

    public bool Descending { get; init; }

    public IReadOnlyList<AccountColumn> Columns { get; init; } = DefaultColumns;

    public string ToQueryString()
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            parts.Add("q=" + Uri.EscapeDataString(Search));
        }

        if (SortBy is { } sort)
        {
            parts.Add("sort=" + sort);
            if (Descending)
            {
                parts.Add("desc=1");
            }
        }

        parts.Add("cols=" + string.Join(',', Columns));
        parts.AddRange(Filters.Select(f => "f=" + Uri.EscapeDataString($"{f.Column}:{f.Operator}:{f.Value}")));
        return string.Join('&', parts);
    }

    /// <summary>Reads the query string values; returns an error message for anything it does not understand.</summary>
    public static (AccountExportQuery? Query, string? Error) Parse(IEnumerable<KeyValuePair<string, string?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var query = new AccountExportQuery();
        var filters = new List<AccountColumnFilter>();
        foreach (var (key, raw) in values)
        {
            var value = raw ?? string.Empty;
            switch (key)
            {
                case "q":
                    query = query with { Search = value };
                    break;
                case "sort":
                    if (!Enum.TryParse<AccountColumn>(value, true, out var sort))
                    {
                        return (null, $"Unknown sort column '{value}'.");
                    }

                    query = query with { SortBy = sort };
                    break;
                case "desc":
                    query = query with { Descending = value is "1" or "true" };
                    break;
                case "cols":
                    var columns = new List<AccountColumn>();
                    foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!Enum.TryParse<AccountColumn>(name, true, out var column))
                        {
                            return (null, $"Unknown column '{name}'.");
                        }

                        columns.Add(column);
                    }

                    if (columns.Count > 0)
                    {
                        query = query with { Columns = columns.Distinct().ToList() };
                    }

                    break;
                case "f":
                    var pieces = value.Split(':', 3);
                    if (pieces.Length < 2 || !Enum.TryParse<AccountColumn>(pieces[0], true, out var filterColumn)
                        || !Enum.TryParse<AccountFilterOperator>(pieces[1], true, out var op))
                    {
                        return (null, $"Filter '{value}' is not Column:Operator:Value.");
                    }

                    var filterValue = pieces.Length == 3 ? pieces[2] : string.Empty;
                    if (IsScore(filterColumn) ? op is AccountFilterOperator.Contains or AccountFilterOperator.StartsWith : op == AccountFilterOperator.AtLeast)
                    {
                        return (null, $"Filter '{value}': {op} does not apply to {filterColumn}.");
                    }

                    if (IsScore(filterColumn) && op is AccountFilterOperator.AtLeast or AccountFilterOperator.Equals && ScoreValue(filterValue) is null)
                    {
                        return (null, $"Filter '{value}' needs a whole number from 0 to 100.");
                    }

                    filters.Add(new AccountColumnFilter(filterColumn, op, filterValue));
                    break;
            }
        }

        return (query with { Filters = filters }, null);
    }

    /// <summary>The header cell of a column, chosen so an exported file imports back with automatic mapping.</summary>
    public static string Header(AccountColumn column) => column switch
    {
        AccountColumn.Created => "Created (UTC)",
        AccountColumn.Updated => "Updated (UTC)",
        _ => column.ToString(),
    };

    /// <summary>Priority, fit and signal: whole-number scores from 0 to 100, filtered with AtLeast.</summary>
    public static bool IsScore(AccountColumn column) => column is AccountColumn.Priority or AccountColumn.Fit or AccountColumn.Signal;

    internal static int? ScoreValue(string value) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 100 ? score : null;

    internal static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

}
