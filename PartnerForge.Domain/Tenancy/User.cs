using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Tenancy;

/// <summary>
/// A person who signs in. The identity fields (normalized names, hash, stamps, lockout) are the ones
/// ASP.NET Core Identity's UserManager works with through our own user store.
/// </summary>
public sealed class User : TenantOwnedEntity, PartnerForge.Domain.Auditing.IAudited
{
    private User()
    {
        Email = string.Empty;
        NormalizedEmail = string.Empty;
        DisplayName = string.Empty;
        SecurityStamp = Guid.NewGuid().ToString("N");
        TimeZone = "UTC";
    }

    public User(Guid tenantId, string email, string displayName, DateTime createdAtUtc, string timeZone = "UTC")
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        StampTenant(tenantId);
        Email = email.Trim();
        NormalizedEmail = Email.ToUpperInvariant();
        DisplayName = displayName.Trim();
        TimeZone = timeZone;
        CreatedAtUtc = createdAtUtc;
        IsActive = true;
        LockoutEnabled = true;
    }

    public string Email { get; set; }

    public string NormalizedEmail { get; set; }

    public string DisplayName { get; private set; }

    [PartnerForge.Domain.Auditing.AuditRedacted]
    public string? PasswordHash { get; set; }

    [PartnerForge.Domain.Auditing.AuditRedacted]
    public string SecurityStamp { get; set; }

    public DateTimeOffset? LockoutEndUtc { get; set; }

    public bool LockoutEnabled { get; set; }

    public int AccessFailedCount { get; set; }

    public bool IsActive { get; private set; }

    /// <summary>IANA time zone id; dates and digest hours are shown in it.</summary>
    public string TimeZone { get; private set; }

    public Guid? TeamId { get; private set; }

    /// <summary>"light" or "dark"; null follows the device's preference. A display choice, not audited.</summary>
    [PartnerForge.Domain.Auditing.AuditIgnore]
    public string? Theme { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Initials for the avatar in the header.</summary>
    public string Initials =>
        string.Concat(DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(p => char.ToUpperInvariant(p[0])));

    public void JoinTeam(Guid? teamId) => TeamId = teamId;

    /// <summary>The themes a person can choose; anything else is refused.</summary>
    public static IReadOnlyList<string> Themes { get; } = ["light", "dark"];

    public void ChooseTheme(string? theme)
    {
        if (theme is not null && !Themes.Contains(theme, StringComparer.Ordinal))
        {
            throw new ArgumentOutOfRangeException(nameof(theme), theme, "A theme is \"light\", \"dark\" or none (follow the device).");
        }

        Theme = theme;
    }

    public void Deactivate() => IsActive = false;

    public void Reactivate() => IsActive = true;
}
