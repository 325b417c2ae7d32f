using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Accounts;

/// <summary>The record of merging one account into another: what the merged account was, who merged it, when.</summary>
public sealed class CompanyMerge : TenantOwnedEntity
{
    private CompanyMerge()
    {
        MergedName = string.Empty;
        MergedDomain = string.Empty;
        MergedSnapshot = "{}";
    }

    public CompanyMerge(Guid survivorId, Guid mergedId, string mergedName, string mergedDomain, string mergedSnapshot, Guid? byUserId, DateTime atUtc)
    {
        SurvivorId = survivorId;
        MergedId = mergedId;
        MergedName = mergedName;
        MergedDomain = mergedDomain;
        MergedSnapshot = mergedSnapshot;
        ByUserId = byUserId;
        AtUtc = atUtc;
    }

    public Guid SurvivorId { get; private set; }

    public Guid MergedId { get; private set; }

    public string MergedName { get; private set; }

    public string MergedDomain { get; private set; }

    /// <summary>JSON of the merged account's fields and tags as they were.</summary>
    public string MergedSnapshot { get; private set; }

    public Guid? ByUserId { get; private set; }

    public DateTime AtUtc { get; private set; }
}
