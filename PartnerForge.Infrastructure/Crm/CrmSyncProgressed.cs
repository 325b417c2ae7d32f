using PartnerForge.Domain.Common;
using PartnerForge.Domain.Crm;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// Published as a sync goes (after every page and when it ends); the CRM admin page's progress listens. <see cref="Phase"/>
/// says in plain words what it is doing ("Companies", "Contacts", "Deals", "Deleted records", "Pushing scores").
/// </summary>
public sealed record CrmSyncProgressed(
    Guid TenantId,
    Guid ConnectionId,
    Guid RunId,
    SyncRunState State,
    string Phase,
    int Processed,
    int Created,
    int Updated,
    int Failed,
    int ApiCalls) : ITenantEvent
{
    public static CrmSyncProgressed Of(SyncRun run, string phase)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.TenantId, run.ConnectionId, run.Id, run.State, phase, run.Processed, run.Created, run.Updated, run.Failed, run.ApiCalls);
    }
}
