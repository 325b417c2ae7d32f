using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Auditing;

public enum AuditAction
{
    Created = 0,
    Updated = 1,
    Deleted = 2,

    /// <summary>A privacy export: everything held on a person was handed out.</summary>
    Exported = 3,

    /// <summary>A privacy erasure: a person's data was removed (the entry names no one).</summary>
    Erased = 4,
}

/// <summary>One audited change: who did what to which record, when, from where, with the values before and after.</summary>
public sealed class AuditEntry : TenantOwnedEntity
{
    private AuditEntry()
    {
        EntityType = string.Empty;
        Changes = string.Empty;
        Origin = string.Empty;
    }

    public AuditEntry(Guid tenantId, Guid? userId, AuditAction action, string entityType, Guid entityId, string changes, string origin, DateTime atUtc)
    {
        StampTenant(tenantId);
        UserId = userId;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Changes = changes;
        Origin = origin;
        AtUtc = atUtc;
    }

    /// <summary>Null when the system (a job, seeding) made the change.</summary>
    public Guid? UserId { get; private set; }

    public AuditAction Action { get; private set; }

    public string EntityType { get; private set; }

    public Guid EntityId { get; private set; }

    /// <summary>JSON object: property name to <c>{ "old": ..., "new": ... }</c>.</summary>
    public string Changes { get; private set; }

    /// <summary>Where the change came from: the client IP address, or "job:Name", or "system".</summary>
    public string Origin { get; private set; }

    public DateTime AtUtc { get; private set; }
}
