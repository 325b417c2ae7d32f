using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Accounts;

/// <summary>A free-text label on an account. Unique per account (case-insensitively, stored as typed).</summary>
public sealed class CompanyTag : TenantOwnedEntity
{
    private CompanyTag()
    {
        Tag = string.Empty;
        NormalizedTag = string.Empty;
    }

    public CompanyTag(Guid companyId, string tag)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        CompanyId = companyId;
        Tag = tag.Trim();
        NormalizedTag = Normalize(Tag);
    }

    public Guid CompanyId { get; private set; }

    public string Tag { get; private set; }

    public string NormalizedTag { get; private set; }

    public static string Normalize(string tag) => tag.Trim().ToLowerInvariant();
}
