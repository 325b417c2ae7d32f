using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Outreach;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class SequenceConfiguration : IEntityTypeConfiguration<Sequence>
{
    public void Configure(EntityTypeBuilder<Sequence> builder)
    {
        builder.ToTable("Sequences");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(s => s.Name).HasMaxLength(Sequence.MaxNameLength).IsRequired();
        builder.Ignore(s => s.Window);
        // The steps are read and written with their sequence, always whole and in order: one JSON column.
        builder.OwnsMany(s => s.Steps, steps =>
        {
            steps.ToJson();
            steps.Property(x => x.Subject).HasMaxLength(SequenceStep.MaxSubjectLength);
        });
        builder.Navigation(s => s.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(s => new { s.TenantId, s.Name });
    }
}
