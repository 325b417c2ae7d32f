using PartnerForge.Infrastructure.Accounts;

namespace PartnerForge.Web.Accounts;

/// <summary>
/// The rows ticked in the accounts grid, kept across pages, or "every account matching the filter" (then the
/// bulk actions run on the filter in the database, not on loaded rows).
/// </summary>
public sealed class AccountGridSelection
{
    private readonly List<AccountRow> _rows = [];

    public IReadOnlyList<AccountRow> Rows => _rows;

    public bool AllMatching { get; private set; }

    public bool IsEmpty => _rows.Count == 0 && !AllMatching;

    public bool Contains(Guid id) => _rows.Exists(r => r.Id == id);

    /// <summary>True when the page has rows and every one of them is ticked.</summary>
    public bool ContainsAll(IEnumerable<AccountRow> page)
    {
        var any = false;
        foreach (var row in page)
        {
            any = true;
            if (!Contains(row.Id))
            {
                return false;
            }
        }

        return any;
    }

    public void Toggle(AccountRow row, bool on)
    {
        AllMatching = false;
        if (on && !Contains(row.Id))
        {
            _rows.Add(row);
        }
        else if (!on)
        {
            _rows.RemoveAll(r => r.Id == row.Id);
        }
    }

    public void SetPage(IEnumerable<AccountRow> page, bool on)
    {
        foreach (var row in page.ToList())
        {
            Toggle(row, on);
        }

        AllMatching = false;
    }

    public void SelectAllMatching() => AllMatching = true;

    public void Clear()
    {
        _rows.Clear();
        AllMatching = false;
    }

    /// <summary>How many accounts a bulk action would touch, given the filter's total.</summary>
    public int Count(int matching) => AllMatching ? matching : _rows.Count;

    /// <summary>What a bulk action runs on: the ticked ids, or the filter itself.</summary>
    public AccountSelection For(AccountFilter filter) => AllMatching ? AccountSelection.Matching(filter) : AccountSelection.Of(_rows.Select(r => r.Id));
}
