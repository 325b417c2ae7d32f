using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Identity;

/// <summary>The one rule of who may use an account: the person is active and their workspace is not suspended.</summary>
internal static class AccountAccess
{
    /// <summary>A person who may use their account: their name and the security stamp their sessions carry.</summary>
    public sealed record ActivePerson(string DisplayName, string? SecurityStamp);

    /// <summary>The person when they may sign in; null when they are deactivated, suspended or unknown. One query.</summary>
    public static async Task<ActivePerson?> ActiveAsync(PartnerForgeDbContext db, Guid userId, CancellationToken ct = default)
    {
        var person = await db.Users.IgnoreQueryFilters().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.DisplayName,
                u.IsActive,
                Stamp = db.IdentityUsers.Where(a => a.Id == u.Id).Select(a => a.SecurityStamp).FirstOrDefault(),
                Status = db.Tenants.Where(t => t.Id == u.TenantId).Select(t => (TenantStatus?)t.Status).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        return person is { IsActive: true, Status: TenantStatus.Active } ? new ActivePerson(person.DisplayName, person.Stamp) : null;
    }

    /// <summary>The person's display name when they may sign in; null when they are deactivated, suspended or unknown.</summary>
    public static async Task<string?> ActiveNameAsync(PartnerForgeDbContext db, Guid userId, CancellationToken ct = default) =>
        (await ActiveAsync(db, userId, ct))?.DisplayName;
}
