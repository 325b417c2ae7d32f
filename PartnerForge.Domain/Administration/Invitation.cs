using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Administration;

/// <summary>
/// An invitation to join a tenant with a role. The link carries a one-time token; only its hash is stored.
/// Accepting it (before it expires, once) creates the user with the password they choose.
/// </summary>
public sealed class Invitation : TenantOwnedEntity, IAudited
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private Invitation()
    {
        Email = string.Empty;
        DisplayName = string.Empty;
        Role = string.Empty;
        TokenHash = string.Empty;
    }

    public Invitation(Guid tenantId, string email, string displayName, string role, string tokenHash, Guid? invitedByUserId, DateTime createdAtUtc)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        StampTenant(tenantId);
        Email = email.Trim();
        DisplayName = displayName.Trim();
        Role = role;
        TokenHash = tokenHash;
        InvitedByUserId = invitedByUserId;
        CreatedAtUtc = createdAtUtc;
        ExpiresAtUtc = createdAtUtc + Lifetime;
    }

    public string Email { get; private set; }

    public string DisplayName { get; private set; }

    public string Role { get; private set; }

    [AuditRedacted]
    public string TokenHash { get; private set; }

    public Guid? InvitedByUserId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }

    public DateTime? AcceptedAtUtc { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public bool CanBeAccepted(DateTime nowUtc) => AcceptedAtUtc is null && RevokedAtUtc is null && nowUtc < ExpiresAtUtc;

    public void Accept(DateTime nowUtc)
    {
        if (!CanBeAccepted(nowUtc))
        {
            throw new InvalidOperationException("This invitation has been used, revoked or has expired.");
        }

        AcceptedAtUtc = nowUtc;
    }

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;
}
