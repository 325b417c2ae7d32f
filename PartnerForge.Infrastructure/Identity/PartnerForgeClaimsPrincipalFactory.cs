using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Infrastructure.Identity;

/// <summary>Adds the tenant, its name, the display name and the time zone (and a chosen theme) to the sign-in cookie.</summary>
public sealed class PartnerForgeClaimsPrincipalFactory(
    UserManager<User> userManager,
    RoleManager<Role> roleManager,
    IOptions<IdentityOptions> options,
    IDbContextFactory<PartnerForgeDbContext> contexts)
    : UserClaimsPrincipalFactory<User, Role>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var db = await contexts.CreateDbContextAsync();
        var tenantName = await db.Tenants.Where(t => t.Id == user.TenantId).Select(t => t.Name).SingleAsync();
        identity.AddClaim(new Claim(PartnerForgeClaims.TenantId, user.TenantId.ToString()));
        identity.AddClaim(new Claim(PartnerForgeClaims.TenantName, tenantName));
        identity.AddClaim(new Claim(PartnerForgeClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(PartnerForgeClaims.TimeZone, user.TimeZone));
        if (user.Theme is not null)
        {
            identity.AddClaim(new Claim(PartnerForgeClaims.Theme, user.Theme));
        }
        return identity;
    }
}
