using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Pipeline;

/// <summary>
/// The stages and settings every tenant starts with. Applied lazily the first time a tenant's pipeline is
/// read, so tenants created after the demo seeding (or by the admin screens) get them too.
/// </summary>
public static class StageDefaults
{
    public sealed record DefaultStage(string Name, int Probability, StageKind Kind);

    public static IReadOnlyList<DefaultStage> All { get; } =
    [
        new("Prospect", 10, StageKind.Open),
        new("Qualified", 20, StageKind.Open),
        new("Discovery", 40, StageKind.Open),
        new("Proposal", 60, StageKind.Open),
        new("Negotiation", 80, StageKind.Open),
        new("Won", 100, StageKind.Won),
        new("Lost", 0, StageKind.Lost),
    ];

    public const string DefaultCurrency = "USD";

    /// <summary>Adds the default stages and settings to <paramref name="tenantId"/> when it has none; returns true when it added them.</summary>
    public static async Task<bool> EnsureAsync(PartnerForgeDbContext db, Guid tenantId, string currency = DefaultCurrency, CancellationToken cancellationToken = default)
    {
        // System check by explicit tenant id (seeding runs with no current tenant), hence IgnoreQueryFilters.
        var hasStages = await db.Stages.IgnoreQueryFilters().AnyAsync(s => s.TenantId == tenantId, cancellationToken);
        var hasSettings = await db.PipelineSettings.IgnoreQueryFilters().AnyAsync(s => s.TenantId == tenantId, cancellationToken);
        if (hasStages && hasSettings)
        {
            return false;
        }

        if (!hasStages)
        {
            foreach (var (stage, position) in All.Select((s, i) => (s, i)))
            {
                var entity = new Stage(stage.Name, position, stage.Probability, stage.Kind);
                entity.StampTenant(tenantId);
                db.Stages.Add(entity);
            }
        }

        if (!hasSettings)
        {
            var settings = new PipelineSettings(QualificationFramework.Bant, currency);
            settings.StampTenant(tenantId);
            db.PipelineSettings.Add(settings);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two circuits of a new tenant raced; the other one's defaults won. Nothing to add.
            db.ChangeTracker.Clear();
            return false;
        }

        return true;
    }
}
