using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Infrastructure.Api;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

/// <summary>The API's request counts per key and window (not tenant data: the key id already belongs to one tenant).</summary>
internal sealed class ApiRateWindowConfiguration : IEntityTypeConfiguration<ApiRateWindow>
{
    public void Configure(EntityTypeBuilder<ApiRateWindow> builder)
    {
        builder.ToTable("ApiRateWindows");
        builder.HasKey(w => new { w.KeyId, w.WindowStartUtc });
        builder.Property(w => w.KeyId).HasMaxLength(64);
    }
}
