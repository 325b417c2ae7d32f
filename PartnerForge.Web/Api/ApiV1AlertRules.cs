using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;

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
/// CRUD of the key's tenant's alert rules (the <see cref="AlertRule"/> entity the alert matching uses). Every read
/// and write goes through the tenant query filter, so another tenant's rule id is a 404.
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

    private static async Task<Ok<IReadOnlyList<ApiAlertRule>>> ListAsync(IDbContextFactory<PartnerForgeDbContext> contexts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rules = await db.AlertRules.AsNoTracking().OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ApiAlertRule>>(rules.Select(ToApi).ToList());
    }

    private static async Task<Results<Ok<ApiAlertRule>, ProblemHttpResult>> GetAsync(HttpContext context, IDbContextFactory<PartnerForgeDbContext> contexts, string id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rule = Guid.TryParse(id, out var ruleId) ? await db.AlertRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == ruleId, ct) : null;
        return rule is null ? NotFound(id, context) : TypedResults.Ok(ToApi(rule));
    }

    private static async Task<Results<Created<ApiAlertRule>, ValidationProblem>> CreateAsync(
        HttpContext context, IDbContextFactory<PartnerForgeDbContext> contexts, CancellationToken ct)
    {
        var (input, bodyError) = await ReadAsync(context, ct);
        if (bodyError is not null)
        {
            return bodyError;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        (input, var emailError) = await ResolveEmailAsync(db, input!, ct);
        var errors = await ValidateAsync(db, input, creating: true, ct);
        if (emailError is not null)
        {
            errors["userEmail"] = [emailError];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors, context);
        }

        var rule = new AlertRule(input!.Name!, await CreatorAsync(db, context, input, ct), input.UserId, input.TeamId);
        Apply(rule, input);
        db.AlertRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ApiEndpoints.Prefix}/alerts/rules/{rule.Id}", ToApi(rule));
    }

    private static async Task<Results<Ok<ApiAlertRule>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        HttpContext context, IDbContextFactory<PartnerForgeDbContext> contexts, string id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rule = Guid.TryParse(id, out var ruleId) ? await db.AlertRules.SingleOrDefaultAsync(r => r.Id == ruleId, ct) : null;
        if (rule is null)
        {
            return NotFound(id, context);
        }

        var (input, bodyError) = await ReadAsync(context, ct);
        if (bodyError is not null)
        {
            return bodyError;
        }

        (input, var emailError) = await ResolveEmailAsync(db, input!, ct);
        var errors = await ValidateAsync(db, input, creating: false, ct);
        if (emailError is not null)
        {
            errors["userEmail"] = [emailError];
        }

        if (input!.UserId is { } user && user != rule.UserId || input.TeamId is { } team && team != rule.TeamId)
        {
            errors["userId"] = ["A rule's user or team cannot change; delete the rule and create another."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors, context);
        }

        Apply(rule, input);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToApi(rule));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext context, IDbContextFactory<PartnerForgeDbContext> contexts, string id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rule = Guid.TryParse(id, out var ruleId) ? await db.AlertRules.SingleOrDefaultAsync(r => r.Id == ruleId, ct) : null;
        if (rule is null)
        {
            return NotFound(id, context);
        }

        db.AlertRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
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

    /// <summary>A userEmail stands for the id of that user of this workspace.</summary>
    private static async Task<(ApiAlertRuleInput Input, string? Error)> ResolveEmailAsync(PartnerForgeDbContext db, ApiAlertRuleInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.UserEmail))
        {
            return (input, null);
        }

        var normalized = input.UserEmail.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        if (userId is null)
        {
            return (input, "No user with this e-mail in this workspace.");
        }

        if (input.UserId is { } given && given != userId)
        {
            return (input, "userId and userEmail name different users.");
        }

        return (input with { UserId = userId }, null);
    }

    /// <summary>
    /// The API's own checks (recipient, referenced rows, the kind's spelling) plus the same criteria rules the
    /// settings page applies (<see cref="AlertRuleInput.Validate"/>), with field names in the API's camelCase.
    /// </summary>
    private static async Task<Dictionary<string, string[]>> ValidateAsync(PartnerForgeDbContext db, ApiAlertRuleInput input, bool creating, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (creating)
        {
            if ((input.UserId is null) == (input.TeamId is null))
            {
                errors["userId"] = ["Give exactly one of userId (a personal rule) and teamId (a team rule)."];
            }
            else if (input.UserId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, ct))
            {
                errors["userId"] = ["No active user with this id in this workspace."];
            }
            else if (input.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId, ct))
            {
                errors["teamId"] = ["No team with this id in this workspace."];
            }
        }

        if (input.Kind is { Length: > 0 } kind && !Enum.TryParse<ChangeKind>(kind, ignoreCase: true, out _))
        {
            errors["kind"] = ["kind is one of added, removed, changed, or null for any."];
        }

        if (input.TerritoryId is { } territoryId && !await db.Territories.AnyAsync(t => t.Id == territoryId, ct))
        {
            errors["territoryId"] = ["No territory with this id in this workspace."];
        }

        foreach (var (field, message) in Criteria(input).Validate().Errors)
        {
            errors.TryAdd(JsonNamingPolicy.CamelCase.ConvertName(field), [message]);
        }

        return errors;
    }

    /// <summary>The rule's criteria as the settings page's input (validated and applied by the same Domain code).</summary>
    private static AlertRuleInput Criteria(ApiAlertRuleInput input) => new(
        input.Name,
        input.Module,
        input.PathPrefix,
        input.Kind is { Length: > 0 } k && Enum.TryParse<ChangeKind>(k, ignoreCase: true, out var kind) ? kind : null,
        input.MinSignificance ?? 0,
        input.Technologies is { Count: > 0 } t ? string.Join(",", t) : null,
        input.Tiers?.Where(x => !string.IsNullOrWhiteSpace(x)).ToList(),
        input.OnlyMyAccounts ?? false,
        input.TerritoryId,
        input.IsActive ?? true);

    private static void Apply(AlertRule rule, ApiAlertRuleInput input) => Criteria(input).Validate().Clean.ApplyTo(rule);

    /// <summary>
    /// Who created a rule made through the API: the person who created the key; for the seeded demo key (no person),
    /// the rule's own user, else the workspace's first tenant admin.
    /// </summary>
    private static async Task<Guid> CreatorAsync(PartnerForgeDbContext db, HttpContext context, ApiAlertRuleInput input, CancellationToken ct)
    {
        if (Guid.TryParse(context.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value, out var keyId)
            && await db.ApiKeys.Where(k => k.Id == keyId).Select(k => k.CreatedByUserId).SingleOrDefaultAsync(ct) is { } creator)
        {
            return creator;
        }

        if (input.UserId is { } userId)
        {
            return userId;
        }

        return await db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.TenantAdmin), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Join(db.Users, id => id, u => u.Id, (_, u) => u)
            .OrderBy(u => u.CreatedAtUtc).Select(u => u.Id).FirstAsync(ct);
    }

    private static ApiAlertRule ToApi(AlertRule r) => new(r.Id, r.Name, r.UserId, r.TeamId, r.IsActive, r.Module, r.PathPrefix, r.Kind?.ToString().ToLowerInvariant(),
        r.MinSignificance, AlertRule.List(r.Technologies), AlertRule.List(r.Tiers), r.OnlyMyAccounts, r.TerritoryId);

    private static ProblemHttpResult NotFound(string id, HttpContext context) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"No alert rule {id} in this workspace.", context);
}
