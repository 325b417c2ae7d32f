using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Billing;
using PartnerForge.Infrastructure.Billing;
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
        await PerTenant.RunJobAsync(scopes, Key, "Invoices",
            (services, ct) => services.GetRequiredService<InvoiceService>().IssueForMonthAsync(lastMonth, ct), cancellationToken);
    }
}
