using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Identity;

namespace PartnerForge.Web.Auth;

/// <summary>
/// Re-checks a live circuit's user every few minutes (<see cref="SessionValidity"/>): a deactivated user, a suspended
/// workspace, or a security stamp that changed (password reset, two-factor change, sign-out everywhere) ends the
/// circuit's authentication.
/// </summary>
internal sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    SessionValidity sessions,
    IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(5);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        var claims = options.Value.ClaimsIdentity;
        return Guid.TryParse(principal.FindFirstValue(claims.UserIdClaimType), out var userId)
            ? sessions.StillValidAsync(userId, principal.FindFirstValue(claims.SecurityStampClaimType), cancellationToken)
            : Task.FromResult(false);
    }
}
