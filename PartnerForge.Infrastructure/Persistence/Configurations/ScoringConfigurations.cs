using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Scoring;
using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class IcpProfileConfiguration : IEntityTypeConfiguration<IcpProfile>
{
    public void Configure(EntityTypeBuilder<IcpProfile> builder)
    {
        builder.ToTable("IcpProfiles");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(p => p.CriteriaJson).IsRequired();
        builder.HasIndex(p => p.TenantId).IsUnique();
    }
}

internal sealed class TierChangeConfiguration : IEntityTypeConfiguration<TierChange>
{
    public void Configure(EntityTypeBuilder<TierChange> builder)
    {
        builder.ToTable("TierChanges");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(t => t.Reason).HasMaxLength(TierChange.MaxReason).IsRequired();
        builder.HasOne<Company>().WithMany().HasForeignKey(t => t.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.TenantId, t.CompanyId, t.AtUtc });
    }
}

internal sealed class AccountAssignmentConfiguration : IEntityTypeConfiguration<AccountAssignment>
{
    public void Configure(EntityTypeBuilder<AccountAssignment> builder)
    {
        builder.ToTable("AccountAssignments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(a => a.Reason).HasMaxLength(AccountAssignment.MaxReason).IsRequired();
        builder.HasOne<Company>().WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.TenantId, a.CompanyId, a.AtUtc });
    }
}

internal sealed class RoutingCursorConfiguration : IEntityTypeConfiguration<RoutingCursor>
{
    public void Configure(EntityTypeBuilder<RoutingCursor> builder)
    {
        builder.ToTable("RoutingCursors");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(c => c.Next).IsConcurrencyToken();
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.TenantId, c.TeamId }).IsUnique();
    }
}
