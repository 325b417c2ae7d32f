using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> builder)
    {
        builder.ToTable("Enrolments");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<Sequence>().WithMany().HasForeignKey(e => e.SequenceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Contact>().WithMany().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(e => e.IsOpen);
        // A contact goes through a sequence once.
        builder.HasIndex(e => new { e.SequenceId, e.ContactId }).IsUnique();
        builder.HasIndex(e => e.ContactId);
        // The dispatcher's scan: active enrolments whose next step came due.
        builder.HasIndex(e => new { e.State, e.NextDueUtc });
    }
}
