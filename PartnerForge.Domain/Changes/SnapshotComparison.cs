namespace PartnerForge.Domain.Changes;

public enum ComparisonStatus
{
    Same = 0,
    Added = 1,
    Removed = 2,
    Changed = 3,
}

/// <summary>One path of two snapshots side by side.</summary>
public sealed record ComparisonRow(string Path, IReadOnlyList<string> Before, IReadOnlyList<string> After, ComparisonStatus Status);

/// <summary>Any two snapshots of an account side by side, every path with its status (DESIGN.md §3).</summary>
public static class SnapshotComparison
{
    public static IReadOnlyList<ComparisonRow> Build(string? beforeJson, string? afterJson)
    {
        var before = beforeJson is null ? [] : SnapshotDiff.Facts(beforeJson);
        var after = afterJson is null ? [] : SnapshotDiff.Facts(afterJson);
        var left = before.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(f => f.Value).ToList(), StringComparer.Ordinal);
        var right = after.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(f => f.Value).ToList(), StringComparer.Ordinal);
        return left.Keys.Union(right.Keys).OrderBy(p => p, StringComparer.Ordinal).Select(path =>
        {
            var l = left.GetValueOrDefault(path) ?? [];
            var r = right.GetValueOrDefault(path) ?? [];
            var status = l.Count == 0 ? ComparisonStatus.Added
                : r.Count == 0 ? ComparisonStatus.Removed
                : l.SequenceEqual(r, StringComparer.Ordinal) ? ComparisonStatus.Same
                : ComparisonStatus.Changed;
            return new ComparisonRow(path, l, r, status);
        }).ToList();
    }
}
