using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts;

/// <summary>An accounts-grid view: filter, sort, visible columns and page size.</summary>
public sealed record AccountViewDefinition(AccountFilter Filter, AccountSort Sort, IReadOnlyList<string> Columns, int PageSize = 25);

public sealed record SavedViewItem<TDefinition>(Guid Id, string Name, bool IsShared, bool IsMine, TDefinition Definition);

/// <summary>
/// Saved grid views of one grid (<see cref="SavedViewScope"/>): the current user's own, plus those shared with the tenant.
/// The definition is the grid's own record, kept as JSON; one that no longer reads gives the grid's default view.
/// </summary>
public sealed class SavedViews(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant actor, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The accounts grid's views.</summary>
    public Task<IReadOnlyList<SavedViewItem<AccountViewDefinition>>> ListAsync(CancellationToken cancellationToken = default) =>
        ListAsync(SavedViewScope.Accounts, new AccountViewDefinition(new AccountFilter(), new AccountSort(), []), cancellationToken);

    public Task<(Guid? Id, string? Error)> SaveAsync(string name, AccountViewDefinition definition, bool shared, CancellationToken cancellationToken = default) =>
        SaveAsync(SavedViewScope.Accounts, name, definition, shared, cancellationToken);

    public async Task<IReadOnlyList<SavedViewItem<TDefinition>>> ListAsync<TDefinition>(SavedViewScope scope, TDefinition fallback, CancellationToken cancellationToken = default)
    {
        var me = actor.UserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var views = await db.SavedViews.AsNoTracking().Where(v => v.Scope == scope && (v.OwnerId == me || v.IsShared)).OrderBy(v => v.Name).ToListAsync(cancellationToken);
        return views.Select(v => new SavedViewItem<TDefinition>(v.Id, v.Name, v.IsShared, v.OwnerId == me, Parse(v.Definition, fallback))).ToList();
    }

    public async Task<(Guid? Id, string? Error)> SaveAsync<TDefinition>(SavedViewScope scope, string name, TDefinition definition, bool shared, CancellationToken cancellationToken = default)
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
        var existing = await db.SavedViews.SingleOrDefaultAsync(v => v.OwnerId == me && v.Scope == scope && v.Name == trimmed, cancellationToken);
        if (existing is not null)
        {
            existing.Update(json, shared);
            await db.SaveChangesAsync(cancellationToken);
            return (existing.Id, null);
        }

        var view = new SavedView(me, trimmed, json, shared, time.GetUtcNow().UtcDateTime, scope);
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

    private static TDefinition Parse<TDefinition>(string json, TDefinition fallback)
    {
        try
        {
            return JsonSerializer.Deserialize<TDefinition>(json, Json) ?? fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }
}
