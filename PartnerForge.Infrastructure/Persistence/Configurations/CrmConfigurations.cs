using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Crm;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class CrmConnectionConfiguration : IEntityTypeConfiguration<CrmConnection>
{
    public void Configure(EntityTypeBuilder<CrmConnection> builder)
    {
        builder.ToTable("CrmConnections");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(c => c.ExternalAccountId).HasMaxLength(100).IsRequired();
        builder.Property(c => c.AccountName).HasMaxLength(CrmConnection.MaxAccountNameLength).IsRequired();
        builder.Property(c => c.ProtectedAccessToken).HasMaxLength(CrmConnection.MaxTokenLength);
        builder.Property(c => c.ProtectedRefreshToken).HasMaxLength(CrmConnection.MaxTokenLength);
        builder.Property(c => c.LastError).HasMaxLength(CrmConnection.MaxErrorLength);
        builder.Property(c => c.InstanceUrl).HasMaxLength(CrmConnection.MaxInstanceUrlLength);
        builder.Ignore(c => c.IsUsable);
        // One connection per workspace and CRM account: a reconnect updates it.
        builder.HasIndex(c => new { c.TenantId, c.Provider, c.ExternalAccountId }).IsUnique();
    }
}

internal sealed class CrmFieldMappingConfiguration : IEntityTypeConfiguration<CrmFieldMapping>
{
    public void Configure(EntityTypeBuilder<CrmFieldMapping> builder)
    {
        builder.ToTable("CrmFieldMappings");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<CrmConnection>().WithMany().HasForeignKey(m => m.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.OurField).HasMaxLength(CrmFieldMapping.MaxFieldLength).IsRequired();
        builder.Property(m => m.CrmProperty).HasMaxLength(CrmFieldMapping.MaxFieldLength).IsRequired();
        builder.HasIndex(m => new { m.ConnectionId, m.ObjectKind, m.Direction, m.OurField }).IsUnique();
    }
}

internal sealed class CrmLinkConfiguration : IEntityTypeConfiguration<CrmLink>
{
    public void Configure(EntityTypeBuilder<CrmLink> builder)
    {
        builder.ToTable("CrmLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<CrmConnection>().WithMany().HasForeignKey(l => l.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(l => l.CrmId).HasMaxLength(CrmLink.MaxCrmIdLength).IsRequired();
        builder.Property(l => l.LastPushedHash).HasMaxLength(CrmLink.MaxHashLength);
        // The external-id map, both ways: a CRM record is one of ours, and one of ours is one CRM record.
        builder.HasIndex(l => new { l.ConnectionId, l.ObjectKind, l.CrmId }).IsUnique();
        builder.HasIndex(l => new { l.ConnectionId, l.ObjectKind, l.RecordId });
    }
}

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> builder)
    {
        builder.ToTable("CrmSyncRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<CrmConnection>().WithMany().HasForeignKey(r => r.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Error).HasMaxLength(CrmConnection.MaxErrorLength);
        builder.Ignore(r => r.Processed);
        builder.Ignore(r => r.IsFinished);
        builder.HasIndex(r => new { r.ConnectionId, r.QueuedAtUtc });
    }
}

internal sealed class SyncRecordConfiguration : IEntityTypeConfiguration<SyncRecord>
{
    public void Configure(EntityTypeBuilder<SyncRecord> builder)
    {
        builder.ToTable("CrmSyncRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<SyncRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.CrmId).HasMaxLength(CrmLink.MaxCrmIdLength).IsRequired();
        builder.Property(r => r.Error).HasMaxLength(SyncRecord.MaxErrorLength);
        builder.HasIndex(r => new { r.RunId, r.Outcome });
    }
}
