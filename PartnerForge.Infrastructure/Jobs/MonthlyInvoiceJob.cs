using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Billing;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Billing;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using Quartz;

namespace PartnerForge.Infrastructure.Jobs;

/// <summary>
/// System job, early on the 1st of each month (UTC): issues last month's invoice for every active tenant, each in
/// a scope acting as that tenant. Idempotent (an issued invoice is kept), so a retry or a late run is safe.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MonthlyInvoiceJob(IServiceScopeFactory scopes, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("monthly-invoices", "billing");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var lastMonth = InvoiceCalculator.MonthOf(time.GetUtcNow().UtcDateTime).StartUtc.AddMonths(-1);
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
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, $"job:{Key.Name}");
            try
            {
                await scope.ServiceProvider.GetRequiredService<InvoiceService>().IssueForMonthAsync(lastMonth, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add($"{tenantId}: {ex.Message}");
            }
        }

        if (failures.Count > 0)
        {
            throw new JobExecutionException($"Invoices failed for {failures.Count} tenant(s): {string.Join("; ", failures)}");
        }
    }
}
