using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Administration;

/// <summary>
/// A key for the REST API, scoped to one tenant. Only a hash of the secret is stored; the secret is shown
/// once when the key is created. The prefix (first characters) identifies the key in lists and logs.
/// </summary>
public sealed class ApiKey : TenantOwnedEntity, IAudited
{
    private ApiKey()
    {
        Name = string.Empty;
        Prefix = string.Empty;
        SecretHash = string.Empty;
    }

    public ApiKey(Guid tenantId, string name, string prefix, string secretHash, Guid? createdByUserId, DateTime createdAtUtc)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        StampTenant(tenantId);
        Name = name.Trim();
        Prefix = prefix;
        SecretHash = secretHash;
        CreatedByUserId = createdByUserId;
        CreatedAtUtc = createdAtUtc;
    }

    public string Name { get; private set; }

    public string Prefix { get; private set; }

    /// <summary>SHA-256 of the whole key, lower-case hex.</summary>
    [AuditRedacted]
    public string SecretHash { get; private set; }

    public Guid? CreatedByUserId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsActive => RevokedAtUtc is null;

    public void Revoke(DateTime atUtc) => RevokedAtUtc ??= atUtc;
}
