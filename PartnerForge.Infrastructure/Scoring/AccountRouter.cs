using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Scoring;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Scoring;

/// <summary>
/// Territory routing of accounts to owners (round-robin within the matching territory's team) and managers'
/// overrides. Every owner change made here is recorded as an <see cref="AccountAssignment"/> with its reason.
/// </summary>
public sealed class AccountRouter(IDbContextFactory<PartnerForgeDbContext> contexts, Domain.Tenancy.ICurrentTenant tenant, TimeProvider time)
{
    /// <summary>
    /// Routes <paramref name="company"/> in <paramref name="db"/> (not saved): an account without an owner, or a
    /// re-tiered one whose owner is not in the matching territory's team, goes to the team's next member.
    /// Returns the assignment added, or null when the owner stays.
    /// </summary>
    internal static async Task<AccountAssignment?> RouteAsync(PartnerForgeDbContext db, RoutingData data, Company company, bool retiered, string why, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (company.OwnerId is not null && !retiered)
        {
            return null;
        }

        if (data.Territories.Count == 0)
        {
            return null;
        }

        // Local holds the cursors loaded and those added by earlier accounts of this batch (not yet saved).
        await db.RoutingCursors.LoadAsync(cancellationToken);
        var cursors = db.RoutingCursors.Local.ToList();
        var decision = TerritoryRouter.Route(company.Country, company.Industry, company.EmployeeBand, data.Territories, data.Members, cursors.ToDictionary(c => c.TeamId, c => c.Next));
        if (decision is null)
        {
            return null;
        }

        if (company.OwnerId is { } owner && data.Members[decision.TeamId].Contains(owner))
        {
            return null; // re-tiered, but its owner already works the territory
        }

        var cursor = cursors.FirstOrDefault(c => c.TeamId == decision.TeamId);
        if (cursor is null)
        {
            cursor = new RoutingCursor(decision.TeamId);
            db.RoutingCursors.Add(cursor);
        }

        cursor.Advance(decision.NextCursor);
        var assignment = new AccountAssignment(company.Id, company.OwnerId, decision.OwnerId, decision.TerritoryId, decision.TeamId, isOverride: false, byUserId: null,
            $"{why}: {decision.Reason}", nowUtc);
        company.AssignOwner(decision.OwnerId, nowUtc);
        db.AccountAssignments.Add(assignment);
        return assignment;
    }

    /// <summary>A manager's override: sets the owner (or none) and records who did it and why.</summary>
    public async Task<Result> OverrideAsync(Guid companyId, Guid? ownerId, string reason, CancellationToken cancellationToken = default)
    {
        var why = reason?.Trim() ?? string.Empty;
        if (why.Length == 0)
        {
            return Result.Invalid("Reason", "Say why you reassign the account.");
        }

        if (why.Length > 400)
        {
            return Result.Invalid("Reason", "The reason has at most 400 characters.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken);
        if (company is null)
        {
            return Result.NotFound("That account does not exist in this workspace.");
        }

        // Enforced here, not only by the page: a rep's request never reassigns an account.
        if (tenant.UserId is not { } actor || !await MayOverrideAsync(db, actor, cancellationToken))
        {
            return Result.Forbidden("Only a manager or an admin can reassign an account.");
        }

        if (ownerId is { } id && !await db.Users.AnyAsync(u => u.Id == id && u.IsActive, cancellationToken))
        {
            return Result.Invalid("OwnerId", "That owner is not an active user of this workspace.");
        }

        if (company.OwnerId == ownerId)
        {
            return Result.Invalid("OwnerId", "The account already has that owner.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.AccountAssignments.Add(new AccountAssignment(company.Id, company.OwnerId, ownerId, null, null, isOverride: true, tenant.UserId, $"Manager override: {why}", now));
        company.AssignOwner(ownerId, now);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    private static readonly string[] OverrideRoles = [Roles.Manager, Roles.TenantAdmin, Roles.PlatformAdmin];

    private static Task<bool> MayOverrideAsync(PartnerForgeDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && OverrideRoles.Contains(r.Name)), cancellationToken);
}

/// <summary>Territories and active team members, loaded once per scoring batch.</summary>
internal sealed record RoutingData(IReadOnlyList<Territory> Territories, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> Members)
{
    public static async Task<RoutingData> LoadAsync(PartnerForgeDbContext db, CancellationToken cancellationToken)
    {
        var territories = await db.Territories.AsNoTracking().ToListAsync(cancellationToken);
        var members = (await db.Users.AsNoTracking().Where(u => u.IsActive && u.TeamId != null).Select(u => new { u.Id, TeamId = u.TeamId!.Value }).ToListAsync(cancellationToken))
            .GroupBy(u => u.TeamId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(u => u.Id).ToList());
        return new RoutingData(territories, members);
    }
}
