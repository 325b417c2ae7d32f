using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Identity;

namespace PartnerForge.Web.Auth;

/// <summary>
/// Checks the sign-in cookie on every request: the session must still stand (<see cref="SessionValidity"/>: the person
/// is active, the workspace is not suspended, the security stamp is the one the cookie was issued with), else the cookie
/// is rejected and removed — a deactivated user, a reset password or a changed role ends every session at once.
/// </summary>
/// <remarks>
/// In place of Identity's security-stamp validator, which builds a sign-in manager, a user manager and a DbContext in the
/// request's scope to do the same check: for the circuit's WebSocket that scope lives as long as the circuit, so every
/// open page held them. This asks one query on a short-lived context.
/// </remarks>
internal static class SessionCookieValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        if (context.Principal is { } principal
            && Guid.TryParse(principal.FindFirstValue(claims.UserIdClaimType), out var userId)
            && await services.GetRequiredService<SessionValidity>().StillValidAsync(userId, principal.FindFirstValue(claims.SecurityStampClaimType), context.HttpContext.RequestAborted))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
