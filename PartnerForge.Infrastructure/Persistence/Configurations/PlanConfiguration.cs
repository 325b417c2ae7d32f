using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Billing;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("Plans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Code).HasMaxLength(50).IsRequired();
        builder.Property(p => p.Name).HasMaxLength(100).IsRequired();
        builder.Property(p => p.Currency).HasMaxLength(3).IsRequired();
        builder.Property(p => p.MonthlyPrice).HasPrecision(18, 4);
        builder.Property(p => p.OveragePricePerCredit).HasPrecision(18, 4);
        builder.Property(p => p.OveragePricePerThousandApiCalls).HasPrecision(18, 4);
        builder.HasJsonStringList(p => p.IncludedModules);
        builder.Ignore(p => p.Terms);
        builder.HasIndex(p => p.Code).IsUnique();
    }
}
