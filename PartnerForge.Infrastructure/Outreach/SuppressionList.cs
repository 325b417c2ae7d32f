using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>A suppression entry as the admin page lists it: the address is not known any more, only why and when.</summary>
public sealed record SuppressionCount(SuppressionReason Reason, int Count);

/// <summary>
/// The workspace's suppression list: addresses no sequence writes to (unsubscribed, bounced, erased, or added by an admin).
/// Only hashes are kept (<see cref="SuppressedAddress.Hash"/>).
/// </summary>
public sealed class SuppressionList(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant tenant, TimeProvider time)
{
    public async Task<bool> ContainsAsync(string address, CancellationToken cancellationToken = default)
    {
        var hash = SuppressedAddress.Hash(TenantId, address);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SuppressedAddresses.AnyAsync(s => s.AddressHash == hash, cancellationToken);
    }

    /// <summary>Adds an address (idempotent: an address already listed keeps its first reason).</summary>
    public Task AddAsync(string address, SuppressionReason reason, CancellationToken cancellationToken = default) =>
        AddAsync([new SuppressedAddress(SuppressedAddress.Hash(TenantId, address), reason, time.GetUtcNow().UtcDateTime)], cancellationToken);

    public async Task AddAsync(IReadOnlyCollection<SuppressedAddress> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hashes = entries.Select(e => e.AddressHash).ToList();
        var known = (await db.SuppressedAddresses.Where(s => hashes.Contains(s.AddressHash)).Select(s => s.AddressHash).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var entry in entries.Where(e => known.Add(e.AddressHash)))
        {
            db.SuppressedAddresses.Add(entry);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Added at the same moment by another request: it is listed, which is all that matters.
        }
    }

    public async Task<IReadOnlyList<SuppressionCount>> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.SuppressedAddresses.GroupBy(s => s.Reason).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return rows.Select(r => new SuppressionCount(r.Key, r.Count)).OrderBy(r => r.Reason).ToList();
    }

    private Guid TenantId => tenant.TenantId ?? throw new InvalidOperationException("The suppression list belongs to a workspace.");
}
