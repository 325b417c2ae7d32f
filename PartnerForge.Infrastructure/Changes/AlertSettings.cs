using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Changes;

/// <summary>One alert rule as the settings page lists it.</summary>
public sealed record AlertRuleRow(Guid Id, string Name, Guid? UserId, Guid? TeamId, string? TeamName, bool CanEdit, AlertRuleInput Values, string Summary);

public sealed record NamedOption(Guid Id, string Name);

/// <summary>
/// The signed-in user's alert rules and preferences. Personal rules are the user's own; team rules are made by
/// the team's manager (a manager in the team, or the team's named manager) or a tenant admin, and are read-only
/// for the other members. Every query is the current tenant's (query filter); rules and preferences are audited.
/// </summary>
public sealed class AlertSettings(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant current)
{
    private Guid UserId => current.UserId ?? throw new InvalidOperationException("Alert settings need a signed-in user.");

    /// <summary>Teams whose rules the current user may manage.</summary>
    public async Task<IReadOnlyList<NamedOption>> ManagedTeamsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ManagedTeamsAsync(db, cancellationToken);
    }

    public async Task<IReadOnlyList<NamedOption>> TerritoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Territories.AsNoTracking().OrderBy(t => t.Name).Select(t => new NamedOption(t.Id, t.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>The user's personal rules, their team's rules, and the rules of teams they manage.</summary>
    public async Task<IReadOnlyList<AlertRuleRow>> RulesAsync(CancellationToken cancellationToken = default)
    {
        var userId = UserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var managed = (await ManagedTeamsAsync(db, cancellationToken)).Select(t => t.Id).ToHashSet();
        var myTeam = await db.Users.Where(u => u.Id == userId).Select(u => u.TeamId).FirstOrDefaultAsync(cancellationToken);
        var visibleTeams = managed.ToList();
        if (myTeam is { } team)
        {
            visibleTeams.Add(team);
        }

        var rules = await db.AlertRules.AsNoTracking()
            .Where(r => r.UserId == userId || (r.TeamId != null && visibleTeams.Contains(r.TeamId.Value)))
            .OrderBy(r => r.TeamId != null).ThenBy(r => r.Name).ToListAsync(cancellationToken);
        var teamNames = await db.Teams.AsNoTracking().Where(t => visibleTeams.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var territoryNames = await db.Territories.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        return rules.Select(r => new AlertRuleRow(r.Id, r.Name, r.UserId, r.TeamId, r.TeamId is { } t ? teamNames.GetValueOrDefault(t) : null,
            r.UserId == userId || (r.TeamId is { } tm && managed.Contains(tm)), AlertRuleInput.From(r), Summarize(r, territoryNames))).ToList();
    }

    /// <summary>
    /// Creates (id null) or updates a rule and answers its id. <paramref name="teamId"/> null: a personal rule for the
    /// current user. A team the user does not manage is Forbidden (at the Team field); a rule that is gone or not
    /// theirs is NotFound; field errors are keyed as <see cref="AlertRuleInput"/> names its fields.
    /// </summary>
    public async Task<Result<Guid>> SaveRuleAsync(Guid? id, AlertRuleInput input, Guid? teamId, CancellationToken cancellationToken = default)
    {
        var userId = UserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var managed = (await ManagedTeamsAsync(db, cancellationToken)).Select(t => t.Id).ToHashSet();
        if (teamId is { } team && !managed.Contains(team))
        {
            return Result.Forbidden<Guid>("Only the team's manager or an admin can make rules for a team.", "Team");
        }

        var (clean, errors) = input.Validate();
        var fieldErrors = new Dictionary<string, string>(errors, StringComparer.Ordinal);
        if (clean.TerritoryId is { } territory && !await db.Territories.AnyAsync(t => t.Id == territory, cancellationToken))
        {
            fieldErrors[nameof(AlertRuleInput.TerritoryId)] = "That territory no longer exists. Pick another or leave it empty.";
        }

        if (fieldErrors.Count > 0)
        {
            return Result.Invalid<Guid>(fieldErrors);
        }

        AlertRule rule;
        if (id is { } existingId)
        {
            var found = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == existingId, cancellationToken);
            if (found is null || !CanEdit(found, userId, managed))
            {
                return Result.NotFound<Guid>("That rule no longer exists or is not yours to change.");
            }

            if ((found.TeamId is null) != (teamId is null) || (teamId is not null && found.TeamId != teamId))
            {
                return Result.Invalid<Guid>("Team", "A rule keeps its owner; make a new rule for another owner.");
            }

            rule = found;
        }
        else
        {
            rule = new AlertRule(clean.Name!, userId, teamId is null ? userId : null, teamId);
            db.AlertRules.Add(rule);
        }

        clean.ApplyTo(rule);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok(rule.Id);
    }

    /// <summary>Deletes a rule the user may edit; another's rule, or one already gone, is NotFound.</summary>
    public async Task<Result> DeleteRuleAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var userId = UserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null || !CanEdit(rule, userId, (await ManagedTeamsAsync(db, cancellationToken)).Select(t => t.Id).ToHashSet()))
        {
            return Result.NotFound("That rule was already gone or is not yours to delete.");
        }

        db.AlertRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    /// <summary>The user's preferences (the defaults when they never saved any: in-app on, no e-mail).</summary>
    public async Task<AlertPreferenceInput> PreferencesAsync(CancellationToken cancellationToken = default)
    {
        var userId = UserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var preference = await db.AlertPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        return AlertPreferenceInput.From(preference ?? new AlertPreference(userId));
    }

    /// <summary>Saves the user's preferences and answers their row's id, or the fields that are wrong.</summary>
    public async Task<Result<Guid>> SavePreferencesAsync(AlertPreferenceInput input, CancellationToken cancellationToken = default)
    {
        var userId = UserId;
        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return Result.Invalid<Guid>(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var preference = await db.AlertPreferences.FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (preference is null)
        {
            preference = new AlertPreference(userId);
            db.AlertPreferences.Add(preference);
        }

        input.ApplyTo(preference);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok(preference.Id);
    }

    /// <summary>The user's time zone (preferences' hours are in it).</summary>
    public async Task<string> TimeZoneAsync(CancellationToken cancellationToken = default)
    {
        var userId = UserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(cancellationToken) ?? "UTC";
    }

    private static bool CanEdit(AlertRule rule, Guid userId, HashSet<Guid> managed) =>
        rule.UserId == userId || (rule.TeamId is { } team && managed.Contains(team));

    private async Task<IReadOnlyList<NamedOption>> ManagedTeamsAsync(PartnerForgeDbContext db, CancellationToken cancellationToken)
    {
        var userId = UserId;
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name).ToListAsync(cancellationToken);
        var teams = db.Teams.AsNoTracking();
        if (!roles.Contains(Roles.TenantAdmin) && !roles.Contains(Roles.PlatformAdmin))
        {
            if (!roles.Contains(Roles.Manager))
            {
                return [];
            }

            var myTeam = await db.Users.Where(u => u.Id == userId).Select(u => u.TeamId).FirstOrDefaultAsync(cancellationToken);
            teams = teams.Where(t => t.ManagerId == userId || t.Id == myTeam);
        }

        return await teams.OrderBy(t => t.Name).Select(t => new NamedOption(t.Id, t.Name)).ToListAsync(cancellationToken);
    }

    internal static string Summarize(AlertRule rule, IReadOnlyDictionary<Guid, string> territories)
    {
        var parts = new List<string>();
        parts.Add(rule.Module is null ? "any module" : $"module {rule.Module}");
        if (rule.PathPrefix is not null)
        {
            // In words ("investor[" reads "about Investor"), like the audit log: no path syntax reaches a reader.
            parts.Add($"about {ChangeDescriber.Label(rule.PathPrefix)}");
        }

        if (rule.Kind is { } kind)
        {
            parts.Add(kind.ToString().ToLowerInvariant());
        }

        if (rule.MinSignificance > 0)
        {
            parts.Add($"significance ≥ {rule.MinSignificance}");
        }

        if (rule.Technologies is not null)
        {
            parts.Add($"technologies: {rule.Technologies}");
        }

        if (rule.Tiers is not null)
        {
            parts.Add($"tier {rule.Tiers.Replace(",", "/", StringComparison.Ordinal)}");
        }

        if (rule.OnlyMyAccounts)
        {
            parts.Add(rule.TeamId is null ? "accounts I own" : "accounts each member owns");
        }

        if (rule.TerritoryId is { } t)
        {
            parts.Add($"territory {territories.GetValueOrDefault(t, "(removed)")}");
        }

        return string.Join(" · ", parts);
    }
}
