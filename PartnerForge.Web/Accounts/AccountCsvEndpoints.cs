using System.Globalization;
using PartnerForge.Infrastructure.Accounts.Export;
using PartnerForge.Infrastructure.Accounts.Import;

namespace PartnerForge.Web.Accounts;

/// <summary>
/// CSV downloads: the export of the accounts grid's current view, and an import's error file. Both need a
/// signed-in user (the fallback policy) and see only that user's tenant (query filters; another tenant's
/// import id is "not found").
/// </summary>
internal static class AccountCsvEndpoints
{
    public const string ExportPath = "/accounts/export.csv";

    public static string ErrorFilePath(Guid importId) => $"/accounts/imports/{importId}/errors.csv";

    /// <summary>The export URL for a grid view (the grid's Export button links here).</summary>
    public static string ExportUrl(AccountExportQuery query) => ExportPath + "?" + query.ToQueryString();

    public static void MapAccountCsvEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportPath, async (HttpContext http, AccountExporter exporter, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var (query, error) = AccountExportQuery.Parse(http.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
            if (query is null)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.Response.WriteAsync(error ?? "Bad export query.", cancellationToken);
                return;
            }

            var name = $"accounts-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv";
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
            http.Response.Headers.CacheControl = "no-store";
            await exporter.WriteAsync(query, http.Response.Body, cancellationToken);
        });

        endpoints.MapGet("/accounts/imports/{importId:guid}/errors.csv", async (Guid importId, ImportService imports, CancellationToken cancellationToken) =>
        {
            var file = await imports.ErrorFileAsync(importId, cancellationToken);
            return file is { } f
                ? Results.File(f.Path, "text/csv; charset=utf-8", f.DownloadName)
                : Results.NotFound();
        });
    }
}
