using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Changes;

public sealed record AlertItem(Guid Id, Guid CompanyId, string CompanyName, Guid ChangeEventId, string Module, string Title, int Significance, DateTime CreatedAtUtc, bool IsRead);

/// <summary>
/// The signed-in user's alerts. Every query is the current tenant's (query filter) AND the current user's:
/// nobody reads or marks another user's alerts.
/// </summary>
public sealed class AlertCentre(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant current, IEventBus events, TimeProvider time)
{
    private Guid UserId => current.UserId ?? throw new InvalidOperationException("The alert centre needs a signed-in user.");

    public async Task<int> UnreadCountAsync(CancellationToken cancellationToken = default)
    {
        var userId = UserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Alerts.CountAsync(a => a.UserId == userId && a.ReadAtUtc == null, cancellationToken);
    }

    public async Task<IReadOnlyList<AlertItem>> ListAsync(bool unreadOnly, int take, CancellationToken cancellationToken = default)
    {
        var userId = UserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Alerts.Where(a => a.UserId == userId);
        if (unreadOnly)
        {
            query = query.Where(a => a.ReadAtUtc == null);
        }

        var alerts = await query.OrderByDescending(a => a.CreatedAtUtc).ThenByDescending(a => a.Id).Take(Math.Clamp(take, 1, 500))
            .ToListAsync(cancellationToken);
        var companyIds = alerts.Select(a => a.CompanyId).Distinct().ToList();
        var changeIds = alerts.Select(a => a.ChangeEventId).ToList();
        var names = await db.Companies.Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var changes = await db.ChangeEvents.Where(c => changeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

        // The title is worded from the change now (alerts stored with older wording read the same as new ones).
        return alerts.Select(a =>
        {
            var company = names.GetValueOrDefault(a.CompanyId, "(account)");
            var change = changes.GetValueOrDefault(a.ChangeEventId);
            var title = change is null ? a.Title : $"{company}: {change.Describe()}";
            return new AlertItem(a.Id, a.CompanyId, company, a.ChangeEventId, change?.Module ?? string.Empty, title, a.Significance, a.CreatedAtUtc, a.IsRead);
        }).ToList();
    }

    public Task<int> MarkReadAsync(Guid alertId, bool read, CancellationToken cancellationToken = default) =>
        UpdateAsync(q => q.Where(a => a.Id == alertId), read, cancellationToken);

    public Task<int> MarkAllReadAsync(CancellationToken cancellationToken = default) =>
        UpdateAsync(q => q.Where(a => a.ReadAtUtc == null), true, cancellationToken);

    private async Task<int> UpdateAsync(Func<IQueryable<Alert>, IQueryable<Alert>> select, bool read, CancellationToken cancellationToken)
    {
        var userId = UserId;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alerts = await select(db.Alerts.Where(a => a.UserId == userId)).ToListAsync(cancellationToken);
        foreach (var alert in alerts)
        {
            if (read)
            {
                alert.MarkRead(now);
            }
            else
            {
                alert.MarkUnread();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (alerts.Count > 0)
        {
            await events.PublishAsync(new AlertsRead(current.TenantId!.Value, userId), cancellationToken);
        }

        return alerts.Count;
    }
}
