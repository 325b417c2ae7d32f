using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerForge.Domain.Common;
using PartnerForge.Domain.Tenancy;
using System.Linq.Expressions;
using System.Text.Json;

namespace PartnerForge.Infrastructure.Persistence.Configurations;

internal static class TenantOwnedConfigurationExtensions
{
    /// <summary>Foreign key to the owning tenant (restrict: a tenant is never deleted with rows under it).</summary>
    public static void OwnedByTenant<T>(this EntityTypeBuilder<T> builder)
        where T : class, ITenantOwned
    {
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }

    /// <summary>Stores a list of short strings as one JSON text column, the same on every provider.</summary>
    public static void HasJsonStringList<T>(this EntityTypeBuilder<T> builder, Expression<Func<T, List<string>>> property)
        where T : class
    {
        builder.Property(property)
            .HasConversion(
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                v => JsonSerializer.Deserialize<List<string>>(v, (JsonSerializerOptions?)null) ?? new List<string>(),
                new ValueComparer<List<string>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
                    v => v.ToList()))
            .IsRequired();
    }
}
