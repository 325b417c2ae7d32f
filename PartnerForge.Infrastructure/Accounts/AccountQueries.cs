using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Auditing;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts;

public sealed record AccountRow(
    Guid Id, string Name, string Domain, string? Industry, string? Country, string? EmployeeBand, string? RevenueBand,
    AccountTier? Tier, Guid? OwnerId, string? OwnerName, DateTime CreatedAtUtc, DateTime UpdatedAtUtc, IReadOnlyList<string> Tags)
{
    public int? FitScore { get; init; }

    public int? SignalScore { get; init; }

    public int? PriorityScore { get; init; }
}

public sealed record AccountDetails(
    Guid Id, string Name, string Domain, string? Industry, string? Country, string? EmployeeBand, string? RevenueBand,
    AccountTier? Tier, Guid? OwnerId, string? OwnerName, DateTime CreatedAtUtc, DateTime UpdatedAtUtc, IReadOnlyList<string> Tags,
    Guid? ImportId);

public sealed record OwnerOption(Guid Id, string Name);

public sealed record AccountChoice(Guid Id, string Name);

public sealed record AccountFilterOptions(IReadOnlyList<string> Industries, IReadOnlyList<string> Countries, IReadOnlyList<OwnerOption> Owners, IReadOnlyList<string> Tags);

public sealed record AccountHistoryItem(DateTime AtUtc, string Who, AuditAction Action, IReadOnlyList<FieldChange> Changes, string Origin)
{
    /// <summary>What happened in words ("Ada Lovelace updated the account").</summary>
    public string Summary { get; init; } = string.Empty;
}

/// <summary>One field of a history entry in words: names for ids, enum names for numbers, "owner" for OwnerId.</summary>
public sealed record FieldChange(string Field, string? Old, string? New)
{
    public string Sentence { get; init; } = string.Empty;
}

/// <summary>Reads accounts of the current tenant for the grid, the account page and its history.</summary>
public sealed class AccountQueries(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    public const int MaxPageSize = 200;

    /// <summary>One page of the grid: filter, sort and page run in the database.</summary>
    public async Task<IReadOnlyList<AccountRow>> PageAsync(AccountFilter filter, AccountSort sort, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var scanInSortOrder = db.Database.IsSqlite() && sort.Column != AccountSortColumn.Name;
        var page = await db.Companies.AsNoTracking()
            .Apply(filter, db, scanInSortOrder, sort.Column)
            .Apply(sort)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .Select(c => new
            {
                c.Id, c.Name, c.Domain, c.Industry, c.Country, c.EmployeeBand, c.RevenueBand, c.Tier, c.OwnerId,
                OwnerName = db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                c.CreatedAtUtc, c.UpdatedAtUtc, c.FitScore, c.SignalScore, c.PriorityScore,
            })
            .ToListAsync(cancellationToken);
        var tags = await TagsAsync(db, page.Select(p => p.Id).ToList(), cancellationToken);
        return page.Select(p => new AccountRow(p.Id, p.Name, p.Domain, p.Industry, p.Country, p.EmployeeBand, p.RevenueBand, p.Tier,
            p.OwnerId, p.OwnerName, p.CreatedAtUtc, p.UpdatedAtUtc, tags.GetValueOrDefault(p.Id, []))
        {
            FitScore = p.FitScore,
            SignalScore = p.SignalScore,
            PriorityScore = p.PriorityScore,
        }).ToList();
    }

    /// <summary>The ids of the accounts matching a filter, at most <paramref name="limit"/> (for bulk enrichment).</summary>
    public async Task<IReadOnlyList<Guid>> IdsAsync(AccountFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Companies.Apply(filter, db).OrderBy(c => c.SearchName).Select(c => c.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<int> CountAsync(AccountFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Companies.Apply(filter, db).CountAsync(cancellationToken);
    }

    public async Task<AccountDetails?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var c = await db.Companies.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return null;
        }

        var owner = c.OwnerId is null ? null : await db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var tags = await TagsAsync(db, [id], cancellationToken);
        return new AccountDetails(c.Id, c.Name, c.Domain, c.Industry, c.Country, c.EmployeeBand, c.RevenueBand, c.Tier, c.OwnerId, owner,
            c.CreatedAtUtc, c.UpdatedAtUtc, tags.GetValueOrDefault(id, []), c.ImportId);
    }

    public async Task<AccountFilterOptions> FilterOptionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var industries = await db.Companies.Where(c => c.Industry != null).Select(c => c.Industry!).Distinct().OrderBy(i => i).Take(500).ToListAsync(cancellationToken);
        var countries = await db.Companies.Where(c => c.Country != null).Select(c => c.Country!).Distinct().OrderBy(i => i).ToListAsync(cancellationToken);
        var owners = await OwnersAsync(db, cancellationToken);
        var tags = await db.CompanyTags.Select(t => t.Tag).Distinct().OrderBy(t => t).Take(500).ToListAsync(cancellationToken);
        return new AccountFilterOptions(industries, countries, owners, tags);
    }

    /// <summary>Accounts by name for a picker, at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<AccountChoice>> ChoicesAsync(int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Companies.AsNoTracking().OrderBy(c => c.SearchName).Take(take).Select(c => new AccountChoice(c.Id, c.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Type-ahead for pickers: accounts whose name or domain starts with <paramref name="term"/> (case-insensitive),
    /// by name, at most <paramref name="take"/>. Two index range scans, so it stays fast with a million accounts.
    /// </summary>
    public async Task<IReadOnlyList<AccountChoice>> SearchChoicesAsync(string? term, int take = 20, CancellationToken cancellationToken = default)
    {
        take = Math.Clamp(take, 1, 100);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(term))
        {
            return await db.Companies.AsNoTracking().OrderBy(c => c.SearchName).Take(take).Select(c => new AccountChoice(c.Id, c.Name)).ToListAsync(cancellationToken);
        }

        var key = Company.SearchKey(term);
        var upper = key + '\uffff';
