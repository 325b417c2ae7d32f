using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Tenancy;
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
        var person = await db.Users.IgnoreQueryFilters().Where(u => u.Id == userId)
            .Select(u => new { u.IsActive, Stamp = db.IdentityUsers.Where(a => a.Id == u.Id).Select(a => a.SecurityStamp).FirstOrDefault(), Status = db.Tenants.Where(t => t.Id == u.TenantId).Select(t => (TenantStatus?)t.Status).FirstOrDefault() })
            .SingleOrDefaultAsync(ct);
        return person is { IsActive: true, Status: TenantStatus.Active }
            && securityStamp is not null
            && string.Equals(person.Stamp, securityStamp, StringComparison.Ordinal);
    }
}
