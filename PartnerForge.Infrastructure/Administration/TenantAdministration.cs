using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Administration;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Administration;

public sealed record UserRow(Guid Id, string DisplayName, string Email, string Role, bool IsActive, Guid? TeamId, string? TeamName, DateTime CreatedAtUtc);

public sealed record InvitationRow(Guid Id, string Email, string DisplayName, string Role, DateTime CreatedAtUtc, DateTime ExpiresAtUtc);

public sealed record InvitationCreated(Guid InvitationId, string Token, bool Delivered);

public sealed record TeamRow(Guid Id, string Name, int Members);

public sealed record TerritoryRow(Guid Id, string Name, string? TeamName, IReadOnlyList<string> Countries, IReadOnlyList<string> Industries)
{
    /// <summary>Employee bands the territory covers (empty: all); routing matches them (issue 5).</summary>
    public IReadOnlyList<string> EmployeeBands { get; init; } = [];
}

/// <summary>
/// The tenant admin's work on people, teams and territories of the CURRENT tenant (query filters scope every
/// read and the stamp interceptor every write). Changes go through a tracked context so the audit log sees them.
/// </summary>
public sealed class TenantAdministration(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    ICurrentTenant current,
    IPasswordHasher<ApplicationUser> hasher,
    IEventBus events,
    IInvitationSender sender,
    TimeProvider time)
{
    /// <summary>Roles a tenant admin may grant (PlatformAdmin is granted by the platform only).</summary>
    public static IReadOnlyList<string> AssignableRoles { get; } = [Roles.TenantAdmin, Roles.Manager, Roles.Rep];

    private const string UserNotHere = "That user is not in your workspace.";

    private static string ChooseRole => $"Choose a role: {string.Join(", ", AssignableRoles)}.";

    public async Task<IReadOnlyList<UserRow>> ListUsersAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        return users.Select(u => new UserRow(u.Id, u.DisplayName, u.Email,
                string.Join(", ", roles.Where(r => r.UserId == u.Id).Select(r => r.Name).Order(StringComparer.Ordinal)),
                u.IsActive, u.TeamId, u.TeamId is { } t && teams.TryGetValue(t, out var name) ? name : null, u.CreatedAtUtc))
            .ToList();
    }

    public async Task<IReadOnlyList<InvitationRow>> ListPendingInvitationsAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAtUtc == null && i.RevokedAtUtc == null && i.ExpiresAtUtc > now)
            .OrderByDescending(i => i.CreatedAtUtc)
            .Select(i => new InvitationRow(i.Id, i.Email, i.DisplayName, i.Role, i.CreatedAtUtc, i.ExpiresAtUtc))
            .ToListAsync(ct);
    }

    /// <summary>Creates a one-time invitation; the token is returned once (only its hash is stored).</summary>
    public async Task<Result<InvitationCreated>> InviteAsync(string email, string displayName, string role, Uri acceptBase, CancellationToken ct = default)
    {
        email = email.Trim();
        if (!new EmailAddressAttribute().IsValid(email) || email.Length is 0 or > 256)
        {
            return Result.Invalid<InvitationCreated>("Email", "Enter an e-mail address like name@company.com.");
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 200)
        {
            return Result.Invalid<InvitationCreated>("DisplayName", "Enter the person's name (up to 200 characters).");
        }

        if (!AssignableRoles.Contains(role, StringComparer.Ordinal))
        {
            return Result.Invalid<InvitationCreated>("Role", ChooseRole);
        }

        var tenantId = current.TenantId ?? throw new InvalidOperationException("No current tenant.");
        var normalized = email.ToUpperInvariant();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        // E-mail is unique across the platform (sign-in finds users before a tenant is known).
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.NormalizedEmail == normalized, ct))
        {
            return Result.Conflict<InvitationCreated>($"{email} already has an account.", "Email");
        }

        var pending = await db.Invitations.Where(i => i.AcceptedAtUtc == null && i.RevokedAtUtc == null && i.ExpiresAtUtc > now).ToListAsync(ct);
        foreach (var old in pending.Where(i => string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase)))
        {
            old.Revoke(now); // a new invitation replaces an unused one
        }

        var token = SecretTokens.New(40);
        var invitation = new Invitation(tenantId, email, displayName, role, SecretTokens.Hash(token), current.UserId, now);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        var tenantName = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).SingleAsync(ct);
        var delivered = await sender.SendAsync(email, invitation.DisplayName, tenantName, InvitationLink(acceptBase, token), ct);
        return Result.Ok(new InvitationCreated(invitation.Id, token, delivered));
    }

    public static Uri InvitationLink(Uri baseUri, string token) => new(baseUri, $"invite/{token}");

    public async Task RevokeInvitationAsync(Guid invitationId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, ct);
        if (invitation is not null)
        {
            invitation.Revoke(time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Deactivates a user: they cannot sign in, and their open sessions end now (new security stamp + event).</summary>
    public Task<Result> DeactivateAsync(Guid userId, CancellationToken ct = default) =>
        ChangeUserAsync(userId, "deactivated", endSessions: true, (user, _) =>
        {
            if (user.Id == current.UserId)
            {
                return "You cannot deactivate yourself.";
            }

            user.Deactivate();
            return null;
        }, ct);

    public Task<Result> ReactivateAsync(Guid userId, CancellationToken ct = default) =>
        ChangeUserAsync(userId, "reactivated", endSessions: false, (user, _) =>
        {
            user.Reactivate();
            return null;
        }, ct);

    /// <summary>Sets a new temporary password (returned once) and ends the user's sessions.</summary>
    public async Task<Result<string>> ResetPasswordAsync(Guid userId, CancellationToken ct = default)
    {
        var password = SecretTokens.New(14);
        var result = await ChangeUserAsync(userId, "password reset", endSessions: true, (_, account) =>
        {
            account.PasswordHash = hasher.HashPassword(account, password);
            account.AccessFailedCount = 0;
            account.LockoutEnd = null;
            return null;
        }, ct);
        return result.Succeeded ? Result.Ok(password) : result.As<string>();
    }

    public async Task<Result> SetRoleAsync(Guid userId, string role, CancellationToken ct = default)
    {
        if (!AssignableRoles.Contains(role, StringComparer.Ordinal))
        {
            return Result.Invalid("Role", ChooseRole);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return Result.NotFound(UserNotHere);
        }

        if (user.Id == current.UserId && role != Roles.TenantAdmin)
        {
            return Result.Forbidden("You cannot take away your own admin role.", "Role");
        }

        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, StringComparer.Ordinal, ct);
        var existing = await db.UserRoles.Where(ur => ur.UserId == userId).ToListAsync(ct);
        // A platform admin keeps that role; the tenant role is replaced.
        var before = string.Join(", ", roles.Where(r => existing.Any(ur => ur.RoleId == r.Value)).Select(r => r.Key).Order(StringComparer.Ordinal));
        db.UserRoles.RemoveRange(existing.Where(ur => ur.RoleId != roles[Roles.PlatformAdmin]));
        db.UserRoles.Add(ApplicationRole.Member(userId, roles[role]));
        var after = string.Join(", ", roles.Where(r => r.Value == roles[role] || (r.Key == Roles.PlatformAdmin && existing.Any(ur => ur.RoleId == r.Value)))
            .Select(r => r.Key).Order(StringComparer.Ordinal));
        (await db.IdentityUsers.SingleAsync(a => a.Id == user.Id, ct)).SecurityStamp = Guid.NewGuid().ToString("N"); // the new role takes effect at the next sign-in
        if (before != after)
        {
            // Role links are join rows with no identity the interceptor could audit: the change is recorded on the
            // user, before/after, in the same transaction and the same shape the AuditInterceptor writes.
            db.AuditEntries.Add(new Domain.Auditing.AuditEntry(user.TenantId, current.UserId, Domain.Auditing.AuditAction.Updated, nameof(User), user.Id,
                System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?> { ["Roles"] = new { old = before, @new = after } }),
                current.Origin, time.GetUtcNow().UtcDateTime));
        }

        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new UserSessionsEnded(user.TenantId, user.Id, "role changed"), ct);
        return Result.Ok();
    }

    public Task<Result> SetTeamAsync(Guid userId, Guid? teamId, CancellationToken ct = default) =>
        ChangeUserAsync(userId, "team", endSessions: false, (user, _) =>
        {
            user.JoinTeam(teamId);
            return null;
        }, ct);

    /// <summary>Whether the current tenant requires two-factor sign-in of every user.</summary>
    public async Task<bool> RequiresTwoFactorAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Tenants.Where(t => t.Id == current.TenantId).Select(t => t.RequiresTwoFactor).SingleAsync(ct);
    }

    /// <summary>Turns the tenant's "require two-factor" setting on or off (audited on the tenant).</summary>
    public async Task RequireTwoFactorAsync(bool required, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.SingleAsync(t => t.Id == current.TenantId, ct);
        tenant.RequireTwoFactor(required);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<TeamRow>> ListTeamsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Teams.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TeamRow(t.Id, t.Name, db.Users.Count(u => u.TeamId == t.Id)))
            .ToListAsync(ct);
    }

    public async Task<Result<Guid>> CreateTeamAsync(string name, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
        {
            return Result.Invalid<Guid>("Name", "Enter a team name (up to 200 characters).");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var trimmed = name.Trim();
        if (await db.Teams.AnyAsync(t => t.Name == trimmed, ct))
        {
            return Result.Conflict<Guid>($"There is already a team called {trimmed}.", "Name");
        }

        var team = new Team(trimmed);
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        return Result.Ok(team.Id);
    }

    public async Task<IReadOnlyList<TerritoryRow>> ListTerritoriesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var territories = await db.Territories.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        return territories.Select(t => new TerritoryRow(t.Id, t.Name, t.TeamId is { } id && teams.TryGetValue(id, out var n) ? n : null, t.Countries, t.Industries) { EmployeeBands = t.EmployeeBands }).ToList();
    }

    public async Task<Result<Guid>> CreateTerritoryAsync(string name, Guid? teamId, string countries, string industries, CancellationToken ct = default) =>
        await CreateTerritoryAsync(name, teamId, countries, industries, string.Empty, ct);

    /// <summary>A territory with employee-band rules too (issue 5: routing by country, industry and employee band).</summary>
    public async Task<Result<Guid>> CreateTerritoryAsync(string name, Guid? teamId, string countries, string industries, string employeeBands, CancellationToken ct = default)
    {
        var bands = Split(employeeBands);
        var unknownBand = bands.FirstOrDefault(b => !Domain.Accounts.Firmographics.EmployeeBands.Contains(b));
        if (unknownBand is not null)
        {
            return Result.Invalid<Guid>("EmployeeBands", $"'{unknownBand}' is not an employee band ({string.Join(", ", Domain.Accounts.Firmographics.EmployeeBands)}).");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
        {
            return Result.Invalid<Guid>("Name", "Enter a territory name (up to 200 characters).");
        }

        var countryList = Split(countries);
        var bad = countryList.FirstOrDefault(c => c.Length != 2 || !c.All(char.IsAsciiLetter));
        if (bad is not null)
        {
            return Result.Invalid<Guid>("Countries", $"'{bad}' is not a two-letter country code like GB or US.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var trimmed = name.Trim();
        if (await db.Territories.AnyAsync(t => t.Name == trimmed, ct))
        {
            return Result.Conflict<Guid>($"There is already a territory called {trimmed}.", "Name");
        }

        if (teamId is { } tid && !await db.Teams.AnyAsync(t => t.Id == tid, ct))
        {
            return Result.Invalid<Guid>("TeamId", "That team is not in your workspace.");
        }

        var territory = new Territory(trimmed, teamId, countryList, Split(industries), bands);
        db.Territories.Add(territory);
        await db.SaveChangesAsync(ct);
        return Result.Ok(territory.Id);
    }

    private static List<string> Split(string? text) =>
        (text ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private async Task<Result> ChangeUserAsync(Guid userId, string what, bool endSessions, Func<User, ApplicationUser, string?> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return Result.NotFound(UserNotHere);
        }

        // Platform admins are managed by the platform, not by the admins of the tenant they sit in.
        var platformRole = await db.Roles.Where(r => r.Name == Roles.PlatformAdmin).Select(r => r.Id).SingleAsync(ct);
        if (user.Id != current.UserId && await db.UserRoles.AnyAsync(ur => ur.UserId == user.Id && ur.RoleId == platformRole, ct))
        {
            return Result.Forbidden("Platform admins are managed by the platform, not by a workspace admin.");
        }

        var account = await db.IdentityUsers.SingleAsync(a => a.Id == user.Id, ct);
        var error = change(user, account);
        if (error is not null)
        {
            return Result.Forbidden(error);
        }

        if (endSessions)
        {
            account.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        await db.SaveChangesAsync(ct);
        if (endSessions)
        {
            await events.PublishAsync(new UserSessionsEnded(user.TenantId, user.Id, what), ct);
        }

        return Result.Ok();
    }
}
