using PartnerForge.Domain.Changes;

namespace PartnerForge.Tests.Domain.Changes;

public sealed class SnapshotRetentionTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Company = Guid.NewGuid();

    private static RetainedSnapshot At(DateTime at, string module = "M02") => new(Guid.NewGuid(), Company, module, at);

    [Fact]
    public void Recent_snapshots_are_all_kept_and_older_ones_thin_to_the_newest_per_iso_week()
    {
        // Daily snapshots for 60 days; keep everything for 30.
        var daily = Enumerable.Range(0, 60).Select(d => At(Now.AddDays(-d))).ToList();
        var plan = SnapshotRetention.Plan(daily, new HashSet<Guid>(), Now, 30);

        var kept = daily.Where(s => !plan.Prune.Contains(s.Id)).ToList();
        kept.Where(s => s.CapturedAtUtc >= Now.AddDays(-30)).Should().HaveCount(31, "days 0..30 are inside the window");
        var old = kept.Where(s => s.CapturedAtUtc < Now.AddDays(-30)).ToList();
        old.GroupBy(s => (System.Globalization.ISOWeek.GetYear(s.CapturedAtUtc), System.Globalization.ISOWeek.GetWeekOfYear(s.CapturedAtUtc)))
            .Should().OnlyContain(g => g.Count() == 1, "one per week beyond the window");
        plan.Prune.Should().HaveCount(60 - kept.Count).And.NotBeEmpty();
        plan.Kept[RetentionReason.Latest].Should().Be(1);
        (plan.Kept.Values.Sum() + plan.Prune.Count).Should().Be(60, "every snapshot is either kept (with a reason) or pruned");
    }

    [Fact]
    public void The_latest_and_referenced_snapshots_are_never_pruned_however_old()
    {
        var latest = At(Now.AddDays(-400));
        var referenced = At(Now.AddDays(-401));
        var sameWeekUnreferenced = At(Now.AddDays(-401).AddHours(-1));
        var plan = SnapshotRetention.Plan([latest, referenced, sameWeekUnreferenced], new HashSet<Guid> { referenced.Id }, Now, 7);

        plan.Prune.Should().Equal(sameWeekUnreferenced.Id);
        plan.Kept[RetentionReason.Latest].Should().Be(1);
        plan.Kept[RetentionReason.Referenced].Should().Be(1);
    }

    [Fact]
    public void Each_account_and_module_is_its_own_series()
    {
        var m02 = At(Now.AddDays(-100), "M02");
        var m07 = At(Now.AddDays(-100), "M07");
        var otherAccount = m02 with { Id = Guid.NewGuid(), CompanyId = Guid.NewGuid() };
        SnapshotRetention.Plan([m02, m07, otherAccount], new HashSet<Guid>(), Now, 7).Prune.Should().BeEmpty("each is the latest of its series");
    }
}
