using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Pipeline;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class StageConfiguration : IEntityTypeConfiguration<Stage>
{
    public void Configure(EntityTypeBuilder<Stage> builder)
    {
        builder.ToTable("Stages");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(s => s.Name).HasMaxLength(100).IsRequired();
        builder.Ignore(s => s.IsClosed);
        builder.HasIndex(s => new { s.TenantId, s.Position });
    }
}
