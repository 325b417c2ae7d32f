using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Playbook;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class TitleRuleConfiguration : IEntityTypeConfiguration<TitleRule>
{
    public void Configure(EntityTypeBuilder<TitleRule> builder)
    {
        builder.ToTable("TitleRules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(r => r.Keywords).HasMaxLength(TitleRule.MaxKeywordsLength).IsRequired();
        builder.HasIndex(r => new { r.TenantId, r.Position });
    }
}

internal sealed class CommitteeOverrideConfiguration : IEntityTypeConfiguration<CommitteeOverride>
{
    public void Configure(EntityTypeBuilder<CommitteeOverride> builder)
    {
        builder.ToTable("CommitteeOverrides");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<Company>().WithMany().HasForeignKey(o => o.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(o => o.PersonName).HasMaxLength(CommitteeOverride.MaxPersonLength).IsRequired();
        builder.HasIndex(o => new { o.TenantId, o.CompanyId, o.PersonName }).IsUnique();
        builder.HasIndex(o => o.CompanyId);
    }
}

internal sealed class DisplacementRuleConfiguration : IEntityTypeConfiguration<DisplacementRule>
{
    public void Configure(EntityTypeBuilder<DisplacementRule> builder)
    {
        builder.ToTable("DisplacementRules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(r => r.OurProduct).HasMaxLength(DisplacementRule.MaxProductLength).IsRequired();
        builder.Property(r => r.CompetitorProduct).HasMaxLength(DisplacementRule.MaxProductLength).IsRequired();
        builder.HasIndex(r => new { r.TenantId, r.CompetitorProduct, r.OurProduct }).IsUnique();
    }
}

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> builder)
    {
        builder.ToTable("EvidenceItems");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(e => e.Title).HasMaxLength(EvidenceInput.MaxTitle).IsRequired();
        builder.Property(e => e.Body).HasMaxLength(EvidenceInput.MaxBody).IsRequired();
        builder.Property(e => e.Customer).HasMaxLength(EvidenceInput.MaxShort);
        builder.Property(e => e.Industry).HasMaxLength(EvidenceInput.MaxShort);
        builder.Property(e => e.SizeBand).HasMaxLength(20);
        builder.Property(e => e.UseCase).HasMaxLength(EvidenceInput.MaxShort);
        builder.Property(e => e.Url).HasMaxLength(EvidenceInput.MaxUrl);
        builder.HasJsonStringList(e => e.Technologies);
        builder.Property(e => e.Technologies).HasMaxLength(2000);
        builder.HasIndex(e => new { e.TenantId, e.Title }).IsUnique();
    }
}
