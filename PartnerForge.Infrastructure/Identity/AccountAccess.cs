using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Identity;

/// <summary>The one rule of who may use an account: the person is active and their workspace is not suspended.</summary>
internal static class AccountAccess
{
    /// <summary>The person's display name when they may sign in; null when they are deactivated, suspended or unknown.</summary>
    public static async Task<string?> ActiveNameAsync(PartnerForgeDbContext db, Guid userId, CancellationToken ct = default)
    {
        var person = await db.Users.IgnoreQueryFilters().Where(u => u.Id == userId)
            .Select(u => new { u.DisplayName, u.IsActive, Status = db.Tenants.Where(t => t.Id == u.TenantId).Select(t => (TenantStatus?)t.Status).FirstOrDefault() })
            .SingleOrDefaultAsync(ct);
        return person is { IsActive: true, Status: TenantStatus.Active } ? person.DisplayName : null;
    }
}
