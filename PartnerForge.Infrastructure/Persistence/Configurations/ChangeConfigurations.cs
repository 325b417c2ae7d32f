using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class SnapshotHeadConfiguration : IEntityTypeConfiguration<SnapshotHead>
{
    public void Configure(EntityTypeBuilder<SnapshotHead> builder)
    {
        builder.ToTable("SnapshotHeads");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<Company>().WithMany().HasForeignKey(h => h.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(h => h.Module).HasMaxLength(3).IsRequired();
        builder.Property(h => h.Hash).HasMaxLength(64).IsRequired();
        builder.HasIndex(h => new { h.TenantId, h.CompanyId, h.Module }).IsUnique();
        builder.HasIndex(h => h.CompanyId);
    }
}

internal sealed class ChangeEventConfiguration : IEntityTypeConfiguration<ChangeEvent>
{
    public void Configure(EntityTypeBuilder<ChangeEvent> builder)
    {
        builder.ToTable("ChangeEvents");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Module).HasMaxLength(3).IsRequired();
        builder.Property(c => c.Path).HasMaxLength(300).IsRequired();
        builder.Property(c => c.OldValue).HasMaxLength(ChangeEvent.ValueMaxLength);
        builder.Property(c => c.NewValue).HasMaxLength(ChangeEvent.ValueMaxLength);
        builder.Property(c => c.Rule).HasMaxLength(40).IsRequired();
        builder.Property(c => c.Technology).HasMaxLength(100);

        // Timeline keyset paging: newest first within a tenant, and per account.
        builder.HasIndex(c => new { c.TenantId, c.DetectedAtUtc, c.Id });
        builder.HasIndex(c => new { c.TenantId, c.CompanyId, c.DetectedAtUtc, c.Id });
        builder.HasIndex(c => c.CompanyId);
    }
}

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> builder)
    {
        builder.ToTable("AlertRules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(r => r.Name).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Module).HasMaxLength(3);
        builder.Property(r => r.PathPrefix).HasMaxLength(200);
        builder.Property(r => r.Technologies).HasMaxLength(500);
        builder.Property(r => r.Tiers).HasMaxLength(20);
        builder.HasIndex(r => new { r.TenantId, r.UserId });
        builder.HasIndex(r => new { r.TenantId, r.TeamId });
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("Alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ChangeEvent>().WithMany().HasForeignKey(a => a.ChangeEventId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Title).HasMaxLength(300).IsRequired();

        // One alert per user and change, however many of their rules match.
        builder.HasIndex(a => new { a.TenantId, a.UserId, a.ChangeEventId }).IsUnique();
        builder.HasIndex(a => new { a.TenantId, a.UserId, a.CreatedAtUtc });
        builder.HasIndex(a => new { a.TenantId, a.UserId, a.ReadAtUtc });
        builder.HasIndex(a => a.UserId);
        builder.HasIndex(a => a.ChangeEventId);
    }
}

internal sealed class AlertPreferenceConfiguration : IEntityTypeConfiguration<AlertPreference>
{
    public void Configure(EntityTypeBuilder<AlertPreference> builder)
    {
        builder.ToTable("AlertPreferences");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.TenantId, p.UserId }).IsUnique();
        builder.HasIndex(p => p.UserId);
    }
}

internal sealed class AlertDigestConfiguration : IEntityTypeConfiguration<AlertDigest>
{
    public void Configure(EntityTypeBuilder<AlertDigest> builder)
    {
        builder.ToTable("AlertDigests");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.PeriodKey).HasMaxLength(40).IsRequired();
        builder.Property(d => d.ToEmail).HasMaxLength(256).IsRequired();
        builder.Property(d => d.Subject).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Html).IsRequired();
        builder.Property(d => d.Text).IsRequired();
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.Property(d => d.MessageId).HasMaxLength(100);
        builder.Property(d => d.InDoubtResends).HasDefaultValue(0);

        // The outbox key: one digest per user and period, whatever restarts happen.
        builder.HasIndex(d => new { d.TenantId, d.UserId, d.PeriodKey }).IsUnique();
        builder.HasIndex(d => new { d.TenantId, d.SentAtUtc });
        builder.HasIndex(d => d.UserId);
    }
}

internal sealed class SnapshotPruneRunConfiguration : IEntityTypeConfiguration<SnapshotPruneRun>
{
    public void Configure(EntityTypeBuilder<SnapshotPruneRun> builder)
    {
        builder.ToTable("SnapshotPruneRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasIndex(r => new { r.TenantId, r.RanAtUtc });
    }
}
