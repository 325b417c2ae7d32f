using Microsoft.AspNetCore.Identity;
using PartnerForge.Domain.Auditing;

namespace PartnerForge.Infrastructure.Identity;

/// <summary>
/// ASP.NET Core Identity's sign-in account for a <see cref="Domain.Tenancy.User"/>, with the same Id: user name and
/// e-mail, password hash, security stamp, lockout, two-factor state. Stored by Identity's EF stores in
/// <c>AspNetUsers</c>. The person (tenant, display name, team, time zone, theme, active) stays the Domain user.
/// Not tenant-filtered: sign-in finds the account by e-mail before any tenant is known. Audited in its tenant's log.
/// </summary>
public sealed class ApplicationUser : IdentityUser<Guid>, IAudited
{
    /// <summary>For EF and Identity's stores.</summary>
    public ApplicationUser()
    {
    }

    /// <summary>The account of <paramref name="user"/>: same Id, tenant and e-mail; lockout on as for every user.</summary>
    public ApplicationUser(Domain.Tenancy.User user)
    {
        Id = user.Id;
        TenantId = user.TenantId;
        UserName = user.Email;
        NormalizedUserName = user.NormalizedEmail;
        Email = user.Email;
        NormalizedEmail = user.NormalizedEmail;
        EmailConfirmed = true; // admins and invitations create users; there is no self sign-up to confirm
        SecurityStamp = Guid.NewGuid().ToString("N");
        LockoutEnabled = true;
    }

    /// <summary>The tenant of the Domain user (it never changes); for the audit log and the tenant's two-factor rule.</summary>
    public Guid TenantId { get; set; }

    [AuditRedacted]
    public override string? PasswordHash { get; set; }

    [AuditRedacted]
    public override string? SecurityStamp { get; set; }

    [AuditIgnore]
    public override string? ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();

    [AuditIgnore]
    public override string? NormalizedUserName { get; set; }

    [AuditIgnore]
    public override string? NormalizedEmail { get; set; }
}
