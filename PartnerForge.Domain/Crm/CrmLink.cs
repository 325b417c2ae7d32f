using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Crm;

/// <summary>
/// The external-id map: one of our records (an account, contact or deal) is this record in the connection's CRM. Pulls
/// find our record through it (an update, not a duplicate), pushes find the CRM record, and deletes and merges in the
/// CRM are applied to the record it points at.
/// </summary>
public sealed class CrmLink : TenantOwnedEntity
{
    public const int MaxCrmIdLength = 64;
    public const int MaxHashLength = 64;

    private CrmLink()
    {
        CrmId = string.Empty;
    }

    public CrmLink(Guid connectionId, CrmObjectKind kind, Guid recordId, string crmId)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(crmId);
        ConnectionId = connectionId;
        ObjectKind = kind;
        RecordId = recordId;
        CrmId = crmId;
    }

    public Guid ConnectionId { get; private set; }

    public CrmObjectKind ObjectKind { get; private set; }

    /// <summary>Our record's id (a company, contact or deal id).</summary>
    public Guid RecordId { get; private set; }

    /// <summary>The CRM's id of the record.</summary>
    public string CrmId { get; private set; }

    /// <summary>The CRM's modification time of the record as last pulled.</summary>
    public DateTime? LastPulledModstampUtc { get; private set; }

    public DateTime? LastPushedAtUtc { get; private set; }

    /// <summary>A hash of the values last pushed: a push sends only records whose values changed since.</summary>
    public string? LastPushedHash { get; private set; }

    /// <summary>The CRM deleted (archived) the record; ours is kept, unlinked from further pulls.</summary>
    public bool Archived { get; private set; }

    public void Pulled(DateTime? crmModifiedUtc)
    {
        if (crmModifiedUtc is { } m && (LastPulledModstampUtc is null || m > LastPulledModstampUtc))
        {
            LastPulledModstampUtc = m;
        }

        Archived = false;
    }

    public void Pushed(string hash, DateTime nowUtc)
    {
        LastPushedHash = hash;
        LastPushedAtUtc = nowUtc;
    }

    /// <summary>The CRM merged this record into another: the link now points at the surviving record.</summary>
    public void MergedInto(string survivingCrmId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(survivingCrmId);
        CrmId = survivingCrmId;
    }

    public void MarkArchived() => Archived = true;
}
