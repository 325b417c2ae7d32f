using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Tenancy;
using Quartz;

namespace PartnerForge.Infrastructure.Jobs;

/// <summary>
/// Base for Quartz jobs that work inside one tenant. The tenant id travels in the job data
/// (<see cref="TenantIdKey"/>); the job's DI scope acts as that tenant, so query filters and tenant
/// stamping apply as they do for a signed-in user.
/// </summary>
public abstract class TenantJob(IServiceProvider services) : IJob
{
    public const string TenantIdKey = "tenantId";
    public const string UserIdKey = "userId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        if (!Guid.TryParse(data.GetString(TenantIdKey), out var tenantId))
        {
            throw new JobExecutionException($"Job {context.JobDetail.Key} has no {TenantIdKey}.") { RefireImmediately = false };
        }

        Guid? userId = Guid.TryParse(data.GetString(UserIdKey), out var parsed) ? parsed : null;
        services.GetRequiredService<TenantContext>().Set(tenantId, userId, $"job:{context.JobDetail.Key.Name}");
        await ExecuteForTenantAsync(context, tenantId, cancellationToken);
    }

    protected abstract Task ExecuteForTenantAsync(IJobExecutionContext context, Guid tenantId, CancellationToken cancellationToken);
}
