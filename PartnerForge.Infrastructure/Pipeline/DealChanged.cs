using PartnerForge.Domain.Common;

namespace PartnerForge.Infrastructure.Pipeline;

public enum DealChangeKind
{
    Created = 0,
    Moved = 1,
    Edited = 2,
}

/// <summary>A deal was created, moved on the board or edited; open boards of the same tenant reload.</summary>
public sealed record DealChanged(Guid TenantId, Guid DealId, Guid? ByUserId, DealChangeKind Kind) : ITenantEvent;
