using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Auditing;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Administration;

public sealed record AuditSearch(string? Text = null, string? EntityType = null, DateTime? FromUtc = null, DateTime? ToUtc = null, int Page = 1, int PageSize = 50);

public sealed record AuditRow(Guid Id, DateTime AtUtc, string TenantName, string? UserName, AuditAction Action, string EntityType, Guid EntityId, string Origin, string Changes)
{
    /// <summary>The entry in words (names, not ids or numbers); set by <see cref="AuditLog.SearchAsync"/>.</summary>
    public Auditing.AuditWords Words { get; init; } = new(string.Empty, []);
}

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total, IReadOnlyList<string> EntityTypes);

/// <summary>
/// Reads the audit log. Normally the current tenant's entries (query filter). <c>acrossTenants</c> reads all
/// tenants with IgnoreQueryFilters: only for platform admins, and callers check that role before passing true.
/// </summary>
public sealed class AuditLog(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    public async Task<AuditPage> SearchAsync(AuditSearch search, bool acrossTenants, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entries = acrossTenants ? db.AuditEntries.IgnoreQueryFilters() : db.AuditEntries;
        var users = acrossTenants ? db.Users.IgnoreQueryFilters() : db.Users;
        var types = await entries.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(search.EntityType))
        {
            entries = entries.Where(e => e.EntityType == search.EntityType);
        }

        if (search.FromUtc is { } from)
        {
            entries = entries.Where(e => e.AtUtc >= from);
        }

        if (search.ToUtc is { } to)
        {
            entries = entries.Where(e => e.AtUtc < to);
        }

        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            var text = search.Text.Trim();
            var matchingUsers = users.Where(u => u.Email.Contains(text) || u.DisplayName.Contains(text)).Select(u => (Guid?)u.Id);
            entries = entries.Where(e => e.Changes.Contains(text) || e.Origin.Contains(text) || e.EntityType.Contains(text) || matchingUsers.Contains(e.UserId));
        }

        var total = await entries.CountAsync(ct);
        var page = Math.Max(1, search.Page);
        var rows = await entries.AsNoTracking().OrderByDescending(e => e.AtUtc).ThenBy(e => e.Id)
            .Skip((page - 1) * search.PageSize).Take(search.PageSize)
            .Select(e => new
            {
                e.Id, e.AtUtc, e.TenantId, e.UserId, e.Action, e.EntityType, e.EntityId, e.Origin, e.Changes,
            })
            .ToListAsync(ct);
        var tenantNames = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var userIds = rows.Where(r => r.UserId != null).Select(r => r.UserId!.Value).Distinct().ToList();
        var userNames = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var list = rows.Select(r => new AuditRow(r.Id, r.AtUtc, tenantNames.GetValueOrDefault(r.TenantId, "?"),
            r.UserId is { } u ? userNames.GetValueOrDefault(u, "unknown user") : null, r.Action, r.EntityType, r.EntityId, r.Origin, r.Changes)).ToList();
        var words = await Auditing.AuditDescriber.DescribeAsync(db,
            list.Select(r => new Auditing.AuditInput(r.UserName, r.Action, r.EntityType, r.EntityId, r.Changes)).ToList(), acrossTenants, ct);
        return new AuditPage(list.Select((r, i) => r with { Words = words[i] }).ToList(), total, types);
    }
}
