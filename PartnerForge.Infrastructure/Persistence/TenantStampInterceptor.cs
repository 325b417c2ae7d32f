using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartnerForge.Domain.Common;
using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Infrastructure.Persistence;

/// <summary>
/// The one place writes get their tenant: new tenant-owned rows are stamped with the current tenant, and a
/// change to a row of another tenant is refused. Rows added with an explicit tenant (seeding, jobs running
/// with no current tenant) keep it.
/// </summary>
internal sealed class TenantStampInterceptor(ICurrentTenant currentTenant) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var tenant = currentTenant.TenantId;
        foreach (var entry in context.ChangeTracker.Entries<ITenantOwned>())
        {
            switch (entry.State)
            {
                case EntityState.Added when entry.Entity.TenantId == Guid.Empty:
                    if (tenant is null)
                    {
                        throw new InvalidOperationException($"Cannot add {entry.Entity.GetType().Name}: no current tenant.");
                    }

                    entry.Entity.StampTenant(tenant.Value);
                    break;
                case EntityState.Added or EntityState.Modified or EntityState.Deleted when tenant is not null:
                    // StampTenant throws if the row belongs to another tenant.
                    entry.Entity.StampTenant(tenant.Value);
                    break;
            }

            var tenantProperty = entry.Property(nameof(ITenantOwned.TenantId));
            if (entry.State == EntityState.Modified && tenantProperty.IsModified && !Equals(tenantProperty.OriginalValue, tenantProperty.CurrentValue))
            {
                throw new InvalidOperationException($"The tenant of a {entry.Entity.GetType().Name} cannot change.");
            }
        }
    }
}
