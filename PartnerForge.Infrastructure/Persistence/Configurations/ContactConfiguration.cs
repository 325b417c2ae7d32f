using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Contacts;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("Contacts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.FullName).HasMaxLength(ContactProfile.MaxNameLength).IsRequired();
        builder.Property(c => c.Title).HasMaxLength(ContactProfile.MaxTitleLength);
        builder.Property(c => c.Email).HasMaxLength(ContactProfile.MaxEmailLength);
        builder.Property(c => c.Phone).HasMaxLength(ContactProfile.MaxPhoneLength);
        builder.Property(c => c.TimeZone).HasMaxLength(ContactProfile.MaxTimeZoneLength);
        // OwnerId has no foreign key, as on accounts: users are deactivated, never deleted.
        builder.HasIndex(c => new { c.TenantId, c.CompanyId, c.FullName });
        // Contacts are matched by e-mail (import dedupe, "add as contact"): one per address in a workspace.
        builder.HasIndex(c => new { c.TenantId, c.Email }).IsUnique().HasFilter("\"Email\" IS NOT NULL");
        // Reverting an import deletes the contacts it created.
        builder.HasIndex(c => c.ImportId);
    }
}
