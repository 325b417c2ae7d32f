namespace PartnerForge.Domain.Common;

/// <summary>Something that happened in one tenant. The event bus delivers it only to that tenant's subscribers.</summary>
public interface ITenantEvent
{
    Guid TenantId { get; }
}
