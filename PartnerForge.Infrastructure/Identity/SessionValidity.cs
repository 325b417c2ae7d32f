using Microsoft.EntityFrameworkCore;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Identity;

/// <summary>
/// Whether a signed-in session still stands: the person may use their account (<see cref="AccountAccess"/>: active,
/// workspace not suspended) and the security stamp the session was issued with is still theirs (a password reset,
/// two-factor change or "sign out everywhere" rotates it). One query on a short-lived context, so a live circuit that
/// asks every few minutes holds no DbContext between checks.
/// </summary>
public sealed class SessionValidity(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    public async Task<bool> StillValidAsync(Guid userId, string? securityStamp, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return securityStamp is not null
            && await AccountAccess.ActiveAsync(db, userId, ct) is { } person
            && string.Equals(person.SecurityStamp, securityStamp, StringComparison.Ordinal);
    }
}
