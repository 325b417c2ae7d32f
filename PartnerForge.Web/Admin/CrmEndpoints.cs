using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Crm;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Crm;
using PartnerForge.Web.Components.Pages.Admin.Crm;

namespace PartnerForge.Web.Admin;

/// <summary>
/// The start of connecting a CRM: a link the admin follows, answered with a redirect to the CRM's consent page. The CRM
/// sends the browser back to <see cref="CallbackPath"/> (a server-rendered page), which completes the connection.
/// </summary>
internal static class CrmEndpoints
{
    public const string CallbackPath = "/admin/crm/callback";

    public static string ConnectPath(CrmProvider provider) => $"/admin/crm/connect/{CrmWords.Slug(provider)}";

    public static IEndpointRouteBuilder MapCrmEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/crm/connect/{provider}", (string provider, HttpContext context, CrmOAuth oauth, IOptions<CrmOptions> options) =>
        {
            if (CrmWords.ProviderOf(provider) is not { } which)
            {
                return Results.NotFound();
            }

            var started = oauth.Begin(which, CallbackUri(context, options.Value));
            return started.Succeeded
                ? Results.Redirect(started.Value!.Url.AbsoluteUri)
                : Results.Redirect($"/admin/crm?cannot={CrmWords.Slug(which)}");
        }).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Admins });
        return endpoints;
    }

    /// <summary>Where the CRM sends the admin back: under <c>Crm:PublicBaseUrl</c> when set (as registered with the CRM app), else this server's address.</summary>
    private static string CallbackUri(HttpContext context, CrmOptions options)
    {
        var root = options.PublicBaseUrl?.AbsoluteUri.TrimEnd('/') ?? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        return root + CallbackPath;
    }
}
