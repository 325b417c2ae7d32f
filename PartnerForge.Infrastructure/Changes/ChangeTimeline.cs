using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Changes;

/// <summary>Timeline filters; every one is optional.</summary>
public sealed record TimelineFilter
{
    public Guid? CompanyId { get; init; }

    public string? Module { get; init; }

    public int MinSignificance { get; init; }

    public ChangeKind? Kind { get; init; }

    public string? Technology { get; init; }

    public DateTime? FromUtc { get; init; }

    public DateTime? ToUtc { get; init; }

    /// <summary>Changes on accounts this user owns now.</summary>
    public Guid? OwnerId { get; init; }

    /// <summary>Changes on accounts in this tier now.</summary>
    public PartnerForge.Domain.Accounts.AccountTier? Tier { get; init; }
}

/// <summary>Where the previous page ended (newest first): the last row's time and id.</summary>
public sealed record TimelineCursor(DateTime DetectedAtUtc, Guid Id);

public sealed record TimelineItem(Guid Id, Guid CompanyId, string CompanyName, string Module, string Path, ChangeKind Kind,
    string? OldValue, string? NewValue, int Significance, string Rule, string? Technology, DateTime DetectedAtUtc)
{
    /// <summary>The change in plain words ("Algolia added"), never its fact path.</summary>
    public string Description => ChangeDescriber.Describe(Path, Kind, OldValue, NewValue);

    /// <summary>The significance rule as words ("executive left").</summary>
    public string RuleText => ChangeDescriber.Words(Rule);
}

public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, TimelineCursor? Next);

public sealed record SnapshotSummary(Guid Id, string Module, DateTime CapturedAtUtc, int FactCount);

public sealed record ComparisonView(Guid CompanyId, string CompanyName, string Module, SnapshotSummary? Before, SnapshotSummary After, IReadOnlyList<ComparisonRow> Rows);

