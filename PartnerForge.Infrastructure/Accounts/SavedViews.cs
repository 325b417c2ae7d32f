using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts;

/// <summary>A grid view: filter, sort, visible columns and page size.</summary>
public sealed record AccountViewDefinition(AccountFilter Filter, AccountSort Sort, IReadOnlyList<string> Columns, int PageSize = 25);

public sealed record SavedViewItem(Guid Id, string Name, bool IsShared, bool IsMine, AccountViewDefinition Definition);

/// <summary>Saved accounts-grid views: the current user's own, plus those shared with the tenant.</summary>
public sealed class SavedViews(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant actor, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<SavedViewItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        var me = actor.UserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var views = await db.SavedViews.AsNoTracking().Where(v => v.OwnerId == me || v.IsShared).OrderBy(v => v.Name).ToListAsync(cancellationToken);
        return views.Select(v => new SavedViewItem(v.Id, v.Name, v.IsShared, v.OwnerId == me, Parse(v.Definition))).ToList();
    }

    public async Task<(Guid? Id, string? Error)> SaveAsync(string name, AccountViewDefinition definition, bool shared, CancellationToken cancellationToken = default)
    {
        if (actor.UserId is not { } me)
        {
            return (null, "Sign in to save views.");
        }

        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > 100)
        {
            return (null, "Give the view a name of at most 100 characters.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = JsonSerializer.Serialize(definition, Json);
        var existing = await db.SavedViews.SingleOrDefaultAsync(v => v.OwnerId == me && v.Name == trimmed, cancellationToken);
        if (existing is not null)
        {
            existing.Update(json, shared);
            await db.SaveChangesAsync(cancellationToken);
            return (existing.Id, null);
        }

        var view = new SavedView(me, trimmed, json, shared, time.GetUtcNow().UtcDateTime);
        db.SavedViews.Add(view);
        await db.SaveChangesAsync(cancellationToken);
        return (view.Id, null);
    }

    /// <summary>Deletes one of the current user's own views; others' shared views cannot be deleted.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var me = actor.UserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SavedViews.Where(v => v.Id == id && v.OwnerId == me).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    private static AccountViewDefinition Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AccountViewDefinition>(json, Json) ?? Default;
        }
        catch (JsonException)
        {
            return Default;
        }
    }

    private static AccountViewDefinition Default => new(new AccountFilter(), new AccountSort(), []);
}
