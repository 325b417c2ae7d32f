using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Infrastructure.Identity;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

/// <summary>Identity's role mapping on the <c>Roles</c> table the hand-made role store used (rows stay in place).</summary>
internal sealed class ApplicationRoleConfiguration : IEntityTypeConfiguration<ApplicationRole>
{
    public void Configure(EntityTypeBuilder<ApplicationRole> builder)
    {
        builder.ToTable("Roles");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(64).IsRequired();
        builder.Property(r => r.NormalizedName).HasMaxLength(64).IsRequired();
        builder.Property(r => r.ConcurrencyStamp).HasMaxLength(64);
    }
}
