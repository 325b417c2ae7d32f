using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Accounts;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.ToTable("Companies");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.OwnedByTenant();
        builder.Property(c => c.Name).HasMaxLength(Firmographics.MaxNameLength).IsRequired();
        builder.Property(c => c.SearchName).HasMaxLength(Firmographics.MaxNameLength).IsRequired().HasDefaultValue(string.Empty);
        builder.Property(c => c.UpdatedAtUtc).HasDefaultValue(CompanyDefaults.UpdatedAtUtc);
        builder.Property(c => c.Domain).HasMaxLength(253).IsRequired();
        builder.Property(c => c.Industry).HasMaxLength(Firmographics.MaxIndustryLength);
        builder.Property(c => c.Country).HasMaxLength(2);
        builder.Property(c => c.EmployeeBand).HasMaxLength(20);
        builder.Property(c => c.RevenueBand).HasMaxLength(20);
        // OwnerId has no foreign key: users are deactivated, never deleted, and SQLite cannot add a foreign
        // key to an existing table. AccountService checks the owner belongs to the tenant.

        // The accounts grid: each index leads with TenantId. Name order (the default) is served for the common
        // filters by (TenantId, filter, SearchName), so a filtered first page reads 25 index entries instead of
        // sorting every match. Other sort columns have their own index to scan in order.
        builder.HasIndex(c => new { c.TenantId, c.Domain }).IsUnique();
        builder.HasIndex(c => new { c.TenantId, c.SearchName });
        builder.HasIndex(c => new { c.TenantId, c.Country, c.SearchName });
        builder.HasIndex(c => new { c.TenantId, c.Industry, c.SearchName });
        builder.HasIndex(c => new { c.TenantId, c.Tier, c.SearchName });
        builder.HasIndex(c => new { c.TenantId, c.OwnerId, c.SearchName });
        builder.HasIndex(c => new { c.TenantId, c.UpdatedAtUtc });
        builder.HasIndex(c => new { c.TenantId, c.CreatedAtUtc });
        builder.HasIndex(c => c.ImportId);
        // Scores (issue 5): sorting and minimum filters on fit, signal and priority scan these in order.
        // Id closes each index so a sort by score (then Id, for stable paging) never sorts ties of a score.
        builder.HasIndex(c => new { c.TenantId, c.FitScore, c.Id });
        builder.HasIndex(c => new { c.TenantId, c.SignalScore, c.Id });
        builder.HasIndex(c => new { c.TenantId, c.PriorityScore, c.Id });
    }
}

/// <summary>
/// Column defaults that exist only because columns were added to a table with rows in it (see migration
/// AccountsInFull); the application always sets these values itself.
/// </summary>
internal static class CompanyDefaults
{
    public static readonly DateTime UpdatedAtUtc = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
}
