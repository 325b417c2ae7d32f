using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Accounts.Import;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class ImportChangeConfiguration : IEntityTypeConfiguration<ImportChange>
{
    public void Configure(EntityTypeBuilder<ImportChange> builder)
    {
        builder.ToTable("ImportChanges");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(x => x.Before).IsRequired();
        builder.HasOne<ImportJob>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to Companies or Contacts: a changed account or contact may be deleted later; reverting skips it.
        builder.HasIndex(x => new { x.ImportId, x.RowNumber });
        builder.HasIndex(x => new { x.ImportId, x.CompanyId });
        builder.HasIndex(x => new { x.ImportId, x.ContactId });
    }
}
