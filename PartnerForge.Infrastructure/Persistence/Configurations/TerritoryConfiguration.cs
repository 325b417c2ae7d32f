using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class TerritoryConfiguration : IEntityTypeConfiguration<Territory>
{
    public void Configure(EntityTypeBuilder<Territory> builder)
    {
        builder.ToTable("Territories");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.HasJsonStringList(t => t.Countries);
        builder.HasJsonStringList(t => t.Industries);
        builder.HasJsonStringList(t => t.EmployeeBands);
        builder.HasIndex(t => new { t.TenantId, t.Name }).IsUnique();
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}
