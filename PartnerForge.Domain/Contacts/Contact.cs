using PartnerForge.Domain.Common;
using PartnerForge.Domain.Playbook;

namespace PartnerForge.Domain.Contacts;

/// <summary>A person at an account whom the team works: who they are, how to reach them, their part in the buying decision, and why we may contact them.</summary>
public sealed class Contact : TenantOwnedEntity
{
    private Contact()
    {
        FullName = string.Empty;
    }

    public Contact(Guid companyId, ContactProfile profile, Guid? ownerId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(profile);
        CompanyId = companyId;
        CreatedAtUtc = nowUtc;
        FullName = string.Empty;
        Apply(profile, ownerId, nowUtc);
    }

    public Guid CompanyId { get; private set; }

    public string FullName { get; private set; }

    public string? Title { get; private set; }

    /// <summary>Trimmed and lower case; unique within the workspace (contacts are matched by it).</summary>
    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>An IANA time zone id, for sending in the person's working hours.</summary>
    public string? TimeZone { get; private set; }

    public CommitteeRole? Role { get; private set; }

    public Guid? OwnerId { get; private set; }

    public LawfulBasis LawfulBasis { get; private set; }

    public DateTime? ConsentAtUtc { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>The CSV import that created this contact (reverting that import deletes it); null when a person added it.</summary>
    public Guid? ImportId { get; private set; }

    public void MarkImportedBy(Guid importId) => ImportId = importId;

    /// <summary>The person now works at another account (an import naming their account, or reverting one).</summary>
    public void MoveTo(Guid companyId, DateTime nowUtc)
    {
        if (companyId == CompanyId)
        {
            return;
        }

        CompanyId = companyId;
        UpdatedAtUtc = nowUtc;
    }

    public void Apply(ContactProfile profile, Guid? ownerId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(profile);
        FullName = profile.FullName;
        Title = profile.Title;
        Email = profile.Email;
        Phone = profile.Phone;
        TimeZone = profile.TimeZone;
        Role = profile.Role;
        LawfulBasis = profile.LawfulBasis;
        ConsentAtUtc = profile.ConsentAtUtc;
        OwnerId = ownerId;
        UpdatedAtUtc = nowUtc;
    }
}
