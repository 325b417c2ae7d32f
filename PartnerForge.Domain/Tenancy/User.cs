using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Tenancy;

/// <summary>
/// A person in a tenant: profile, team, time zone, theme and whether they may sign in. The sign-in account
/// (password hash, security stamp, lockout, two-factor) is ASP.NET Core Identity's user in Infrastructure,
/// sharing this Id.
/// </summary>
public sealed class User : TenantOwnedEntity, PartnerForge.Domain.Auditing.IAudited
{
    private User()
    {
        Email = string.Empty;
        NormalizedEmail = string.Empty;
        DisplayName = string.Empty;
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
    }

    /// <summary>The address the person signs in with; the Identity account holds the same one (normalized for look-ups).</summary>
    public string Email { get; private set; }

    /// <summary>Upper-case e-mail: the platform-wide unique key and the look-up for imports and rules.</summary>
    public string NormalizedEmail { get; private set; }

    public string DisplayName { get; private set; }

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
