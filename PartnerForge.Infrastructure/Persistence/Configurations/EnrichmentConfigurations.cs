using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class TechnologyConfiguration : IEntityTypeConfiguration<Technology>
{
    public void Configure(EntityTypeBuilder<Technology> builder)
    {
        builder.ToTable("Technologies");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(100).IsRequired();
        builder.Property(t => t.Category).HasMaxLength(60).IsRequired();
        builder.Property(t => t.Vendor).HasMaxLength(100);
        builder.Property(t => t.Website).HasMaxLength(300);
        builder.HasIndex(t => t.Name).IsUnique();
    }
}

internal sealed class CompanyTechnologyConfiguration : IEntityTypeConfiguration<CompanyTechnology>
{
    public void Configure(EntityTypeBuilder<CompanyTechnology> builder)
    {
        builder.ToTable("CompanyTechnologies");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<Company>().WithMany().HasForeignKey(t => t.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Technology>().WithMany().HasForeignKey(t => t.TechnologyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.Version).HasMaxLength(40);
        builder.Property(t => t.Evidence).HasMaxLength(SourceRef.MaxExcerpt).IsRequired();
        builder.Property(t => t.SourceUrl).HasMaxLength(1000).IsRequired();
        builder.Property(t => t.Method).HasMaxLength(40).IsRequired();
        builder.HasIndex(t => new { t.TenantId, t.CompanyId, t.TechnologyId }).IsUnique();
        builder.HasIndex(t => new { t.TenantId, t.TechnologyId });
    }
}

internal sealed class EnrichmentRunConfiguration : IEntityTypeConfiguration<EnrichmentRun>
{
    public void Configure(EntityTypeBuilder<EnrichmentRun> builder)
    {
        builder.ToTable("EnrichmentRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.TenantId, r.QueuedAtUtc });
        builder.HasIndex(r => new { r.TenantId, r.CompanyId });
        builder.HasIndex(r => new { r.TenantId, r.BatchId });
        builder.Property(r => r.FailureReason).HasMaxLength(EnrichmentRun.MaxReasonLength);

        // The node working a bulk run and until when its claim holds (Enrichment/BulkEnrichmentQueue): shared work, not a fact of the run.
        builder.Property<string?>(BulkEnrichmentQueue.LeaseOwner).HasMaxLength(100);
        builder.Property<DateTime?>(BulkEnrichmentQueue.LeaseUntil);
        builder.HasIndex(nameof(EnrichmentRun.State), BulkEnrichmentQueue.LeaseUntil);

        // One active (queued or running) run per account: a second request joins it instead of racing it.
        builder.HasIndex(r => new { r.TenantId, r.CompanyId }, ActiveRunIndex).IsUnique().HasFilter(ActiveRunFilter);
    }

    public const string ActiveRunIndex = "IX_EnrichmentRuns_OneActivePerAccount";

    public const string ActiveRunFilter = "\"State\" IN (0, 1)";
}

internal sealed class EnrichmentStatusConfiguration : IEntityTypeConfiguration<EnrichmentStatus>
{
    public void Configure(EntityTypeBuilder<EnrichmentStatus> builder)
    {
        builder.ToTable("EnrichmentStatuses");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<Company>().WithMany().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Module).HasMaxLength(3).IsRequired();
        builder.Property(s => s.Reason).HasMaxLength(500);
        builder.HasIndex(s => new { s.TenantId, s.CompanyId, s.Module }).IsUnique();
    }
}

internal sealed class IntelSnapshotConfiguration : IEntityTypeConfiguration<IntelSnapshot>
{
    public void Configure(EntityTypeBuilder<IntelSnapshot> builder)
    {
        builder.ToTable("IntelSnapshots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<Company>().WithMany().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Module).HasMaxLength(3).IsRequired();
        builder.Property(s => s.CanonicalJson).IsRequired();
        builder.Property(s => s.Hash).HasMaxLength(64).IsRequired();
        builder.HasIndex(s => new { s.TenantId, s.CompanyId, s.Module, s.CapturedAtUtc });
    }
}

internal sealed class ApiCostConfigConfiguration : IEntityTypeConfiguration<ApiCostConfig>
{
    public void Configure(EntityTypeBuilder<ApiCostConfig> builder)
    {
        builder.ToTable("ApiCostConfigs");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Source).HasMaxLength(60).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(300);
        builder.Property(c => c.Currency).HasMaxLength(3).IsRequired().HasDefaultValue(ApiCostConfig.DefaultCurrency);
        builder.HasIndex(c => c.Source).IsUnique();
    }
}

internal sealed class ApiBudgetConfiguration : IEntityTypeConfiguration<ApiBudget>
{
    public void Configure(EntityTypeBuilder<ApiBudget> builder)
    {
        builder.ToTable("ApiBudgets");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(b => b.Source).HasMaxLength(60).IsRequired();
        builder.Property(b => b.Period).HasMaxLength(7).IsRequired();
        builder.HasIndex(b => new { b.TenantId, b.Source, b.Period }).IsUnique();
    }
}

internal sealed class ApiUsageConfiguration : IEntityTypeConfiguration<ApiUsage>
{
    public void Configure(EntityTypeBuilder<ApiUsage> builder)
    {
        builder.ToTable("ApiUsages");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(u => u.Source).HasMaxLength(60).IsRequired();
        builder.Property(u => u.Module).HasMaxLength(3).IsRequired();
        builder.Property(u => u.Url).HasMaxLength(500);
        builder.HasIndex(u => new { u.TenantId, u.Source, u.AtUtc });
    }
}

internal sealed class TrafficRankConfiguration : IEntityTypeConfiguration<TrafficRank>
{
    public void Configure(EntityTypeBuilder<TrafficRank> builder)
    {
        builder.ToTable("TrafficRanks");
        builder.HasKey(r => r.Domain);
        builder.Property(r => r.Domain).HasMaxLength(253);
        builder.Property(r => r.ListName).HasMaxLength(60).IsRequired();
    }
}
