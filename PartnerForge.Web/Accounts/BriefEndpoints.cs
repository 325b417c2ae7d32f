using PartnerForge.Domain.Scoring;
using PartnerForge.Infrastructure.Scoring;

namespace PartnerForge.Web.Accounts;

/// <summary>
/// The strategic brief of an account as Markdown (download) and as a printable HTML page. Signed-in users only
/// (fallback policy); another tenant's account id is "not found" (query filters).
/// </summary>
internal static class BriefEndpoints
{
    public static string MarkdownPath(Guid companyId) => $"/accounts/{companyId}/brief.md";

    public static string HtmlPath(Guid companyId) => $"/accounts/{companyId}/brief.html";

    public static void MapBriefEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/accounts/{id:guid}/brief.md", async (Guid id, ScoringQueries scoring, CancellationToken cancellationToken) =>
        {
            var brief = await scoring.BriefAsync(id, cancellationToken);
            return brief is null
                ? Results.NotFound()
                : Results.File(System.Text.Encoding.UTF8.GetBytes(BriefText.Markdown(brief)), "text/markdown; charset=utf-8", FileName(brief.CompanyName) + ".md");
        });

        endpoints.MapGet("/accounts/{id:guid}/brief.html", async (Guid id, ScoringQueries scoring, HttpContext http, CancellationToken cancellationToken) =>
        {
            var brief = await scoring.BriefAsync(id, cancellationToken);
            if (brief is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            // The page is self-contained (inline styles only); nothing else may load into it.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
            return Results.Content(BriefText.Html(brief), "text/html; charset=utf-8");
        });
    }

    private static string FileName(string company)
    {
        var safe = new string(company.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return "brief-" + (safe.Length == 0 ? "account" : safe[..Math.Min(60, safe.Length)]);
    }
}
