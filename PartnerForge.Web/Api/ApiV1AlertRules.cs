using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerForge.Domain.Changes;
using PartnerForge.Infrastructure.Changes;

namespace PartnerForge.Web.Api;

/// <summary>An alert rule as the API reads and writes it. Exactly one of userId and teamId says whom it alerts.</summary>
public sealed record ApiAlertRule(
    Guid Id, string Name, Guid? UserId, Guid? TeamId, bool IsActive, string? Module, string? PathPrefix, string? Kind, int MinSignificance,
    IReadOnlyList<string> Technologies, IReadOnlyList<string> Tiers, bool OnlyMyAccounts, Guid? TerritoryId);

/// <summary>
/// The body of POST and PUT /alerts/rules. The recipient is a user (userId, or userEmail) or a team (teamId); on PUT
/// it may be left out (a rule's recipient cannot change).
/// </summary>
public sealed record ApiAlertRuleInput(
    string? Name, Guid? UserId, Guid? TeamId, bool? IsActive, string? Module, string? PathPrefix, string? Kind, int? MinSignificance,
    IReadOnlyList<string>? Technologies, IReadOnlyList<string>? Tiers, bool? OnlyMyAccounts, Guid? TerritoryId, string? UserEmail = null);

/// <summary>
/// CRUD of the key's tenant's alert rules over HTTP; the rules themselves are <see cref="AlertRuleAdministration"/>'s
/// (the same validation as the settings page; another tenant's rule id is a 404).
/// </summary>
internal static class ApiV1AlertRules
{

    public static void Map(RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/alerts/rules").WithTags("Alert rules");
        rules.MapGet("/", ListAsync).WithName("ListAlertRules").WithSummary("The workspace's alert rules");
        rules.MapGet("/{id}", GetAsync).WithName("GetAlertRule").WithSummary("One alert rule")
            .ProducesProblem(StatusCodes.Status404NotFound);
        rules.MapPost("/", CreateAsync).WithName("CreateAlertRule").WithSummary("Adds an alert rule for one user or one team")
            .Accepts<ApiAlertRuleInput>("application/json")
            .ProducesValidationProblem();
        rules.MapPut("/{id}", UpdateAsync).WithName("UpdateAlertRule").WithSummary("Replaces a rule's name and criteria (its user or team stays)")
            .Accepts<ApiAlertRuleInput>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        rules.MapDelete("/{id}", DeleteAsync).WithName("DeleteAlertRule").WithSummary("Deletes an alert rule (alerts it raised stay)")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<ApiAlertRule>>> ListAsync(AlertRuleAdministration rules, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<ApiAlertRule>>((await rules.ListAsync(ct)).Select(ToApi).ToList());

    private static async Task<Results<Ok<ApiAlertRule>, ProblemHttpResult>> GetAsync(HttpContext context, AlertRuleAdministration rules, string id, CancellationToken ct)
    {
        var rule = Guid.TryParse(id, out var ruleId) ? await rules.FindAsync(ruleId, ct) : null;
        return rule is null ? NotFound(id, context) : TypedResults.Ok(ToApi(rule));
    }

    private static async Task<Results<Created<ApiAlertRule>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext context, AlertRuleAdministration rules, CancellationToken ct)
    {
        var (input, bodyError) = await ReadAsync(context, ct);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var keyId = Guid.TryParse(context.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value, out var key) ? key : (Guid?)null;
        var result = await rules.CreateAsync(Request(input!), keyId, ct);
        return result.Succeeded
            ? TypedResults.Created($"{ApiEndpoints.Prefix}/alerts/rules/{result.Value!.Id}", ToApi(result.Value))
            : ApiProblems.From(result, context);
    }

    private static async Task<Results<Ok<ApiAlertRule>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        HttpContext context, AlertRuleAdministration rules, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var ruleId) || await rules.FindAsync(ruleId, ct) is null)
        {
            return NotFound(id, context);
        }

        var (input, bodyError) = await ReadAsync(context, ct);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var result = await rules.UpdateAsync(ruleId, Request(input!), ct);
        return result.Succeeded ? TypedResults.Ok(ToApi(result.Value!)) : ApiProblems.From(result, context);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext context, AlertRuleAdministration rules, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var ruleId))
        {
            return NotFound(id, context);
        }

        var result = await rules.DeleteAsync(ruleId, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.From(result, context);
    }

    private static async Task<(ApiAlertRuleInput? Input, ValidationProblem? Error)> ReadAsync(HttpContext context, CancellationToken ct)
    {
        try
        {
            var input = await context.Request.ReadFromJsonAsync<ApiAlertRuleInput>(ct);
            if (input is not null)
            {
                return (input, null);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
        }

        return (null, ApiProblems.Validation(new Dictionary<string, string[]>
        {
            ["body"] = ["Send a JSON object like {\"name\": \"Funding news\", \"userId\": \"…\", \"module\": \"M07\", \"minSignificance\": 70}."],
        }, context));
    }

    private static AlertRuleRequest Request(ApiAlertRuleInput i) => new(
        i.Name, i.UserId, i.TeamId, i.IsActive, i.Module, i.PathPrefix, i.Kind, i.MinSignificance, i.Technologies, i.Tiers, i.OnlyMyAccounts, i.TerritoryId, i.UserEmail);

    private static ApiAlertRule ToApi(AlertRule r) => new(r.Id, r.Name, r.UserId, r.TeamId, r.IsActive, r.Module, r.PathPrefix, r.Kind?.ToString().ToLowerInvariant(),
        r.MinSignificance, AlertRule.List(r.Technologies), AlertRule.List(r.Tiers), r.OnlyMyAccounts, r.TerritoryId);

    private static ProblemHttpResult NotFound(string id, HttpContext context) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"No alert rule {id} in this workspace.", context);
}
