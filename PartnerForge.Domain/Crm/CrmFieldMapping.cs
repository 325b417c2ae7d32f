using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Crm;

/// <summary>
/// One field of one object kind mapped between a connection's CRM and PartnerForge, in one direction, with the policy
/// that decides a conflict for that field when it is pulled.
/// </summary>
public sealed class CrmFieldMapping : TenantOwnedEntity, IAudited
{
    public const int MaxFieldLength = 100;

    private CrmFieldMapping()
    {
        OurField = string.Empty;
        CrmProperty = string.Empty;
    }

    public CrmFieldMapping(Guid connectionId, CrmObjectKind kind, SyncDirection direction, string ourField, string crmProperty, ConflictPolicy policy)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ourField);
        ArgumentException.ThrowIfNullOrWhiteSpace(crmProperty);
        ConnectionId = connectionId;
        ObjectKind = kind;
        Direction = direction;
        OurField = ourField.Trim();
        CrmProperty = crmProperty.Trim();
        Policy = policy;
    }

    public Guid ConnectionId { get; private set; }

    public CrmObjectKind ObjectKind { get; private set; }

    public SyncDirection Direction { get; private set; }

    /// <summary>Our field's name, one of <see cref="CrmFields"/>.</summary>
    public string OurField { get; private set; }

    /// <summary>The CRM's internal property name (e.g. HubSpot <c>dealstage</c>, <c>partnerforge_tier</c>).</summary>
    public string CrmProperty { get; private set; }

    public ConflictPolicy Policy { get; private set; }
}
