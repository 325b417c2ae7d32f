using System.Globalization;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Contacts;

namespace PartnerForge.Web.Contacts;

/// <summary>
/// Everything the contacts grid shows — filter, sort, page and page size — as it is kept in the URL, so a reload, the
/// back button and a shared link show the same list. Bad values in the URL fall back to the defaults.
/// </summary>
public sealed record ContactListState
{
    public const int DefaultPageSize = 25;

    public static IReadOnlyList<int> PageSizes { get; } = [25, 50, 100];

    public ContactFilter Filter { get; init; } = new();

    public ContactSort Sort { get; init; } = new();

    /// <summary>Zero-based page index (the URL shows it one-based).</summary>
    public int Page { get; init; }

    public int PageSize { get; init; } = DefaultPageSize;

    public ContactListState WithFilter(ContactFilter filter) => this with { Filter = Normalize(filter), Page = 0 };

    public ContactViewDefinition ToView() => new(Filter, Sort, PageSize);

    public static ContactListState FromView(ContactViewDefinition view) => new()
    {
        Filter = Normalize(view.Filter ?? new ContactFilter()),
        Sort = view.Sort ?? new ContactSort(),
        PageSize = PageSizes.Contains(view.PageSize) ? view.PageSize : DefaultPageSize,
    };

    public static bool SameView(ContactViewDefinition a, ContactViewDefinition b) => Normalize(a.Filter) == Normalize(b.Filter);

    public IReadOnlyDictionary<string, object?> ToQuery()
    {
        var f = Filter;
        return new Dictionary<string, object?>
        {
            ["q"] = f.Search,
            ["role"] = f.Role?.Code(),
            ["owner"] = f.OwnerId is { } owner ? (owner == Guid.Empty ? "none" : owner.ToString()) : null,
            ["basis"] = f.LawfulBasis?.ToString(),
            ["sequence"] = f.NotInSequence ? "none" : f.SequenceId?.ToString(),
            ["sort"] = Sort == new ContactSort() ? null : Sort.Column.ToString().ToLowerInvariant(),
            ["desc"] = Sort.Descending ? "true" : null,
            ["page"] = Page > 0 ? (Page + 1).ToString(CultureInfo.InvariantCulture) : null,
            ["size"] = PageSize == DefaultPageSize ? null : PageSize.ToString(CultureInfo.InvariantCulture),
        };
    }

    public static ContactListState FromQuery(Func<string, string?> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var owner = query("owner");
        var sequence = query("sequence");
        var filter = new ContactFilter
        {
            Search = string.IsNullOrWhiteSpace(query("q")) ? null : query("q")!.Trim(),
            Role = CommitteeRoles.FromCode(query("role")),
            OwnerId = owner == "none" ? Guid.Empty : Guid.TryParse(owner, out var id) ? id : null,
            LawfulBasis = Enum.TryParse<LawfulBasis>(query("basis"), ignoreCase: true, out var basis) && Enum.IsDefined(basis) ? basis : null,
            SequenceId = Guid.TryParse(sequence, out var s) ? s : null,
            NotInSequence = sequence == "none",
        };
        var column = Enum.TryParse<ContactSortColumn>(query("sort"), ignoreCase: true, out var c) && Enum.IsDefined(c) ? c : ContactSortColumn.Name;
        var page = int.TryParse(query("page"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 1 ? p - 1 : 0;
        var size = int.TryParse(query("size"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var z) && PageSizes.Contains(z) ? z : DefaultPageSize;
        return new ContactListState
        {
            Filter = filter,
            Sort = new ContactSort(column, string.Equals(query("desc"), "true", StringComparison.OrdinalIgnoreCase)),
            Page = page,
            PageSize = size,
        };
    }

    private static ContactFilter Normalize(ContactFilter f) => f with
    {
        Search = string.IsNullOrWhiteSpace(f.Search) ? null : f.Search.Trim(),
        SequenceId = f.NotInSequence ? null : f.SequenceId,
    };
}
