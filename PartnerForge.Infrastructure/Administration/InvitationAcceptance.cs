using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Administration;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Infrastructure.Administration;

public sealed record InvitationPreview(string Email, string DisplayName, string TenantName, string Role);

/// <summary>
/// The anonymous side of an invitation: find it by the token's hash and, once, create the user with the password
/// they chose. Look-ups ignore the tenant filter because nobody is signed in yet; the token is the authority.
/// </summary>
public sealed class InvitationAcceptance(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    UserManager<ApplicationUser> users,
    TenantContext tenant,
    TimeProvider time)
{
    public async Task<InvitationPreview?> PreviewAsync(string token, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hash = SecretTokens.Hash(token ?? string.Empty);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var invitation = await db.Invitations.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null || !invitation.CanBeAccepted(now))
        {
            return null;
        }

        var tenantName = await db.Tenants.Where(t => t.Id == invitation.TenantId).Select(t => t.Name).SingleAsync(ct);
        return new InvitationPreview(invitation.Email, invitation.DisplayName, tenantName, invitation.Role);
    }

    /// <summary>Creates the user; returns the errors to show (password rules, used or expired link).</summary>
    public async Task<IReadOnlyList<string>> AcceptAsync(string token, string password, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hash = SecretTokens.Hash(token ?? string.Empty);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var invitation = await db.Invitations.IgnoreQueryFilters().SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null || !invitation.CanBeAccepted(now))
        {
            return ["This invitation link has been used, withdrawn or has expired. Ask your admin for a new one."];
        }

        var user = new User(invitation.TenantId, invitation.Email, invitation.DisplayName, now);
        var account = new ApplicationUser(user);
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, account, password ?? string.Empty);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var normalized = user.Email.ToUpperInvariant();
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.NormalizedEmail == normalized, ct))
        {
            return [$"{user.Email} already has an account. Sign in instead."];
        }

        // From here the new user is the one acting (audit: who accepted, in which tenant).
        tenant.Set(invitation.TenantId, user.Id, tenant.Origin);
        account.PasswordHash = users.PasswordHasher.HashPassword(account, password!);
        invitation.Accept(now);
        db.Users.Add(user);
        db.IdentityUsers.Add(account);
        db.AlertRules.AddRange(PartnerForge.Domain.Changes.DefaultAlertRules.For(user.TenantId, user.Id));
        var roleId = await db.Roles.Where(r => r.Name == invitation.Role).Select(r => r.Id).SingleAsync(ct);
        db.UserRoles.Add(ApplicationRole.Member(user.Id, roleId));
        await db.SaveChangesAsync(ct);
        return [];
    }
}
