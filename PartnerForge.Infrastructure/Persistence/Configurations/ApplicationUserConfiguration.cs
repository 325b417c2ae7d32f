using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Identity;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

/// <summary>Identity's own mapping (IdentityDbContext) plus: the account is the Domain user's, same Id, deleted with it.</summary>
internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.PasswordHash).HasMaxLength(512);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        builder.Property(u => u.ConcurrencyStamp).HasMaxLength(64);
        builder.Property(u => u.PhoneNumber).HasMaxLength(32);
        builder.HasIndex(u => u.TenantId);
        builder.HasOne<User>().WithOne().HasForeignKey<ApplicationUser>(u => u.Id).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
