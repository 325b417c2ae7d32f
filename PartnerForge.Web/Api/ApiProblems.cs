using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace PartnerForge.Web.Api;

/// <summary>RFC 9457 problem details for the REST API, written the same way from handlers, filters and middleware.</summary>
internal static class ApiProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://httpstatuses.io/{status}",
            Instance = context.Request.Path,
            Extensions = { ["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier },
        };
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", cancellationToken: context.RequestAborted);
    }

    public static ProblemHttpResult Problem(int status, string title, string detail, HttpContext context) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: $"https://httpstatuses.io/{status}", instance: context.Request.Path);

    public static ValidationProblem Validation(IDictionary<string, string[]> errors, HttpContext context) =>
        TypedResults.ValidationProblem(errors, detail: "One or more fields are not valid; see errors.", instance: context.Request.Path,
            title: "The request is not valid", type: "https://httpstatuses.io/400");
}
