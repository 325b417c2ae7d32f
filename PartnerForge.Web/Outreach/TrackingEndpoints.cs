using System.Net;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Outreach;

namespace PartnerForge.Web.Outreach;

/// <summary>
/// The addresses in outreach e-mails, open to anyone holding a signed link (no sign-in: the recipient has none):
/// the open pixel, click redirects (only to the address signed into the link: no open redirect), and unsubscribe. A GET of
/// the unsubscribe link only asks (mail scanners follow links); the POST, from the page's button or from a mail client's
/// RFC 8058 one-click (<c>List-Unsubscribe=One-Click</c>), unsubscribes. An altered or foreign link is a plain 404.
/// </summary>
internal static class TrackingEndpoints
{
    // The smallest transparent GIF.
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static void MapTrackingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/t").AllowAnonymous().DisableAntiforgery();
        group.MapGet("/o/{token}.gif", async (string token, OutreachLinks links, EngagementService engagement, HttpContext http, CancellationToken ct) =>
        {
            if (links.Read(token, LinkKind.Open) is { } target)
            {
                await engagement.RecordLinkAsync(target, ct);
            }

            // The pixel is answered either way, and never cached (each open is its own request).
            http.Response.Headers.CacheControl = "no-store, max-age=0";
            return Results.File(Pixel, "image/gif");
        });

        group.MapGet("/c/{token}", async (string token, OutreachLinks links, EngagementService engagement, CancellationToken ct) =>
        {
            if (links.Read(token, LinkKind.Click) is not { Url: { } url } target)
            {
                return Page(HttpStatusCode.NotFound, "This link does not work", "The link may have been cut short or altered. Try copying the whole address from the e-mail.");
            }

            await engagement.RecordLinkAsync(target, ct);
            return Results.Redirect(url);
        });

        group.MapGet("/u/{token}", (string token, OutreachLinks links) =>
            links.Read(token, LinkKind.Unsubscribe) is null
                ? Page(HttpStatusCode.NotFound, "This link does not work", "The unsubscribe link may have been cut short or altered. Reply to the e-mail and ask to be removed; we will.")
                : Page(HttpStatusCode.OK, "Unsubscribe", "Press the button to stop all further e-mails from this sender's team to your address.",
                    $"<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\"><button type=\"submit\">Unsubscribe</button></form>"));

        group.MapPost("/u/{token}", async (string token, OutreachLinks links, EngagementService engagement, CancellationToken ct) =>
        {
            if (links.Read(token, LinkKind.Unsubscribe) is not { } target)
            {
                return Page(HttpStatusCode.NotFound, "This link does not work", "The unsubscribe link may have been cut short or altered. Reply to the e-mail and ask to be removed; we will.");
            }

            await engagement.RecordLinkAsync(target, ct);
            return Page(HttpStatusCode.OK, "You are unsubscribed", "You will get no more e-mails from this sender's team. Sorry to have bothered you.");
        });
    }

    private static IResult Page(HttpStatusCode status, string title, string message, string? form = null)
    {
        var html = $$$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{{WebUtility.HtmlEncode(title)}}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f1f1f;background:#fff}
            button{font:inherit;padding:.6rem 1.2rem;border-radius:4px;border:0;background:#1d4ed8;color:#fff;cursor:pointer}
            button:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}
            @media (prefers-color-scheme: dark){body{background:#121212;color:#eee}}</style></head>
            <body><main><h1>{{{WebUtility.HtmlEncode(title)}}}</h1><p>{{{WebUtility.HtmlEncode(message)}}}</p>{{{form}}}</main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: (int)status);
    }
}
