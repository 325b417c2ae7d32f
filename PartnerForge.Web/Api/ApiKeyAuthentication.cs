using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Web.Api;

/// <summary>
/// Authenticates REST API calls by API key: <c>Authorization: Bearer pf_...</c> or <c>X-Api-Key: pf_...</c>.
/// The principal carries the key's tenant, so the tenant filters apply exactly as for a signed-in user.
/// A missing or wrong key is answered with a 401 problem document (never a redirect to the sign-in page).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "pf:api_key";
    public const string KeyPrefixClaim = "pf:api_key_prefix";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await keys.AuthenticateAsync(key, Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var claims = new ClaimsIdentity(
        [
            new Claim(PartnerForgeClaims.TenantId, identity.TenantId.ToString()),
            new Claim(KeyIdClaim, identity.KeyId.ToString()),
            new Claim(KeyPrefixClaim, identity.Prefix),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(claims), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var hasKey = ReadKey(Request) is not null;
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, hasKey ? "The API key is not valid" : "An API key is required",
            hasKey
                ? "The key is unknown, revoked, or its workspace is suspended. Create a key under Admin → API keys."
                : "Send your key as 'Authorization: Bearer pf_...' or in the 'X-Api-Key' header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This API key may not do that.");

    private static string? ReadKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers["X-Api-Key"].ToString().Trim();
        return header.Length > 0 ? header : null;
    }
}
