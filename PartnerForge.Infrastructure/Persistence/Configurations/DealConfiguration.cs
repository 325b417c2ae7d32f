using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> builder)
    {
        builder.ToTable("Deals");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(d => d.Title).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Currency).HasMaxLength(3).IsRequired();
        builder.Property(d => d.NextStep).HasMaxLength(500);
        builder.Property(d => d.CloseReason).HasMaxLength(500);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Property(d => d.Qualification)
            .HasConversion(
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    v => v.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key.GetHashCode(StringComparison.Ordinal), p.Value.GetHashCode(StringComparison.Ordinal))),
                    v => new Dictionary<string, string>(v)))
            .IsRequired();
        builder.Ignore(d => d.Amount);
        builder.Ignore(d => d.IsClosed);
        builder.HasOne<Company>().WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Stage>().WithMany().HasForeignKey(d => d.StageId).OnDelete(DeleteBehavior.Restrict);

        // Board: open deals by stage; dashboards: closed in / created in / expected to close in a period.
        builder.HasIndex(d => new { d.TenantId, d.StageId, d.BoardRank });
        builder.HasIndex(d => new { d.TenantId, d.ClosedAtUtc });
        builder.HasIndex(d => new { d.TenantId, d.CreatedAtUtc });
        builder.HasIndex(d => new { d.TenantId, d.ExpectedCloseDate });
    }
}
