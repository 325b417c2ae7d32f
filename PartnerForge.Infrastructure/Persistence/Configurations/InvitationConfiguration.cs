using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Administration;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("Invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(i => i.Email).HasMaxLength(256).IsRequired();
        builder.Property(i => i.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(i => i.Role).HasMaxLength(50).IsRequired();
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        // The accept page finds the invitation by its token's hash before anyone is signed in.
        builder.HasIndex(i => i.TokenHash).IsUnique();
    }
}
