using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>
/// Every <see cref="ImapOptions.PollIntervalSeconds"/>: reads the outreach mailbox for replies and bounces. The mailbox
/// serves every workspace (each message acts as the workspace its e-mail came from), so this is one job, not one per
/// tenant; not concurrent on any node, so one connection reads the mailbox at a time. Scheduled only when
/// <c>Outreach:Imap:Host</c> is set.
/// </summary>
[DisallowConcurrentExecution]
public sealed class InboundMailJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("inbound-mail", "outreach");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IInboundMailbox>().PollAsync(cancellationToken);
    }
}
