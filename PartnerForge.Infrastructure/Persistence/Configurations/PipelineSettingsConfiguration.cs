using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Pipeline;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class PipelineSettingsConfiguration : IEntityTypeConfiguration<PipelineSettings>
{
    public void Configure(EntityTypeBuilder<PipelineSettings> builder)
    {
        builder.ToTable("PipelineSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(s => s.ReportingCurrency).HasMaxLength(3).IsRequired();
        builder.HasIndex(s => s.TenantId).IsUnique();
    }
}
