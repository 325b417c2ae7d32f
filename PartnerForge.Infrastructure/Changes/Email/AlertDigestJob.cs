using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Tenancy;
using Quartz;

namespace PartnerForge.Infrastructure.Changes.Email;

/// <summary>Every 15 minutes: for each active tenant, compose the digests that came due and send the outbox.</summary>
[DisallowConcurrentExecution]
public sealed class AlertDigestJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("alert-digests", "changes");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // A tenant whose digests fail (e.g. its SMTP answer) does not hold up the other tenants' digests.
        await PerTenant.RunJobAsync(scopes, Key, "Alert digests",
            (services, ct) => services.GetRequiredService<DigestService>().RunAsync(ct), cancellationToken);
    }
}
