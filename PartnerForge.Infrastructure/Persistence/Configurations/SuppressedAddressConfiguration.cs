using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Outreach;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class SuppressedAddressConfiguration : IEntityTypeConfiguration<SuppressedAddress>
{
    public void Configure(EntityTypeBuilder<SuppressedAddress> builder)
    {
        builder.ToTable("SuppressedAddresses");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(s => s.AddressHash).HasMaxLength(SuppressedAddress.HashLength).IsFixedLength().IsRequired();
        builder.HasIndex(s => new { s.TenantId, s.AddressHash }).IsUnique();
    }
}
