using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Tenancy;
using Quartz;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>
/// Every <see cref="OutreachOptions.DispatchIntervalSeconds"/>: for each active workspace, the sequence steps that came due.
/// Not concurrent (on any node, with the clustered store): one dispatcher at a time, and the touch key makes a step go once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SequenceDispatchJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("sequence-dispatch", "outreach");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await PerTenant.RunJobAsync(scopes, Key, "Sequence steps",
            (services, ct) => services.GetRequiredService<SequenceDispatcher>().RunAsync(ct), cancellationToken);
    }
}
