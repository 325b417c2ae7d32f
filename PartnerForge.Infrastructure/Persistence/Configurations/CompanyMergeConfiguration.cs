using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Accounts;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class CompanyMergeConfiguration : IEntityTypeConfiguration<CompanyMerge>
{
    public void Configure(EntityTypeBuilder<CompanyMerge> builder)
    {
        builder.ToTable("CompanyMerges");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(m => m.MergedName).HasMaxLength(Firmographics.MaxNameLength).IsRequired();
        builder.Property(m => m.MergedDomain).HasMaxLength(253).IsRequired();
        builder.Property(m => m.MergedSnapshot).IsRequired();
        builder.HasIndex(m => new { m.TenantId, m.SurvivorId });
    }
}
