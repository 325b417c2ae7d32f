using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Changes;

/// <summary>
/// The record of one snapshot-retention run in a tenant: what it examined, pruned and kept (and why), so no
/// snapshot disappears without a trace.
/// </summary>
public sealed class SnapshotPruneRun : TenantOwnedEntity
{
    private SnapshotPruneRun()
    {
    }

    public SnapshotPruneRun(DateTime ranAtUtc, int keepAllDays, int examined, int pruned, RetentionPlan plan)
    {
        RanAtUtc = ranAtUtc;
        KeepAllDays = keepAllDays;
        Examined = examined;
        Pruned = pruned;
        KeptRecent = plan.Kept[RetentionReason.Recent];
        KeptLatest = plan.Kept[RetentionReason.Latest];
        KeptReferenced = plan.Kept[RetentionReason.Referenced];
        KeptWeekly = plan.Kept[RetentionReason.WeeklyKeeper];
    }

    public DateTime RanAtUtc { get; private set; }

    public int KeepAllDays { get; private set; }

    public int Examined { get; private set; }

    public int Pruned { get; private set; }

    public int KeptRecent { get; private set; }

    public int KeptLatest { get; private set; }

    public int KeptReferenced { get; private set; }

    public int KeptWeekly { get; private set; }
}
