using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> builder)
    {
        builder.ToTable("SavedViews");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(v => v.Name).HasMaxLength(100).IsRequired();
        builder.Property(v => v.Definition).IsRequired();
        // Views saved before contact views existed are account views; the column's default says so in the model too,
        // so the migration that added it and the model describe the same schema. Always written (sentinel -1).
        builder.Property(v => v.Scope).HasDefaultValue(SavedViewScope.Accounts).HasSentinel((SavedViewScope)(-1));
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.TenantId, v.OwnerId, v.Scope });
    }
}
