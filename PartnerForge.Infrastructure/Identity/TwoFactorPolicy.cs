using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Identity;

/// <summary>
/// Whether the signed-in user must set up two-factor before using the app: their workspace requires it and they have
/// not turned it on. One short-lived context per question, so the layout that asks keeps no DbContext (nor a
/// UserManager's) alive for the whole circuit.
/// </summary>
public sealed class TwoFactorPolicy(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    public async Task<bool> MustSetUpAsync(ClaimsPrincipal signedIn, CancellationToken ct = default)
    {
        if (!Guid.TryParse(signedIn.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.IdentityUsers.IgnoreQueryFilters()
            .Where(u => u.Id == userId && !u.TwoFactorEnabled)
            .AnyAsync(u => db.Tenants.Any(t => t.Id == u.TenantId && t.RequiresTwoFactor), ct);
    }
}
