using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Accounts;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class CompanyTagConfiguration : IEntityTypeConfiguration<CompanyTag>
{
    public void Configure(EntityTypeBuilder<CompanyTag> builder)
    {
        builder.ToTable("CompanyTags");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(t => t.Tag).HasMaxLength(Firmographics.MaxTagLength).IsRequired();
        builder.Property(t => t.NormalizedTag).HasMaxLength(Firmographics.MaxTagLength).IsRequired();
        builder.HasOne<Company>().WithMany().HasForeignKey(t => t.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.CompanyId, t.NormalizedTag }).IsUnique();
        builder.HasIndex(t => new { t.TenantId, t.NormalizedTag });
    }
}
