using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Scoring;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Scoring;

public enum ScoringHistoryKind
{
    TierChange,
    Assignment,
}

/// <summary>One line of an account's scoring and routing history.</summary>
public sealed record ScoringHistoryItem(DateTime AtUtc, ScoringHistoryKind Kind, string Title, string Reason, string? Who);

public sealed record AccountScores(int? Fit, int? Signal, int? Priority, AccountTier? Tier, DateTime? ScoredAtUtc, FitResult? FitDetail, SignalResult? SignalDetail);

/// <summary>Reads scores, tier changes, assignments and the strategic brief of accounts in the current tenant.</summary>
public sealed class ScoringQueries(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    /// <summary>How many accounts of the tenant are in each tier, keyed "A".."D" and "none" (not scored yet).</summary>
    public async Task<IReadOnlyDictionary<string, int>> TierCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Companies.GroupBy(c => c.Tier).Select(g => new { Tier = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Tier?.ToString() ?? "none", c => c.Count);
    }

    /// <summary>Tier changes and owner assignments of an account, newest first.</summary>
    public async Task<IReadOnlyList<ScoringHistoryItem>> HistoryAsync(Guid companyId, int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tiers = await db.TierChanges.AsNoTracking().Where(t => t.CompanyId == companyId).OrderByDescending(t => t.AtUtc).Take(take).ToListAsync(cancellationToken);
        var assignments = await db.AccountAssignments.AsNoTracking().Where(a => a.CompanyId == companyId).OrderByDescending(a => a.AtUtc).Take(take).ToListAsync(cancellationToken);
        var userIds = assignments.SelectMany(a => new[] { a.OldOwnerId, a.NewOwnerId, a.ByUserId }).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        string Name(Guid? id) => id is { } v ? names.GetValueOrDefault(v, "a former user") : "nobody";
        return tiers.Select(t => new ScoringHistoryItem(t.AtUtc, ScoringHistoryKind.TierChange, $"Tier {(t.OldTier?.ToString() ?? "—")} → {t.NewTier}", t.Reason, null))
            .Concat(assignments.Select(a => new ScoringHistoryItem(a.AtUtc, ScoringHistoryKind.Assignment, $"Owner {Name(a.OldOwnerId)} → {Name(a.NewOwnerId)}", a.Reason,
                a.IsOverride ? Name(a.ByUserId) : "Routing")))
            .OrderByDescending(i => i.AtUtc)
            .Take(take)
            .ToList();
    }

    /// <summary>The stored scores and, recomputed from the same facts, the factors that made them.</summary>
    public async Task<AccountScores?> ScoresAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken);
        if (company is null)
        {
            return null;
        }

        var now = company.ScoredAtUtc ?? time.GetUtcNow().UtcDateTime;
        var profile = await IcpSettings.LoadAsync(db, now, cancellationToken);
        var facts = (await StoredFacts.LoadAsync(db, [companyId], AccountScorer.InputModules, cancellationToken))[companyId];
        var since = now - AccountScorer.ChangeWindow;
        var changes = (await db.ChangeEvents.AsNoTracking().Where(e => e.CompanyId == companyId && e.DetectedAtUtc >= since && e.Significance >= SignalExtractor.MinLoadedSignificance).ToListAsync(cancellationToken))
            .Select(e => new RecentChange(e.Module, e.Path, e.Describe(), e.Significance, e.DetectedAtUtc));
        var (fit, signal, _, _) = AccountScorer.Evaluate(company, profile, facts, changes, now);
        return new AccountScores(company.FitScore, company.SignalScore, company.PriorityScore, company.Tier, company.ScoredAtUtc, fit, signal);
    }

    /// <summary>The M15 brief built now from the account's stored facts of every module; null for an unknown account.</summary>
    public async Task<StrategicBrief?> BriefAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return null;
        }

        var facts = (await StoredFacts.LoadAsync(db, [companyId], null, cancellationToken))[companyId];
        var brief = BriefBuilder.Build(name, facts.ToDictionary(f => f.Key, f => f.Value), time.GetUtcNow().UtcDateTime);
        return brief with { Contacts = await BriefContacts.ForAsync(db, companyId, cancellationToken) };
    }
}
