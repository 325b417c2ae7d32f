using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using PartnerForge.Infrastructure.Identity;

namespace PartnerForge.Web.Auth;

internal static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/access-denied";
    public const string LoginTwoFactorPath = "/account/login/two-factor";
    public const string TwoFactorSetupPath = "/account/two-factor";

    /// <summary>Sign-out is a POST with an antiforgery token (the form in the user menu).</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LogoutPath, async Task<IResult> (HttpContext context, SignInManager<ApplicationUser> signIn) =>
            {
                // Checked here rather than by reading the form, which would throw: a missing or stale token is the
                // client's mistake (or a forged request), so it is a 400 with a sentence, not a server error.
                if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
                {
                    return TypedResults.Content(StaleFormMessage, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                }

                await signIn.SignOutAsync();
                return TypedResults.LocalRedirect(LoginPath + "?signedOut=1");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    public const string StaleFormMessage = "The sign-out form's security token is missing or expired, so you are still signed in. Reload the page and sign out again.";

    /// <summary>Only local, relative return URLs are followed after sign-in.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
