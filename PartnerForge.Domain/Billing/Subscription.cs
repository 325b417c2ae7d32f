using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Billing;

/// <summary>A tenant on a plan from a date; a plan change ends the current subscription and starts another.</summary>
public sealed class Subscription : TenantOwnedEntity, IAudited
{
    private Subscription()
    {
    }

    public Subscription(Guid tenantId, Guid planId, DateTime startedAtUtc)
    {
        StampTenant(tenantId);
        PlanId = planId;
        StartedAtUtc = startedAtUtc;
    }

    public Guid PlanId { get; private set; }

    public DateTime StartedAtUtc { get; private set; }

    /// <summary>Null while in force.</summary>
    public DateTime? EndedAtUtc { get; private set; }

    public bool IsCurrent => EndedAtUtc is null;

    public void End(DateTime atUtc)
    {
        if (atUtc < StartedAtUtc)
        {
            throw new ArgumentOutOfRangeException(nameof(atUtc), "A subscription cannot end before it started.");
        }

        EndedAtUtc = atUtc;
    }
}
