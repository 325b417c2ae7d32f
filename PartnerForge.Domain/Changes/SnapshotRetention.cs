namespace PartnerForge.Domain.Changes;

/// <summary>One stored snapshot as retention sees it.</summary>
public sealed record RetainedSnapshot(Guid Id, Guid CompanyId, string Module, DateTime CapturedAtUtc);

/// <summary>Why a snapshot outside the keep-everything window survives.</summary>
public enum RetentionReason
{
    /// <summary>Inside the keep-everything window.</summary>
    Recent,

    /// <summary>The newest snapshot of its account and module.</summary>
    Latest,

    /// <summary>A change event (and so possibly an alert) points at it.</summary>
    Referenced,

    /// <summary>The one kept for its account, module and ISO week.</summary>
    WeeklyKeeper,
}

public sealed record RetentionPlan(IReadOnlyList<Guid> Prune, IReadOnlyDictionary<RetentionReason, int> Kept);

/// <summary>
/// Snapshot retention (pure): keep every snapshot captured in the last <c>keepAllDays</c>; older than that keep
/// one per account × module × ISO week (the newest of that week). Never prune the newest snapshot of an account
/// and module, nor one a change event refers to (its side-by-side comparison and any alert on it need it).
/// </summary>
public static class SnapshotRetention
{
    public static RetentionPlan Plan(IEnumerable<RetainedSnapshot> snapshots, IReadOnlySet<Guid> referenced, DateTime nowUtc, int keepAllDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepAllDays);
        var cutoff = nowUtc.AddDays(-keepAllDays);
        var prune = new List<Guid>();
        var kept = Enum.GetValues<RetentionReason>().ToDictionary(r => r, _ => 0);
        foreach (var series in snapshots.GroupBy(s => (s.CompanyId, s.Module)))
        {
            var ordered = series.OrderByDescending(s => s.CapturedAtUtc).ThenByDescending(s => s.Id).ToList();
            var weeksKept = new HashSet<(int Year, int Week)>();
            for (var i = 0; i < ordered.Count; i++)
            {
                var snapshot = ordered[i];
                var week = (System.Globalization.ISOWeek.GetYear(snapshot.CapturedAtUtc), System.Globalization.ISOWeek.GetWeekOfYear(snapshot.CapturedAtUtc));
                RetentionReason? reason =
                    i == 0 ? RetentionReason.Latest
                    : snapshot.CapturedAtUtc >= cutoff ? RetentionReason.Recent
                    : referenced.Contains(snapshot.Id) ? RetentionReason.Referenced
                    : weeksKept.Contains(week) ? null
                    : RetentionReason.WeeklyKeeper;
                if (reason is { } r)
                {
                    kept[r]++;
                    // A week is covered by any snapshot kept in it, whatever the reason (newest first).
                    weeksKept.Add(week);
                }
                else
                {
                    prune.Add(snapshot.Id);
                }
            }
        }

        return new RetentionPlan(prune, kept);
    }
}
