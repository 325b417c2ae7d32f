using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;
using Quartz;

namespace PartnerForge.Infrastructure.Tenancy;

/// <summary>
/// Runs a piece of work once for every active tenant, each in its own DI scope acting as that tenant (system jobs
/// and seeding; the tenant list itself is not tenant data). One tenant's failure does not stop the others.
/// </summary>
public static class PerTenant
{
    /// <summary>Runs <paramref name="work"/> for each active tenant; returns one line per tenant that failed.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(
        IServiceScopeFactory scopes, string origin, Func<IServiceProvider, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        List<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(cancellationToken);
            tenants = await db.Tenants.Where(t => t.Status == TenantStatus.Active).Select(t => t.Id).ToListAsync(cancellationToken);
        }

        var failures = new List<string>();
        foreach (var tenantId in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, origin);
            try
            {
                await work(scope.ServiceProvider, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add($"{tenantId}: {ex.Message}");
            }
        }

        return failures;
    }

    /// <summary>A system job's run over every active tenant; it fails (and Quartz logs it) when any tenant failed.</summary>
    public static async Task RunJobAsync(
        IServiceScopeFactory scopes, JobKey job, string what, Func<IServiceProvider, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var failures = await RunAsync(scopes, $"job:{job.Name}", work, cancellationToken);
        if (failures.Count > 0)
        {
            throw new JobExecutionException($"{what} failed for {failures.Count} tenant(s): {string.Join("; ", failures)}");
        }
    }
}
