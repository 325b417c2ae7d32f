using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class TouchConfiguration : IEntityTypeConfiguration<Touch>
{
    public void Configure(EntityTypeBuilder<Touch> builder)
    {
        builder.ToTable("Touches");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.HasOne<Enrolment>().WithMany().HasForeignKey(t => t.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        // ContactId has no foreign key of its own: the touch goes with its enrolment, and erasure clears it (Touch.Erase)
        // while keeping the row, so the sequence report still counts it. (A second cascade path is refused by SQL Server.)
        builder.HasIndex(t => t.ContactId);
        builder.Property(t => t.Mailbox).HasMaxLength(ContactProfile.MaxEmailLength);
        builder.Property(t => t.ToAddress).HasMaxLength(ContactProfile.MaxEmailLength);
        builder.Property(t => t.Subject).HasMaxLength(SequenceStep.MaxSubjectLength * 2);
        builder.Property(t => t.MessageId).HasMaxLength(200);
        builder.Property(t => t.Error).HasMaxLength(500);
        // The idempotency key: one touch per enrolment and step, written before the e-mail leaves.
        builder.HasIndex(t => new { t.EnrolmentId, t.StepIndex }).IsUnique();
        builder.HasIndex(t => t.MessageId);
        builder.HasIndex(t => new { t.TenantId, t.Mailbox, t.SentAtUtc });
        builder.HasIndex(t => new { t.SequenceId, t.StepIndex });
        builder.HasIndex(t => new { t.CompanyId, t.CreatedAtUtc });
    }
}
