using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Changes;

/// <summary>
/// A rule for any recipient of the workspace, as an integration sends it. The recipient is a user (UserId, or
/// UserEmail) or a team (TeamId); on an update it may be left out (a rule's recipient cannot change).
/// </summary>
public sealed record AlertRuleRequest(
    string? Name, Guid? UserId, Guid? TeamId, bool? IsActive, string? Module, string? PathPrefix, string? Kind, int? MinSignificance,
    IReadOnlyList<string>? Technologies, IReadOnlyList<string>? Tiers, bool? OnlyMyAccounts, Guid? TerritoryId, string? UserEmail = null);

/// <summary>
/// The workspace's alert rules for any user or team (the REST API's alert-rule endpoints): the same criteria rules
/// the settings page applies (<see cref="AlertRuleInput.Validate"/>), plus the checks of recipients and referenced
/// rows. Every read and write goes through the tenant query filter, so another tenant's rule is "not found".
/// </summary>
public sealed class AlertRuleAdministration(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    public async Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AlertRules.AsNoTracking().OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(cancellationToken);
    }

    public async Task<AlertRule?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AlertRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>Adds a rule; its creator is the person behind <paramref name="apiKeyId"/>, else the rule's user, else the first tenant admin.</summary>
    public async Task<Result<AlertRule>> CreateAsync(AlertRuleRequest request, Guid? apiKeyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (resolved, errors) = await CheckAsync(db, request, creating: true, cancellationToken);
        if (errors.Count > 0)
        {
            return Result.Invalid<AlertRule>(errors);
        }

        var rule = new AlertRule(resolved.Name!, await CreatorAsync(db, apiKeyId, resolved, cancellationToken), resolved.UserId, resolved.TeamId);
        Criteria(resolved).Validate().Clean.ApplyTo(rule);
        db.AlertRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok<AlertRule>(rule);
    }

    /// <summary>Replaces a rule's name and criteria; its user or team stays.</summary>
    public async Task<Result<AlertRule>> UpdateAsync(Guid id, AlertRuleRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.AlertRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return Result.NotFound<AlertRule>($"No alert rule {id} in this workspace.");
        }

        var (resolved, errors) = await CheckAsync(db, request, creating: false, cancellationToken);
        if (resolved.UserId is { } user && user != rule.UserId || resolved.TeamId is { } team && team != rule.TeamId)
        {
            errors["userId"] = ["A rule's user or team cannot change; delete the rule and create another."];
        }

        if (errors.Count > 0)
        {
            return Result.Invalid<AlertRule>(errors);
        }

        Criteria(resolved).Validate().Clean.ApplyTo(rule);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok<AlertRule>(rule);
    }

    /// <summary>Deletes a rule (the alerts it raised stay); not found when there is no such rule in this workspace.</summary>
    public async Task<Result> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.AlertRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return Result.NotFound($"No alert rule {id} in this workspace.");
        }

        db.AlertRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    private static async Task<(AlertRuleRequest Resolved, Dictionary<string, string[]> Errors)> CheckAsync(
        PartnerForgeDbContext db, AlertRuleRequest request, bool creating, CancellationToken ct)
    {
        var (resolved, emailError) = await ResolveEmailAsync(db, request, ct);
        var errors = await ValidateAsync(db, resolved, creating, ct);
        if (emailError is not null)
        {
            errors["userEmail"] = [emailError];
        }

        return (resolved, errors);
    }

    /// <summary>A UserEmail stands for the id of that user of this workspace.</summary>
    private static async Task<(AlertRuleRequest Request, string? Error)> ResolveEmailAsync(PartnerForgeDbContext db, AlertRuleRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.UserEmail))
        {
            return (request, null);
        }

        var normalized = request.UserEmail.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        if (userId is null)
        {
            return (request, "No user with this e-mail in this workspace.");
        }

        if (request.UserId is { } given && given != userId)
        {
            return (request, "userId and userEmail name different users.");
        }

        return (request with { UserId = userId }, null);
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(PartnerForgeDbContext db, AlertRuleRequest request, bool creating, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (creating)
        {
            if ((request.UserId is null) == (request.TeamId is null))
            {
                errors["userId"] = ["Give exactly one of userId (a personal rule) and teamId (a team rule)."];
            }
            else if (request.UserId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, ct))
            {
                errors["userId"] = ["No active user with this id in this workspace."];
            }
            else if (request.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId, ct))
            {
                errors["teamId"] = ["No team with this id in this workspace."];
            }
        }

        if (request.Kind is { Length: > 0 } kind && !Enum.TryParse<ChangeKind>(kind, ignoreCase: true, out _))
        {
            errors["kind"] = ["kind is one of added, removed, changed, or null for any."];
        }

        if (request.TerritoryId is { } territoryId && !await db.Territories.AnyAsync(t => t.Id == territoryId, ct))
        {
            errors["territoryId"] = ["No territory with this id in this workspace."];
        }

        foreach (var (field, message) in Criteria(request).Validate().Errors)
        {
            errors.TryAdd(JsonNamingPolicy.CamelCase.ConvertName(field), [message]);
        }

        return errors;
    }

    /// <summary>The rule's criteria as the settings page's input (validated and applied by the same Domain code).</summary>
    private static AlertRuleInput Criteria(AlertRuleRequest request) => new(
        request.Name,
        request.Module,
        request.PathPrefix,
        request.Kind is { Length: > 0 } k && Enum.TryParse<ChangeKind>(k, ignoreCase: true, out var kind) ? kind : null,
        request.MinSignificance ?? 0,
        request.Technologies is { Count: > 0 } t ? string.Join(",", t) : null,
        request.Tiers?.Where(x => !string.IsNullOrWhiteSpace(x)).ToList(),
        request.OnlyMyAccounts ?? false,
        request.TerritoryId,
        request.IsActive ?? true);

    private static async Task<Guid> CreatorAsync(PartnerForgeDbContext db, Guid? apiKeyId, AlertRuleRequest request, CancellationToken ct)
    {
        if (apiKeyId is { } keyId
            && await db.ApiKeys.Where(k => k.Id == keyId).Select(k => k.CreatedByUserId).SingleOrDefaultAsync(ct) is { } creator)
        {
            return creator;
        }

        if (request.UserId is { } userId)
        {
            return userId;
        }

        return await db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.TenantAdmin), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Join(db.Users, id => id, u => u.Id, (_, u) => u)
            .OrderBy(u => u.CreatedAtUtc).Select(u => u.Id).FirstAsync(ct);
    }
}