/// <summary>
/// The change timeline of the current tenant (query filter), newest first, with keyset paging on
/// (DetectedAtUtc, Id) so a page costs the same at the millionth event as at the first (indexes lead with TenantId).
/// </summary>
public sealed class ChangeTimeline(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    public async Task<TimelinePage> PageAsync(TimelineFilter filter, TimelineCursor? after, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filter(db.ChangeEvents.AsNoTracking(), filter, db.Companies, await FewAccountsAsync(db, filter, cancellationToken));
        if (after is not null)
        {
            var at = after.DetectedAtUtc;
            var id = after.Id;
            query = query.Where(c => c.DetectedAtUtc < at || (c.DetectedAtUtc == at && c.Id.CompareTo(id) < 0));
        }

        var rows = await query.OrderByDescending(c => c.DetectedAtUtc).ThenByDescending(c => c.Id).Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var hasMore = rows.Count > pageSize;
        rows = rows.Take(pageSize).ToList();
        var companyIds = rows.Select(r => r.CompanyId).Distinct().ToList();
        var names = await db.Companies.Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var items = rows.Select(c => new TimelineItem(c.Id, c.CompanyId, names.GetValueOrDefault(c.CompanyId, "(account)"), c.Module, c.Path, c.Kind,
            c.OldValue, c.NewValue, c.Significance, c.Rule, c.Technology, c.DetectedAtUtc)).ToList();
        return new TimelinePage(items, hasMore ? new TimelineCursor(rows[^1].DetectedAtUtc, rows[^1].Id) : null);
    }

    /// <summary>
    /// The filter as a query. Owner and tier are the account's current ones, matched against the tenant's accounts
    /// in one of two shapes (<paramref name="accountsFirst"/>): a correlated EXISTS per event while the newest-first
    /// walk stays on the time index (best when the matching accounts are a fair share of all), or an IN list of
    /// the matching accounts driving the (CompanyId, DetectedAtUtc) index (best when they are few; SQLite then
    /// sorts only their events). <see cref="PageAsync"/> picks the shape from the share.
    /// </summary>
    public static IQueryable<ChangeEvent> Filter(IQueryable<ChangeEvent> query, TimelineFilter filter,
        IQueryable<PartnerForge.Domain.Accounts.Company>? companies = null, bool accountsFirst = false)
    {
        if ((filter.OwnerId is not null || filter.Tier is not null) && companies is null)
        {
            throw new ArgumentException("Owner and tier filters need the accounts.", nameof(companies));
        }

        if (filter.OwnerId is not null || filter.Tier is not null)
        {
            var matching = Accounts(companies!, filter);
            query = accountsFirst
                ? query.Where(c => matching.Select(a => a.Id).Contains(c.CompanyId))
                : query.Where(c => matching.Any(a => a.Id == c.CompanyId));
        }

        if (filter.CompanyId is { } company)
        {
            query = query.Where(c => c.CompanyId == company);
        }

        if (!string.IsNullOrWhiteSpace(filter.Module))
        {
            query = query.Where(c => c.Module == filter.Module);
        }

        if (filter.MinSignificance > 0)
        {
            query = query.Where(c => c.Significance >= filter.MinSignificance);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(c => c.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Technology))
        {
            query = query.Where(c => c.Technology == filter.Technology);
        }

        if (filter.FromUtc is { } from)
        {
            query = query.Where(c => c.DetectedAtUtc >= from);
        }

        if (filter.ToUtc is { } to)
        {
            query = query.Where(c => c.DetectedAtUtc < to);
        }

        return query;
    }

    private static IQueryable<PartnerForge.Domain.Accounts.Company> Accounts(IQueryable<PartnerForge.Domain.Accounts.Company> companies, TimelineFilter filter)
    {
        if (filter.OwnerId is { } owner)
        {
            companies = companies.Where(c => c.OwnerId == owner);
        }

        if (filter.Tier is { } tier)
        {
            companies = companies.Where(c => c.Tier == tier);
        }

        return companies;
    }

    /// <summary>
    /// True when the accounts matching the owner/tier filter are at most 1% of the tenant's (and at most 500): their
    /// events are few, so listing them first is cheaper than walking the whole time index. Both counts are capped,
    /// so deciding costs at most ~50,000 index entries.
    /// </summary>
    public static async Task<bool> FewAccountsAsync(PartnerForgeDbContext db, TimelineFilter filter, CancellationToken cancellationToken = default)
    {
        if (filter.OwnerId is null && filter.Tier is null)
        {
            return false;
        }

        const int MaxFew = 500;
        var matching = await Accounts(db.Companies.AsNoTracking(), filter).Take(MaxFew + 1).CountAsync(cancellationToken);
        if (matching > MaxFew)
        {
            return false;
        }

        var cap = Math.Max(1, matching) * 100;
        return await db.Companies.AsNoTracking().Take(cap + 1).CountAsync(cancellationToken) > cap;
    }

    /// <summary>The two snapshots a change came from, side by side.</summary>
    public async Task<(TimelineItem Change, ComparisonView View)?> ForChangeAsync(Guid changeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var change = await db.ChangeEvents.AsNoTracking().FirstOrDefaultAsync(c => c.Id == changeId, cancellationToken);
        if (change is null)
        {
            return null;
        }

        var view = await CompareAsync(change.PreviousSnapshotId, change.SnapshotId, cancellationToken);
        if (view is null)
        {
            return null;
        }

        return (new TimelineItem(change.Id, change.CompanyId, view.CompanyName, change.Module, change.Path, change.Kind, change.OldValue, change.NewValue,
            change.Significance, change.Rule, change.Technology, change.DetectedAtUtc), view);
    }

    /// <summary>Any two snapshots of one account and module (the tenant's only), side by side.</summary>
    public async Task<ComparisonView?> CompareAsync(Guid? beforeId, Guid afterId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var after = await db.IntelSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == afterId, cancellationToken);
        if (after is null)
        {
            return null;
        }

        IntelSnapshot? before = beforeId is { } b ? await db.IntelSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == b, cancellationToken) : null;
        if (before is not null && (before.CompanyId != after.CompanyId || before.Module != after.Module))
        {
            return null;
        }

        if (before is not null && before.CapturedAtUtc > after.CapturedAtUtc)
        {
            (before, after) = (after, before);
        }

        var name = await db.Companies.Where(c => c.Id == after.CompanyId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken) ?? "(account)";
        return new ComparisonView(after.CompanyId, name, after.Module, Summary(before), Summary(after)!,
            SnapshotComparison.Build(before?.CanonicalJson, after.CanonicalJson));
    }

    public async Task<IReadOnlyList<SnapshotSummary>> SnapshotsAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.IntelSnapshots.AsNoTracking().Where(s => s.CompanyId == companyId)
            .OrderBy(s => s.Module).ThenByDescending(s => s.CapturedAtUtc)
            .Select(s => new SnapshotSummary(s.Id, s.Module, s.CapturedAtUtc, s.FactCount)).ToListAsync(cancellationToken);
    }

    private static SnapshotSummary? Summary(IntelSnapshot? s) => s is null ? null : new SnapshotSummary(s.Id, s.Module, s.CapturedAtUtc, s.FactCount);
}
