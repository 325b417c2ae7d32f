using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Identity;

/// <summary>Identity's sign-in manager, refusing deactivated users and users of a suspended tenant.</summary>
public sealed class PartnerForgeSignInManager(
    UserManager<User> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<User> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<User>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation,
    IDbContextFactory<PartnerForgeDbContext> contexts)
    : SignInManager<User>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(User user)
    {
        if (!user.IsActive)
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync();
        var status = await db.Tenants.Where(t => t.Id == user.TenantId).Select(t => (TenantStatus?)t.Status).SingleOrDefaultAsync();
        return status == TenantStatus.Active && await base.CanSignInAsync(user);
    }
}
