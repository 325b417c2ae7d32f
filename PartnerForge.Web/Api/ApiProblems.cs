using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using PartnerForge.Infrastructure.Application;

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

    /// <summary>
    /// The one mapping of an application <see cref="Result"/> that was not done to RFC 9457 problem details:
    /// validation → 400 with <c>errors</c> (field names in camelCase), not found → 404, conflict → 409,
    /// forbidden → 403. <paramref name="detail"/> replaces the service's message when the API words it its own way.
    /// </summary>
    public static ProblemHttpResult From(Result result, HttpContext context, string? detail = null)
    {
        if (result.Succeeded)
        {
            throw new ArgumentException("A result that was done is not a problem.", nameof(result));
        }

        if (result.Kind == ErrorKind.Validation)
        {
            var errors = result.Errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value, StringComparer.Ordinal);
            return TypedResults.Problem(new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid",
                Detail = detail ?? "One or more fields are not valid; see errors.",
                Type = "https://httpstatuses.io/400",
                Instance = context.Request.Path,
            });
        }

        var (status, title) = result.Kind switch
        {
            ErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            ErrorKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            ErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            _ => throw new ArgumentOutOfRangeException(nameof(result), result.Kind, "No problem status for this kind."),
        };
        return Problem(status, title, detail ?? result.Message ?? title, context);
    }
}
