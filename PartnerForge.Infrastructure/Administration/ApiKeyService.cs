using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Administration;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Administration;

public sealed record ApiKeyRow(Guid Id, string Name, string Prefix, DateTime CreatedAtUtc, DateTime? RevokedAtUtc);

public sealed record ApiKeyCreated(Guid Id, string Key);

/// <summary>The caller an API key stands for.</summary>
public sealed record ApiKeyIdentity(Guid KeyId, Guid TenantId, string Prefix);

/// <summary>API keys of the current tenant; and, for authentication, finding a key by its secret.</summary>
public sealed class ApiKeyService(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant current, TimeProvider time)
{
    public const string KeyPrefix = "pf_";

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAtUtc)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.CreatedAtUtc, k.RevokedAtUtc))
            .ToListAsync(ct);
    }

    /// <summary>Creates a key for the current tenant. The returned secret is never stored or shown again.</summary>
    public async Task<Result<ApiKeyCreated>> CreateAsync(string name, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return Result.Invalid<ApiKeyCreated>("Name", "Name the key (up to 100 characters), e.g. \"CRM sync\".");
        }

        var tenantId = current.TenantId ?? throw new InvalidOperationException("No current tenant.");
        var key = KeyPrefix + SecretTokens.New(40);
        var created = await StoreAsync(tenantId, name, key, ct);
        return Result.Ok(new ApiKeyCreated(created, key));
    }

    /// <summary>Stores a given key (the fixed demo key when seeding); returns its id.</summary>
    internal async Task<Guid> StoreAsync(Guid tenantId, string name, string key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var apiKey = new ApiKey(tenantId, name, key[..Math.Min(key.Length, 10)], SecretTokens.Hash(key), current.UserId, time.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(ct);
        return apiKey.Id;
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return false;
        }

        key.Revoke(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// The user a key of the current tenant acts for where a request needs a person's rights (privacy requests): the user
    /// who created it. Null for a key made by the system (the demo key) or another workspace's key. The caller still checks
    /// that user's roles, so a key loses such rights when its creator loses theirs.
    /// </summary>
    public async Task<Guid?> CreatorAsync(Guid keyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ApiKeys.Where(k => k.Id == keyId && k.RevokedAtUtc == null).Select(k => k.CreatedByUserId).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Finds the active key with this secret. Ignores the tenant filter on purpose: this runs before any tenant
    /// is known, and the secret itself says which tenant the caller acts for. A suspended tenant's keys fail.
    /// </summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string? key, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(key) || !key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 200)
        {
            return null;
        }

        var hash = SecretTokens.Hash(key);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.SecretHash == hash && k.RevokedAtUtc == null)
            .Join(db.Tenants.Where(t => t.Status == TenantStatus.Active), k => k.TenantId, t => t.Id, (k, _) => new ApiKeyIdentity(k.Id, k.TenantId, k.Prefix))
            .SingleOrDefaultAsync(ct);
    }
}
