using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Outreach;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class OutreachSettingsConfiguration : IEntityTypeConfiguration<OutreachSettings>
{
    public void Configure(EntityTypeBuilder<OutreachSettings> builder)
    {
        builder.ToTable("OutreachSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasIndex(s => s.TenantId).IsUnique();
        // Holidays as ISO dates in one text column ("2026-12-25,2026-12-26"), the same on every provider.
        builder.Property(s => s.Holidays)
            .HasConversion(
                v => string.Join(',', v.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
                new ValueComparer<List<DateOnly>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, HashCode.Combine), v => v.ToList()))
            .HasMaxLength(4000)
            .IsRequired();
    }
}
