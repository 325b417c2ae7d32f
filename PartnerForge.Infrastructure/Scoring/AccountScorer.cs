using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Scoring;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Scoring;

public sealed record ScoreOutcome(Guid CompanyId, FitResult Fit, SignalResult Signal, int Priority, AccountTier Tier, AccountTier? OldTier, bool TierChanged, AccountAssignment? Assignment);

/// <summary>
/// Scores accounts of the current tenant: M13 fit against the ICP, M14 signal with decay, priority and tier by
/// the tenant's thresholds. Stores the scores on the account, records every tier change and routes new or
/// re-tiered accounts. Reads the last good facts of each module, so re-scoring never needs an enrichment run.
/// </summary>
public sealed class AccountScorer(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    public const int BatchSize = 200;
    public static readonly TimeSpan ChangeWindow = TimeSpan.FromDays(180);

    /// <summary>The modules whose facts scoring reads (M11 when the displacement module is present).</summary>
    public static IReadOnlyList<string> InputModules { get; } = [ModuleCatalog.TechStack, ModuleCatalog.Traffic, ModuleCatalog.Hiring, ModuleCatalog.Triggers, ModuleCatalog.Displacement];

    /// <summary>Fit, signal, priority and tier of one account from its facts (pure).</summary>
    public static (FitResult Fit, SignalResult Signal, int Priority, AccountTier Tier) Evaluate(
        Company company, IcpProfile profile, IReadOnlyDictionary<string, IReadOnlyList<Fact>> facts, IEnumerable<RecentChange> changes, DateTime nowUtc)
    {
        var fit = FitScorer.Score(profile.Criteria(), FitInputOf(company, facts));
        var signal = SignalScorer.Score(SignalExtractor.From(facts, changes), nowUtc, profile.HalfLife);
        var policy = profile.Policy();
        var priority = policy.Priority(fit.Score, signal.Score);
        return (fit, signal, priority, policy.Tier(priority));
    }

    public static FitInput FitInputOf(Company company, IReadOnlyDictionary<string, IReadOnlyList<Fact>> facts)
    {
        var technologies = (facts.GetValueOrDefault(ModuleCatalog.TechStack) ?? [])
            .Where(f => f.Path.StartsWith("tech[", StringComparison.Ordinal) && f.Path.EndsWith(']'))
            .Select(f => f.Path[5..^1])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var traffic = (facts.GetValueOrDefault(ModuleCatalog.Traffic) ?? []).FirstOrDefault(f => f.Path == "traffic.band")?.Value;
        return new FitInput(company.Industry, company.Country, company.EmployeeBand, company.RevenueBand, technologies, traffic);
    }

    /// <summary>
    /// Scores one account and saves the result. <paramref name="runFacts"/> (an enrichment run's fresh results)
    /// take precedence over stored snapshots. Null when the account does not exist in this tenant.
    /// </summary>
    public async Task<ScoreOutcome?> ScoreAsync(Guid companyId, IReadOnlyDictionary<string, IReadOnlyList<Fact>>? runFacts, string reason, CancellationToken cancellationToken = default)
    {
        var outcomes = await ScoreBatchAsync([companyId], runFacts is null ? null : new Dictionary<Guid, IReadOnlyDictionary<string, IReadOnlyList<Fact>>> { [companyId] = runFacts }, reason, cancellationToken);
        return outcomes.FirstOrDefault();
    }

    /// <summary>Re-scores every account of the tenant in batches (by id), reporting (done, total) after each.</summary>
    public async Task<int> RescoreAllAsync(string reason, Func<int, int, Task>? progress, CancellationToken cancellationToken = default)
    {
        int total;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            total = await db.Companies.CountAsync(cancellationToken);
        }

        var done = 0;
        Guid? after = null;
        while (true)
        {
            List<Guid> ids;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var query = db.Companies.AsNoTracking().AsQueryable();
                if (after is { } last)
                {
                    query = query.Where(c => c.Id.CompareTo(last) > 0);
                }

                ids = await query.OrderBy(c => c.Id).Select(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
            }

            if (ids.Count == 0)
            {
                break;
            }

            await ScoreBatchAsync(ids, null, reason, cancellationToken);
            done += ids.Count;
            after = ids[^1];
            if (progress is not null)
            {
                await progress(done, Math.Max(total, done));
            }
        }

        return done;
    }

    private async Task<List<ScoreOutcome>> ScoreBatchAsync(IReadOnlyList<Guid> ids, Dictionary<Guid, IReadOnlyDictionary<string, IReadOnlyList<Fact>>>? runFacts, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryScoreBatchAsync(ids, runFacts, reason, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Another run advanced a team's round-robin cursor meanwhile: score again from fresh rows.
            }
        }
    }

    private async Task<List<ScoreOutcome>> TryScoreBatchAsync(IReadOnlyList<Guid> ids, Dictionary<Guid, IReadOnlyDictionary<string, IReadOnlyList<Fact>>>? runFacts, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var profile = await IcpSettings.LoadAsync(db, now, cancellationToken);
        var companies = await db.Companies.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var stored = await StoredFacts.LoadAsync(db, ids, InputModules, cancellationToken);
        var since = now - ChangeWindow;
        var changes = (await db.ChangeEvents.AsNoTracking()
                .Where(e => ids.Contains(e.CompanyId) && e.DetectedAtUtc >= since && e.Significance >= SignalExtractor.MinLoadedSignificance)
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.CompanyId)
            .ToDictionary(g => g.Key, g => g.Select(e => new RecentChange(e.Module, e.Path, e.Describe(), e.Significance, e.DetectedAtUtc)).ToList());

        var routing = await RoutingData.LoadAsync(db, cancellationToken);
        var outcomes = new List<ScoreOutcome>();
        foreach (var company in companies.OrderBy(c => c.Id))
        {
            var facts = stored[company.Id];
            if (runFacts?.GetValueOrDefault(company.Id) is { } fresh)
            {
                foreach (var (module, list) in fresh)
                {
                    facts[module] = list;
                }
            }

            var (fit, signal, priority, tier) = Evaluate(company, profile, facts, changes.GetValueOrDefault(company.Id) ?? [], now);
            company.SetScores(fit.Score, signal.Score, priority, now);
            var oldTier = company.Tier;
            var changed = oldTier != tier;
            if (changed)
            {
                company.SetTier(tier, now);
                db.TierChanges.Add(new TierChange(company.Id, oldTier, tier, fit.Score, signal.Score, priority,
                    $"{reason}: priority {priority} (fit {fit.Score}, signal {signal.Score}) against thresholds A≥{profile.ThresholdA}, B≥{profile.ThresholdB}, C≥{profile.ThresholdC}", now));
            }

            var assignment = await AccountRouter.RouteAsync(db, routing, company, changed && oldTier is not null, changed ? (oldTier is null ? "New account tiered " + tier : $"Re-tiered {oldTier} → {tier}") : "Unowned account", now, cancellationToken);
            outcomes.Add(new ScoreOutcome(company.Id, fit, signal, priority, tier, oldTier, changed, assignment));
        }

        await db.SaveChangesAsync(cancellationToken);
        return outcomes;
    }
}
