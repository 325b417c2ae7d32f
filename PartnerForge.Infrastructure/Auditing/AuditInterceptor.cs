using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;
using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Infrastructure.Auditing;

/// <summary>
/// The one audit mechanism: on save, every added, changed or deleted <see cref="IAudited"/> entity gets an
/// <see cref="AuditEntry"/> (who, when, from where, before/after of the properties that changed), written in
/// the same transaction. Registered after the tenant stamp, so new rows already carry their tenant.
/// </summary>
internal sealed class AuditInterceptor(ICurrentTenant actor, TimeProvider time) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Audit(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Audit(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Audit(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries<IAudited>())
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Modified => AuditAction.Updated,
                EntityState.Deleted => AuditAction.Deleted,
                _ => (AuditAction?)null,
            };
            // A tenant-owned row lands in its tenant's log; a Tenant row (suspension, renaming) in its own.
            Guid? tenantId = entry.Entity switch
            {
                ITenantOwned owned => owned.TenantId,
                Identity.ApplicationUser account => account.TenantId,
                Tenant tenant => tenant.Id,
                _ => null,
            };
            if (action is null || tenantId is null)
            {
                continue;
            }

            var changes = Changes(entry, action.Value);
            if (changes.Count == 0)
            {
                continue;
            }

            entries.Add(new AuditEntry(tenantId.Value, actor.UserId, action.Value, entry.Metadata.ClrType.Name, entry.Entity.Id,
                JsonSerializer.Serialize(changes, Json), actor.Origin, now));
        }

        context.AddRange(entries);
    }

    private static Dictionary<string, object?> Changes(EntityEntry entry, AuditAction action)
    {
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (name is nameof(ITenantOwned.TenantId) or "Id" || property.Metadata.IsShadowProperty()
                || property.Metadata.PropertyInfo?.IsDefined(typeof(AuditIgnoreAttribute), inherit: true) == true)
            {
                continue;
            }

            var old = action == AuditAction.Created ? null : property.OriginalValue;
            var @new = action == AuditAction.Deleted ? null : property.CurrentValue;
            if (action == AuditAction.Updated && (!property.IsModified || Equals(Normalize(old), Normalize(@new))))
            {
                continue;
            }

            if (property.Metadata.PropertyInfo?.IsDefined(typeof(AuditRedactedAttribute), inherit: true) == true)
            {
                changes[name] = new { old = old is null ? null : AuditRedactedAttribute.Placeholder, @new = @new is null ? null : AuditRedactedAttribute.Placeholder };
                continue;
            }

            changes[name] = new { old = Normalize(old), @new = Normalize(@new) };
        }

        return changes;
    }

    // Lists are compared and stored by their items, not by reference; enums by name (a reader sees "A", not 2).
    private static object? Normalize(object? value) => value switch
    {
        Enum member => member.ToString(),
        System.Collections.IEnumerable items and not string => string.Join(", ", items.Cast<object?>()),
        _ => value,
    };
}
