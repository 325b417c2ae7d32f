namespace PartnerForge.Domain.Tenancy;

/// <summary>Port: who is acting, and for which tenant. Null tenant means "no tenant": queries see nothing.</summary>
public interface ICurrentTenant
{
    Guid? TenantId { get; }

    Guid? UserId { get; }

    /// <summary>Where the acting request came from (client IP address, "job:Name", "system"), for the audit log.</summary>
    string Origin { get; }
}
