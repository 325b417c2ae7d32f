using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Pipeline;

/// <summary>One move of a deal between stages (From is null when the deal was created). History for velocity and conversion.</summary>
public sealed class StageChange : TenantOwnedEntity
{
    private StageChange()
    {
    }

    public StageChange(Guid dealId, Guid? fromStageId, Guid toStageId, DateTime atUtc, Guid? byUserId)
    {
        DealId = dealId;
        FromStageId = fromStageId;
        ToStageId = toStageId;
        AtUtc = atUtc;
        ByUserId = byUserId;
    }

    public Guid DealId { get; private set; }

    public Guid? FromStageId { get; private set; }

    public Guid ToStageId { get; private set; }

    public DateTime AtUtc { get; private set; }

    public Guid? ByUserId { get; private set; }
}
