using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using PartnerForge.Web.Api;
using PartnerForge.Infrastructure.Health;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Web.Hosting;

/// <summary>
/// The one place an unhandled exception becomes an answer, in every environment: the API gets RFC 9457 problem
/// details with the request's trace id; pages get the error page with the right status. A request the client got
/// wrong (a bad form, a missing antiforgery token) is a 400 logged as a warning without a stack trace; storage that
/// is full is a 503 "storage full"; everything else is a 500 with the trace id to quote.
/// </summary>
internal sealed class PartnerForgeExceptionHandler(StorageState storage, ILogger<PartnerForgeExceptionHandler> logger) : IExceptionHandler
{
    public const string ErrorPath = "/error";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var answer = Classify(exception);
        if (answer.Status == StatusCodes.Status503ServiceUnavailable)
        {
            storage.ReportFull();
            httpContext.Response.Headers.RetryAfter = "60";
        }

        if (answer.Status < 500)
        {
            logger.LogWarning("{Method} {Path} refused: {Reason}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }

        httpContext.Response.StatusCode = answer.Status;
        // The middleware has already pointed the request at the error page: the original path is in its feature.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        if (!IsApi(path))
        {
            return false; // the error page renders, with this status
        }

        httpContext.Request.Path = path;
        await ApiProblems.WriteAsync(httpContext, answer.Status, answer.Title, answer.Detail);
        return true;
    }

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>Status, title and a detail that is safe to show (no paths, SQL or stack).</summary>
    public static (int Status, string Title, string Detail) Classify(Exception exception) => exception switch
    {
        AntiforgeryValidationException or BadHttpRequestException { InnerException: AntiforgeryValidationException } =>
            (400, "Bad request", "The form's security token is missing or expired. Reload the page and try again."),
        BadHttpRequestException bad => (bad.StatusCode, "Bad request", "The request could not be read. Check its body and Content-Type."),
        _ when DatabaseErrors.IsStorageFull(exception) =>
            (503, "Storage full", "The server's storage is full, so this change was not saved. Reading still works; try again once space is freed."),
        _ => (500, "Server error", "PartnerForge hit an unexpected error. Nothing was changed by this request; quote the trace id to your admin."),
    };

    /// <summary>Only server faults are logged with their stack by the middleware; the handler above logs the rest briefly.</summary>
    public static bool ShouldLogDiagnostics(Exception exception) => Classify(exception).Status >= 500;
}
