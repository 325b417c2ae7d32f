using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Scoring;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Scoring;

public sealed record IcpSettingsView(IReadOnlyList<IcpCriterion> Criteria, TierPolicy Policy, int HalfLifeDays, DateTime? UpdatedAtUtc);

/// <summary>The current tenant's ICP and tier thresholds (one row per tenant; defaults until saved).</summary>
public sealed class IcpSettings(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    public const int DefaultHalfLifeDays = 90;

    public async Task<IcpSettingsView> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var profile = await db.IcpProfiles.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return profile is null
            ? new IcpSettingsView([], TierPolicy.Default, DefaultHalfLifeDays, null)
            : new IcpSettingsView(profile.Criteria(), profile.Policy(), profile.SignalHalfLifeDays, profile.UpdatedAtUtc);
    }

    /// <summary>Saves the ICP and thresholds, or answers which fields are wrong (keys as the ICP page names its fields).</summary>
    public async Task<Result> SaveAsync(IReadOnlyList<IcpCriterion> criteria, TierPolicy policy, int halfLifeDays, CancellationToken cancellationToken = default)
    {
        var errors = IcpProfile.Validate(criteria, policy, halfLifeDays);
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var profile = await db.IcpProfiles.SingleOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (profile is null)
        {
            profile = new IcpProfile(now);
            db.IcpProfiles.Add(profile);
        }

        profile.Apply(criteria, policy, halfLifeDays, now);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    internal static async Task<IcpProfile> LoadAsync(PartnerForgeDbContext db, DateTime nowUtc, CancellationToken cancellationToken) =>
        await db.IcpProfiles.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new IcpProfile(nowUtc);
}
