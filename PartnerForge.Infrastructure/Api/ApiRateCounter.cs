using Microsoft.EntityFrameworkCore;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Api;

/// <summary>The answer to one request: taken, or refused with how long until the window ends.</summary>
public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// A fixed-window request limit per API key, counted in the database so that several nodes share one count. A
/// request is let through by a conditional increment (<c>Count &lt; limit</c>), which the database applies
/// atomically, so two nodes together never let more than the limit through.
/// </summary>
public sealed class ApiRateCounter(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    public async Task<RateDecision> TakeAsync(string keyId, int limit, TimeSpan window, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Ticks - (now.Ticks % window.Ticks), DateTimeKind.Utc);
        var refused = new RateDecision(false, start + window - now);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await IncrementAsync(db, keyId, start, limit, ct))
        {
            return new RateDecision(true, TimeSpan.Zero);
        }

        if (!await db.Set<ApiRateWindow>().AnyAsync(w => w.KeyId == keyId && w.WindowStartUtc == start, ct))
        {
            // The key's first request in this window: start its row and forget its earlier windows.
            await db.Set<ApiRateWindow>().Where(w => w.KeyId == keyId && w.WindowStartUtc < start).ExecuteDeleteAsync(ct);
            db.Add(new ApiRateWindow { KeyId = keyId, WindowStartUtc = start, Count = 1 });
            try
            {
                await db.SaveChangesAsync(ct);
                return new RateDecision(true, TimeSpan.Zero);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // another request started the row first
            }
        }

        // The row exists: it is full, or another request (on this node or another) created it after the first
        // increment missed. Only a second increment that also misses means the window is full.
        return await IncrementAsync(db, keyId, start, limit, ct) ? new RateDecision(true, TimeSpan.Zero) : refused;
    }

    private static async Task<bool> IncrementAsync(PartnerForgeDbContext db, string keyId, DateTime start, int limit, CancellationToken ct) =>
        await db.Set<ApiRateWindow>()
            .Where(w => w.KeyId == keyId && w.WindowStartUtc == start && w.Count < limit)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Count, w => w.Count + 1), ct) == 1;
}
