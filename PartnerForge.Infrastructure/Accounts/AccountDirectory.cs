using Microsoft.EntityFrameworkCore;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts;

/// <summary>An account by its name and domain: what lists outside the grid (the REST API) show.</summary>
public sealed record AccountSummary(Guid Id, string Name, string Domain, DateTime CreatedAtUtc);

/// <summary>Plain lookups of the current tenant's accounts by name or domain, paged in the database.</summary>
public sealed class AccountDirectory(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    /// <summary>Accounts whose name or domain contains <paramref name="search"/> (case-insensitive), by name; one page and the total.</summary>
    public async Task<(IReadOnlyList<AccountSummary> Items, int Total)> SearchAsync(string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var accounts = db.Companies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            // Translated to SQL LOWER(...) LIKE on both providers (culture rules do not apply in the database).
#pragma warning disable CA1304, CA1311, CA1862
            accounts = accounts.Where(c => c.Name.ToLower().Contains(term) || c.Domain.Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var total = await accounts.CountAsync(cancellationToken);
        var items = await accounts.OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new AccountSummary(c.Id, c.Name, c.Domain, c.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>The account with this (already normalised) domain, if the workspace has it.</summary>
    public async Task<AccountSummary?> FindByDomainAsync(string domain, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Companies.AsNoTracking().Where(c => c.Domain == domain)
            .Select(c => new AccountSummary(c.Id, c.Name, c.Domain, c.CreatedAtUtc)).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<AccountSummary?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Companies.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new AccountSummary(c.Id, c.Name, c.Domain, c.CreatedAtUtc)).SingleOrDefaultAsync(cancellationToken);
    }
}
