using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Billing;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> builder)
    {
        builder.ToTable("UsageRecords");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(u => u.Source).HasMaxLength(100).IsRequired();
        builder.HasIndex(u => new { u.TenantId, u.Kind, u.AtUtc });
    }
}
