using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Accounts;

/// <summary>Which grid a saved view belongs to.</summary>
public enum SavedViewScope
{
    Accounts = 0,
    Contacts = 1,
}

/// <summary>A named grid view (filters, sort, columns as JSON) of the accounts or the contacts grid: private to its owner or shared with the tenant.</summary>
public sealed class SavedView : TenantOwnedEntity
{
    private SavedView()
    {
        Name = string.Empty;
        Definition = "{}";
    }

    public SavedView(Guid ownerId, string name, string definition, bool shared, DateTime nowUtc, SavedViewScope scope = SavedViewScope.Accounts)
    {
        Scope = scope;
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        OwnerId = ownerId;
        Name = name.Trim();
        Definition = definition;
        IsShared = shared;
        CreatedAtUtc = nowUtc;
    }

    public Guid OwnerId { get; private set; }

    public SavedViewScope Scope { get; private set; }

    public string Name { get; private set; }

    public string Definition { get; private set; }

    public bool IsShared { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public void Update(string definition, bool shared)
    {
        Definition = definition;
        IsShared = shared;
    }
}
