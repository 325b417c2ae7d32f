using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Billing;
using PartnerForge.Infrastructure.Api;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Billing;
using PartnerForge.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Web.Api;

public sealed record ApiAccount(Guid Id, string Name, string Domain, DateTime CreatedAtUtc);

public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record ApiCreateTarget(string? Name, string? Domain);

public sealed record ApiHealth(string Status, bool Database, DateTime AtUtc);

/// <summary>
/// REST API v1 under <c>/api/v1</c>: API-key authentication, per-key rate limit, usage metering, RFC 9457
/// problem details, OpenAPI document at <c>/api/v1/openapi.json</c>. Every query runs in the key's tenant.
/// </summary>
public static class ApiEndpoints
{
    public const string Policy = "api-key";
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddPartnerForgeApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddProblemDetails();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiKeyAuthenticationHandler.KeyIdClaim));
        services.AddOpenApi("v1", o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true && !d.RelativePath.Contains("{**", StringComparison.Ordinal));
        return services;
    }

    public static IEndpointRouteBuilder MapPartnerForgeApi(this IEndpointRouteBuilder endpoints)
    {
        // The literal path (document "v1" by default) wins over the API catch-all below.
        endpoints.MapOpenApi(Prefix + "/openapi.json").AllowAnonymous();
        var open = endpoints.MapGroup(Prefix).AllowAnonymous().WithTags("System");
        open.MapGet("/health", GetHealthAsync).WithName("GetHealth").WithSummary("Service health (no key needed)");

        var api = endpoints.MapGroup(Prefix)
            .RequireAuthorization(Policy)
            .AddEndpointFilter(LimitPerKeyAsync)
            .AddEndpointFilter(ActAsKeyTenantAndMeterAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/targets", ListTargetsAsync).WithName("ListTargets").WithTags("Targets")
            .WithSummary("Accounts of the key's workspace, filtered by name or domain (q) and paged (page, pageSize ≤ 100)")
            .ProducesValidationProblem();
        api.MapPost("/targets", CreateTargetAsync).WithName("CreateTarget").WithTags("Targets")
            .WithSummary("Adds an account; the domain is normalized (scheme, www., path removed)")
            .Accepts<ApiCreateTarget>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/accounts/{domain}", ApiV1Intelligence.GetAccountAsync).WithName("GetAccount").WithTags("Accounts")
            .WithSummary("One account by domain, with its intelligence per module and every fact's source (url, fetched at, method)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        ApiV1Intelligence.Map(api);
        ApiV1Batches.Map(api);
        ApiV1Contacts.Map(api);
        ApiV1AlertRules.Map(api);

        // Anything else under /api/v1 is a problem, not the HTML not-found page: 415 when an endpoint of that path and
        // method exists but takes another Content-Type (routing set it aside for that reason), else 404.
        endpoints.Map(Prefix + "/{**rest}", (HttpContext context, EndpointDataSource sources) =>
            WantsOtherContentType(context, sources) is { } accepted
                ? ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                    $"{context.Request.Method} {context.Request.Path} takes a body of type {accepted}; this request sent '{context.Request.ContentType ?? "none"}'.", context)
                : ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"There is no API endpoint {context.Request.Method} {context.Request.Path}.", context))
            .AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The content types of the API endpoint this request was meant for, when only its Content-Type kept it from matching.</summary>
    private static string? WantsOtherContentType(HttpContext context, EndpointDataSource sources)
    {
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>();
            if (accepts is null || methods?.HttpMethods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase) != true
                || endpoint.RoutePattern.RawText is not { } pattern || !pattern.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var matcher = new TemplateMatcher(TemplateParser.Parse(pattern), new RouteValueDictionary());
            if (matcher.TryMatch(context.Request.Path, new RouteValueDictionary()))
            {
                return string.Join(" or ", accepts.ContentTypes);
            }
        }

        return null;
    }

    /// <summary>
    /// After authorization: the key's requests per window (<see cref="ApiOptions"/>), counted in the database so every
    /// node counts against one limit (<see cref="ApiRateCounter"/>). Over the limit: 429 with Retry-After. When the
    /// database cannot take the count (storage full) the request goes on uncounted, with a warning, as metering does.
    /// </summary>
    private static async ValueTask<object?> LimitPerKeyAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var api = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
        var keyId = http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value ?? "anonymous";
        RateDecision decision;
        try
        {
            decision = await http.RequestServices.GetRequiredService<ApiRateCounter>()
                .TakeAsync(keyId, api.PermitLimit, TimeSpan.FromSeconds(api.WindowSeconds), http.RequestAborted);
        }
        catch (Exception ex) when (DatabaseErrors.IsStorageFull(ex))
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiEndpoints))
                .LogWarning("API request by key {KeyId} not counted against its limit: storage is full", keyId);
            return await next(invocation);
        }

        if (decision.Allowed)
        {
            return await next(invocation);
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
            $"This API key has used its {api.PermitLimit} requests for this window. Retry after {seconds} seconds.", http);
    }

    /// <summary>After authorization: the scope acts as the key's tenant, and the call is metered.</summary>
    private static async ValueTask<object?> ActAsKeyTenantAndMeterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var prefix = http.User.FindFirst(ApiKeyAuthenticationHandler.KeyPrefixClaim)?.Value ?? "api";
        http.RequestServices.GetRequiredService<TenantContext>().SetFromPrincipal(http.User, $"api:{prefix}");
        var meter = http.RequestServices.GetRequiredService<IUsageMeter>();
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            // A read never depends on metering: when the database cannot take the usage row (storage full), the
            // read is answered and the call goes unmetered, with a warning.
            try
            {
                await meter.RecordAsync(UsageKind.ApiCall, 1, $"api:{prefix}", http.RequestAborted);
            }
            catch (Exception ex) when (DatabaseErrors.IsStorageFull(ex))
            {
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiEndpoints))
                    .LogWarning("API read by key {Prefix} not metered: storage is full", prefix);
            }
        }
        else
        {
            await meter.RecordAsync(UsageKind.ApiCall, 1, $"api:{prefix}", http.RequestAborted);
        }

        return await next(invocation);
    }

    /// <summary>The same database check as <c>/health/ready</c> (answers, migrated, writable), run through the health-check service.</summary>
    private static async Task<Ok<ApiHealth>> GetHealthAsync(HealthCheckService health, TimeProvider time, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(c => c.Name == "database", ct);
        var database = report.Status == HealthStatus.Healthy;
        return TypedResults.Ok(new ApiHealth(database ? "ok" : "degraded", database, time.GetUtcNow().UtcDateTime));
    }

    private static async Task<Results<Ok<ApiPage<ApiAccount>>, ValidationProblem>> ListTargetsAsync(
        HttpContext context, AccountDirectory directory, string? q, string? page, string? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var pageNumber = ParseInt(page, 1, "page", 1, int.MaxValue, errors);
        var size = ParseInt(pageSize, 25, "pageSize", 1, 100, errors);
        if (q is { Length: > 200 })
        {
            errors["q"] = ["The search text may have at most 200 characters."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors, context);
        }

        var (accounts, total) = await directory.SearchAsync(q, pageNumber, size, ct);
        var items = accounts.Select(a => new ApiAccount(a.Id, a.Name, a.Domain, a.CreatedAtUtc)).ToList();
        return TypedResults.Ok(new ApiPage<ApiAccount>(items, pageNumber, size, total));
    }

    /// <summary>POST /targets: the same account creation as the New account form (<see cref="AccountEditor.CreateAsync"/>).</summary>
    private static async Task<Results<Created<ApiAccount>, ValidationProblem, ProblemHttpResult>> CreateTargetAsync(
        HttpContext context, AccountEditor accounts, AccountDirectory directory, CancellationToken ct)
    {
        ApiCreateTarget? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<ApiCreateTarget>(ct);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            body = null;
        }

        if (body is null)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["body"] = ["Send a JSON object like {\"name\": \"Acme\", \"domain\": \"acme.com\"}."] }, context);
        }

        var result = await accounts.CreateAsync(new CompanyProfileInput(body.Name, body.Domain, null, null, null, null, null), ownerId: null, ct);
        if (!result.Succeeded)
        {
            return result.Kind == ErrorKind.Conflict && DomainName.TryParse(body.Domain, out var taken, out _)
                ? ApiProblems.From(result, context, $"An account with domain {taken.Value} already exists: GET {Prefix}/accounts/{taken.Value}.")
                : ApiProblems.From(result, context);
        }

        var account = (await directory.FindAsync(result.Value, ct))!;
        return TypedResults.Created($"{Prefix}/accounts/{account.Domain}", new ApiAccount(account.Id, account.Name, account.Domain, account.CreatedAtUtc));
    }

    private static int ParseInt(string? text, int fallback, string name, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"{name} must be a whole number from {min} to {max}."];
        return fallback;
    }
}
