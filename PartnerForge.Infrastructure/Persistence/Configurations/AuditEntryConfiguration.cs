using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Auditing;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Changes).IsRequired();
        builder.Property(a => a.Origin).HasMaxLength(100).IsRequired();
        builder.HasIndex(a => new { a.TenantId, a.AtUtc });
        builder.HasIndex(a => new { a.TenantId, a.EntityType, a.EntityId });
    }
}
