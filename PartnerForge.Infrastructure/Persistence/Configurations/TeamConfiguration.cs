using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("Teams");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(t => new { t.TenantId, t.Name }).IsUnique();
    }
}
