using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Accounts.Import;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("ImportJobs");
        // Imports made before contacts could be imported are account imports: the column's default says so in the model
        // too, so the migration that added it and the model describe the same schema. Always written (sentinel -1).
        builder.Property(j => j.Kind).HasDefaultValue(ImportKind.Accounts).HasSentinel((ImportKind)(-1));
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(j => j.FileName).HasMaxLength(ImportJob.MaxFileNameLength).IsRequired();
        builder.Property(j => j.Encoding).HasMaxLength(20).IsRequired();
        builder.Property(j => j.Delimiter).IsRequired();
        builder.Property(j => j.Mapping).IsRequired();
        builder.Property(j => j.MatchFields).HasMaxLength(100).IsRequired();
        builder.Property(j => j.Failure).HasMaxLength(1000);
        builder.Ignore(j => j.MatchFieldList);
        builder.Ignore(j => j.Percent);
        builder.Ignore(j => j.CanRevert);
        builder.HasIndex(j => new { j.TenantId, j.CreatedAtUtc });
    }
}
