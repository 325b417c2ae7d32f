namespace PartnerForge.Domain.Tenancy;

/// <summary>Port: who is acting, and for which tenant. Null tenant means "no tenant": queries see nothing.</summary>
public interface ICurrentTenant
{
    Guid? TenantId { get; }

    Guid? UserId { get; }
}
