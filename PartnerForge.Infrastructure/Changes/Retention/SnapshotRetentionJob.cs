using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using Quartz;

namespace PartnerForge.Infrastructure.Changes.Retention;

/// <summary>System job (<c>Changes:Retention:Cron</c>): snapshot retention in every active tenant, each in a scope acting as that tenant.</summary>
[DisallowConcurrentExecution]
public sealed class SnapshotRetentionJob(IServiceScopeFactory scopes, IOptions<SnapshotRetentionOptions> options) : IJob
{
    public static readonly JobKey Key = new("snapshot-retention", "changes");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        List<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(cancellationToken);
            // System job across tenants: the tenant list itself is not tenant data.
            tenants = await db.Tenants.Where(t => t.Status == TenantStatus.Active).Select(t => t.Id).ToListAsync(cancellationToken);
        }

        var failures = new List<string>();
        foreach (var tenantId in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, $"job:{Key.Name}");
            try
            {
                await scope.ServiceProvider.GetRequiredService<SnapshotPruner>().RunAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add($"{tenantId}: {ex.Message}");
            }
        }

        if (failures.Count > 0)
        {
            throw new JobExecutionException($"Snapshot retention failed for {failures.Count} tenant(s): {string.Join("; ", failures)}");
        }
    }
}