#pragma warning disable CA1309 // translated to SQL comparisons (>=, <): a prefix range on the index, no culture rule
        var byName = await db.Companies.AsNoTracking()
            .Where(c => string.Compare(c.SearchName, key) >= 0 && string.Compare(c.SearchName, upper) < 0)
            .OrderBy(c => c.SearchName).Take(take).Select(c => new { c.Id, c.Name, c.SearchName }).ToListAsync(cancellationToken);
        var byDomain = await db.Companies.AsNoTracking()
            .Where(c => string.Compare(c.Domain, key) >= 0 && string.Compare(c.Domain, upper) < 0)
            .OrderBy(c => c.Domain).Take(take).Select(c => new { c.Id, c.Name, c.SearchName }).ToListAsync(cancellationToken);
#pragma warning restore CA1309
        return byName.Concat(byDomain).DistinctBy(c => c.Id).OrderBy(c => c.SearchName, StringComparer.Ordinal).Take(take)
            .Select(c => new AccountChoice(c.Id, c.Name)).ToList();
    }

    /// <summary>One account for a picker's current value (null when it is not in the workspace).</summary>
    public async Task<AccountChoice?> ChoiceAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Companies.AsNoTracking().Where(c => c.Id == id).Select(c => new AccountChoice(c.Id, c.Name)).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OwnerOption>> OwnersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await OwnersAsync(db, cancellationToken);
    }

    /// <summary>Who changed what on an account, newest first, from the audit log.</summary>
    public async Task<IReadOnlyList<AccountHistoryItem>> HistoryAsync(Guid id, int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Company) && a.EntityId == id)
            .OrderByDescending(a => a.AtUtc)
            .Take(take)
            .Select(a => new { a.AtUtc, a.Action, a.Changes, a.Origin, Who = db.Users.Where(u => u.Id == a.UserId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var words = await PartnerForge.Infrastructure.Auditing.AuditDescriber.DescribeAsync(db,
            entries.Select(e => new PartnerForge.Infrastructure.Auditing.AuditInput(e.Who, e.Action, nameof(Company), id, e.Changes)).ToList(), false, cancellationToken);
        return entries.Select((e, i) => new AccountHistoryItem(e.AtUtc, e.Who ?? PartnerForge.Infrastructure.Auditing.AuditDescriber.System, e.Action,
            words[i].Lines.Select(l => new FieldChange(l.Field, l.Old, l.New) { Sentence = l.Sentence }).ToList(), e.Origin) { Summary = words[i].Summary }).ToList();
    }

    private static Task<List<OwnerOption>> OwnersAsync(PartnerForgeDbContext db, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.IsActive).OrderBy(u => u.DisplayName).Select(u => new OwnerOption(u.Id, u.DisplayName)).ToListAsync(cancellationToken);

    private static async Task<Dictionary<Guid, IReadOnlyList<string>>> TagsAsync(PartnerForgeDbContext db, List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var tags = await db.CompanyTags.Where(t => ids.Contains(t.CompanyId)).OrderBy(t => t.Tag).Select(t => new { t.CompanyId, t.Tag }).ToListAsync(cancellationToken);
        return tags.GroupBy(t => t.CompanyId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(t => t.Tag).ToList());
    }
}
