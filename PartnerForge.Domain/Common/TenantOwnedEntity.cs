namespace PartnerForge.Domain.Common;

/// <summary>
/// Marks an entity that belongs to exactly one tenant. The persistence layer filters every query on
/// <see cref="TenantId"/> and stamps it on insert; nothing else should set it.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }

    /// <summary>Sets the owning tenant once. Changing it afterwards is refused.</summary>
    void StampTenant(Guid tenantId);
}

public abstract class TenantOwnedEntity : ITenantOwned
{
    public Guid Id { get; protected set; } = Guid.NewGuid();

    public Guid TenantId { get; private set; }

    public void StampTenant(Guid tenantId)
    {
        if (tenantId == Guid.Empty)
        {
            throw new ArgumentException("A tenant id is required.", nameof(tenantId));
        }

        if (TenantId != Guid.Empty && TenantId != tenantId)
        {
            throw new TenantMismatchException(GetType().Name, TenantId, tenantId);
        }

        TenantId = tenantId;
    }
}

public sealed class TenantMismatchException(string entity, Guid owner, Guid attempted)
    : InvalidOperationException($"{entity} belongs to tenant {owner} and cannot be written as tenant {attempted}.");
