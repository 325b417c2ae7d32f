using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Infrastructure.Identity;

/// <summary>Adds the tenant, its name, the display name and the time zone (and a chosen theme) to the sign-in cookie.</summary>
public sealed class PartnerForgeClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<ApplicationRole> roleManager,
    IOptions<IdentityOptions> options,
    IDbContextFactory<PartnerForgeDbContext> contexts)
    : UserClaimsPrincipalFactory<ApplicationUser, ApplicationRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var db = await contexts.CreateDbContextAsync();
        var person = await db.Users.IgnoreQueryFilters().Where(u => u.Id == user.Id)
            .Select(u => new { u.TenantId, u.DisplayName, u.TimeZone, u.Theme, TenantName = db.Tenants.Where(t => t.Id == u.TenantId).Select(t => t.Name).First() })
            .SingleAsync();
        identity.AddClaim(new Claim(PartnerForgeClaims.TenantId, person.TenantId.ToString()));
        identity.AddClaim(new Claim(PartnerForgeClaims.TenantName, person.TenantName));
        identity.AddClaim(new Claim(PartnerForgeClaims.DisplayName, person.DisplayName));
        identity.AddClaim(new Claim(PartnerForgeClaims.TimeZone, person.TimeZone));
        if (person.Theme is not null)
        {
            identity.AddClaim(new Claim(PartnerForgeClaims.Theme, person.Theme));
        }
        return identity;
    }
}
