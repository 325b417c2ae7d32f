using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class BudgetNoticeConfiguration : IEntityTypeConfiguration<BudgetNotice>
{
    public void Configure(EntityTypeBuilder<BudgetNotice> builder)
    {
        builder.ToTable("BudgetNotices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(n => n.Source).HasMaxLength(60).IsRequired();
        builder.Property(n => n.Period).HasMaxLength(7).IsRequired();
        builder.Ignore(n => n.Title);

        // Once per tenant, source, month and threshold.
        builder.HasIndex(n => new { n.TenantId, n.Source, n.Period, n.Threshold }).IsUnique();
    }
}
