namespace PartnerForge.Web.Hosting;

/// <summary>
/// The security headers of every answer — pages, API, static files, errors: a Content-Security-Policy for scripts,
/// styles, connections and frames, <c>nosniff</c>, a referrer policy, no framing, and HSTS when the request came over
/// TLS. An endpoint that sets a stricter policy of its own keeps it. Styles allow inline because MudBlazor sets style attributes and writes its theme as a style element; scripts
/// come only from this origin (no inline script or handler is in our markup).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static IApplicationBuilder UsePartnerForgeSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                // An endpoint may have set a stricter policy of its own (the brief's HTML export allows no script at all).
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }

                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
