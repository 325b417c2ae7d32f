using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Tenancy;

/// <summary>The signed-in user's own display choices (today: the theme), kept with the user so every browser gets them.</summary>
public sealed class UserPreferences(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant current)
{
    /// <summary>Saves "light", "dark" or null (follow the device) for the current user; false when nobody is signed in.</summary>
    public async Task<bool> SetThemeAsync(string? theme, CancellationToken cancellationToken = default)
    {
        if (current.UserId is not { } userId)
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return false;
        }

        user.ChooseTheme(theme);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
