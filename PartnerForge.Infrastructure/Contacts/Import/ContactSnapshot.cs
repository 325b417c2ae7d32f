using System.Text.Json;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Playbook;

namespace PartnerForge.Infrastructure.Contacts.Import;

/// <summary>The fields an import may change on a contact, as stored in <c>ImportChange.Before</c>.</summary>
internal sealed record ContactSnapshot(
    Guid CompanyId,
    string FullName,
    string? Title,
    string? Email,
    string? Phone,
    string? TimeZone,
    CommitteeRole? Role,
    LawfulBasis LawfulBasis,
    DateTime? ConsentAtUtc,
    Guid? OwnerId)
{
    public static ContactSnapshot Of(Contact c) =>
        new(c.CompanyId, c.FullName, c.Title, c.Email, c.Phone, c.TimeZone, c.Role, c.LawfulBasis, c.ConsentAtUtc, c.OwnerId);

    public string ToJson() => JsonSerializer.Serialize(this);

    public static ContactSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<ContactSnapshot>(json) ?? throw new InvalidOperationException("An import change has no snapshot.");

    /// <summary>Puts the contact back to these values; back at its account too when that account still exists.</summary>
    public void RestoreOnto(Contact contact, bool accountExists, DateTime nowUtc)
    {
        contact.Apply(new ContactProfile(FullName, Title, Email, Phone, TimeZone, Role, LawfulBasis, ConsentAtUtc), OwnerId, nowUtc);
        if (accountExists)
        {
            contact.MoveTo(CompanyId, nowUtc);
        }
    }
}
