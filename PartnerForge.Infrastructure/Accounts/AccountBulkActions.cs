using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts;

/// <summary>What a bulk action did: how many accounts it changed, and a note on those it kept (null when none).</summary>
public sealed record BulkChange(int Affected, string? Note = null);

/// <summary>
/// Actions on a selection or on every account matching a filter. Up to <see cref="TrackedLimit"/> accounts
/// are changed one by one (each audited with before/after); larger sets are changed in single SQL statements
/// and audited as one entry that records the action, the filter and the count.
/// </summary>
public sealed class AccountBulkActions(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant actor, TimeProvider time)
{
    public const int TrackedLimit = 2_000;
    private const int Batch = 2_000;

    public async Task<Result<BulkChange>> AssignOwnerAsync(AccountSelection selection, Guid? ownerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (ownerId is not null && !await db.Users.AnyAsync(u => u.Id == ownerId && u.IsActive, cancellationToken))
        {
            return Result.Invalid<BulkChange>("OwnerId", "Choose an active user of your workspace as owner.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var query = db.Companies.Apply(selection, db);
        if (await query.CountAsync(cancellationToken) <= TrackedLimit)
        {
            var companies = await query.ToListAsync(cancellationToken);
            companies.ForEach(c => c.AssignOwner(ownerId, now));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(new BulkChange(companies.Count));
        }

        var affected = await query.ExecuteUpdateAsync(s => s.SetProperty(c => c.OwnerId, ownerId).SetProperty(c => c.UpdatedAtUtc, now), cancellationToken);
        await AuditBulkAsync(db, "assign owner", selection, affected, new { ownerId }, cancellationToken);
        return Result.Ok(new BulkChange(affected));
    }

    public async Task<Result<BulkChange>> AddTagAsync(AccountSelection selection, string tag, CancellationToken cancellationToken = default)
    {
        var (tags, error) = Firmographics.NormalizeTags(tag);
        if (error is not null || tags.Count != 1)
        {
            return Result.Invalid<BulkChange>("Tag", error ?? "Enter one tag.");
        }

        var label = tags[0];
        var normalized = CompanyTag.Normalize(label);
        var added = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var ids = await db.Companies.Apply(selection, db)
                .Where(c => !db.CompanyTags.Any(t => t.CompanyId == c.Id && t.NormalizedTag == normalized))
                .OrderBy(c => c.Id)
                .Select(c => c.Id)
                .Take(Batch)
                .ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            db.CompanyTags.AddRange(ids.Select(id => new CompanyTag(id, label)));
            await db.SaveChangesAsync(cancellationToken);
            added += ids.Count;
        }

        return Result.Ok(new BulkChange(added));
    }

    /// <summary>Deletes the selected accounts, except those that still have deals (they are kept and counted).</summary>
    public async Task<Result<BulkChange>> DeleteAsync(AccountSelection selection, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var selected = db.Companies.Apply(selection, db);
        var withDeals = await selected.CountAsync(c => db.Deals.Any(d => d.CompanyId == c.Id), cancellationToken);
        var note = withDeals == 0 ? null : $"{withDeals:N0} accounts with deals were kept; move or delete their deals first.";
        var query = selected.Where(c => !db.Deals.Any(d => d.CompanyId == c.Id));
        if (await query.CountAsync(cancellationToken) <= TrackedLimit)
        {
            var companies = await query.ToListAsync(cancellationToken);
            db.Companies.RemoveRange(companies);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(new BulkChange(companies.Count, note));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CompanyTags.Where(t => query.Any(c => c.Id == t.CompanyId)).ExecuteDeleteAsync(cancellationToken);
        var affected = await query.ExecuteDeleteAsync(cancellationToken);
        await AuditBulkAsync(db, "delete", selection, affected, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok(new BulkChange(affected, note));
    }

    private async Task AuditBulkAsync(PartnerForgeDbContext db, string action, AccountSelection selection, int count, object? values, CancellationToken cancellationToken)
    {
        if (actor.TenantId is not { } tenant)
        {
            return;
        }

        var changes = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["bulk"] = new { old = (string?)null, @new = action },
            ["count"] = new { old = (int?)null, @new = count },
            ["filter"] = new { old = (string?)null, @new = JsonSerializer.Serialize(selection.Filter) },
            ["values"] = new { old = (string?)null, @new = values is null ? null : JsonSerializer.Serialize(values) },
        });
        db.AuditEntries.Add(new AuditEntry(tenant, actor.UserId, action == "delete" ? AuditAction.Deleted : AuditAction.Updated, nameof(Company), Guid.Empty, changes, actor.Origin, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }
}
