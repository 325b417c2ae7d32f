namespace PartnerForge.Domain.Tenancy;

public enum TenantStatus
{
    Active = 0,
    Suspended = 1,
}

/// <summary>
/// A customer organisation. Every other business row belongs to exactly one tenant. Audited (suspension,
/// renaming) into its own tenant's log.
/// </summary>
public sealed class Tenant : PartnerForge.Domain.Auditing.IAudited
{
    private Tenant()
    {
        Name = string.Empty;
        Slug = string.Empty;
        TimeZone = "UTC";
    }

    public Tenant(string name, string slug, DateTime createdAtUtc, string timeZone = "UTC")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        Id = Guid.NewGuid();
        Name = name.Trim();
        Slug = slug.Trim().ToLowerInvariant();
        TimeZone = timeZone;
        CreatedAtUtc = createdAtUtc;
        Status = TenantStatus.Active;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Slug { get; private set; }

    public TenantStatus Status { get; private set; }

    /// <summary>IANA time zone id used for tenant-wide schedules.</summary>
    public string TimeZone { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>An admin setting: every user of the tenant must sign in with two-factor (they are sent to set it up).</summary>
    public bool RequiresTwoFactor { get; private set; }

    public void RequireTwoFactor(bool required) => RequiresTwoFactor = required;

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    public void Suspend() => Status = TenantStatus.Suspended;

    public void Reactivate() => Status = TenantStatus.Active;
}
