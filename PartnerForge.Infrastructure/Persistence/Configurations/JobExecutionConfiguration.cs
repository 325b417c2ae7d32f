using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Administration;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class JobExecutionConfiguration : IEntityTypeConfiguration<JobExecution>
{
    public void Configure(EntityTypeBuilder<JobExecution> builder)
    {
        builder.ToTable("JobExecutions");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.JobName).HasMaxLength(200).IsRequired();
        builder.Property(j => j.JobGroup).HasMaxLength(200).IsRequired();
        builder.Property(j => j.FireInstanceId).HasMaxLength(200).IsRequired();
        builder.Property(j => j.Error).HasMaxLength(4000);
        builder.HasIndex(j => j.StartedAtUtc);
        builder.HasIndex(j => j.FireInstanceId);
    }
}
