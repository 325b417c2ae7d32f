using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using Quartz;

namespace PartnerForge.Infrastructure.Changes.Email;

/// <summary>Every 15 minutes: for each active tenant, compose the digests that came due and send the outbox.</summary>
[DisallowConcurrentExecution]
public sealed class AlertDigestJob(IServiceProvider services) : IJob
{
    public static readonly JobKey Key = new("alert-digests", "changes");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        List<Guid> tenants;
        await using (var scope = services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(cancellationToken);
            // System job across tenants: the tenant list itself is not tenant data.
            tenants = await db.Tenants.Select(t => t.Id).ToListAsync(cancellationToken);
        }

        foreach (var tenantId in tenants)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, "job:alert-digests");
            await scope.ServiceProvider.GetRequiredService<DigestService>().RunAsync(cancellationToken);
        }
    }
}
