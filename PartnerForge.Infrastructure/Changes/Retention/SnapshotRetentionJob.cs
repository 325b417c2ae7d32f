using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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

        await PerTenant.RunJobAsync(scopes, Key, "Snapshot retention",
            (services, ct) => services.GetRequiredService<SnapshotPruner>().RunAsync(ct), cancellationToken);
    }
}
