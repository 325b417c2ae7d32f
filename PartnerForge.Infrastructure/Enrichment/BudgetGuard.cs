using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Enrichment;

public sealed record BudgetUse(string Source, string Period, int Calls, long CostMicros, int? MaxCalls, long? MaxCostMicros, double? Share);

/// <summary>
/// The one budget check: a metered source is called only when the tenant's budget for this month allows one
/// more call; each call is recorded as ApiUsage. Checks and records are serialized per tenant and source in
/// this process (one node decides for an embedded deployment).
/// </summary>
public sealed class BudgetGuard(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time, BudgetNotifier notifier)
{
    private static readonly ConcurrentDictionary<(Guid, string), SemaphoreSlim> Locks = new();
    private static readonly ConcurrentDictionary<string, (DateTime ExpiresUtc, ApiCostConfig? Config)> Costs = new(StringComparer.Ordinal);

    /// <summary>Default cost rows (created when missing): every keyless source we call, metered so budgets apply.</summary>
    public static readonly IReadOnlyList<(string Source, string Description)> KnownSources =
    [
        ("sec-edgar", "SEC EDGAR ticker map, submissions and company facts"),
        ("greenhouse", "Greenhouse job board API"),
        ("lever", "Lever postings API"),
        ("ashby", "Ashby job board API"),
        ("workable", "Workable widget API"),
        ("smartrecruiters", "SmartRecruiters postings API"),
    ];

    /// <summary>Records one call, or returns why it is not allowed (the call must then not be made).</summary>
    public async Task<string?> TryConsumeAsync(Guid tenantId, string source, string module, Guid? companyId, string url, CancellationToken cancellationToken)
    {
        var config = await CostAsync(source, cancellationToken);
        if (config is not { Metered: true })
        {
            return null;
        }

        var gate = Locks.GetOrAdd((tenantId, source), _ => new SemaphoreSlim(1, 1));
        BudgetLevel? level = null; // usage against the budget after this call (or refusal), for the 80/100 % notices
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            var period = BudgetRule.Period(now);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var budget = await db.ApiBudgets.AsNoTracking().SingleOrDefaultAsync(b => b.Source == source && b.Period == period, cancellationToken);
            if (budget is not null)
            {
                var start = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
                var used = db.ApiUsages.Where(u => u.Source == source && u.AtUtc >= start);
                var calls = await used.CountAsync(cancellationToken);
                var cost = budget.MaxCostMicros is null ? 0 : await used.SumAsync(u => u.CostMicros, cancellationToken);
                var decision = BudgetRule.Check(calls, cost / 1_000_000m, config.CostMicros / 1_000_000m, budget.MaxCalls, budget.MaxCostMicros / 1_000_000m);
                if (decision != BudgetDecision.Allowed)
                {
                    // A refused call means the budget is used up: the 100 % notice is due if it was not sent.
                    level = new BudgetLevel(tenantId, source, period, budget.MaxCalls is { } m ? Math.Max(calls, m) : calls,
                        budget.MaxCostMicros is { } c ? Math.Max(cost, c) : cost, budget.MaxCalls, budget.MaxCostMicros);
                    return decision == BudgetDecision.CallsExhausted
                        ? $"The {period} budget of {budget.MaxCalls} {source} calls is used up."
                        : $"The {period} {source} spending cap is reached.";
                }

                level = new BudgetLevel(tenantId, source, period, calls + 1, cost + config.CostMicros, budget.MaxCalls, budget.MaxCostMicros);
            }

            db.ApiUsages.Add(new ApiUsage(source, module, now, config.CostMicros, companyId, url));
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        finally
        {
            gate.Release();
            if (level is not null)
            {
                await notifier.CheckAsync(level, CancellationToken.None);
            }
        }
    }

    /// <summary>Usage of the current tenant this month against its budgets, per known source.</summary>
    public async Task<IReadOnlyList<BudgetUse>> UsageThisMonthAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var period = BudgetRule.Period(now);
        var start = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var usage = await db.ApiUsages.AsNoTracking().Where(u => u.AtUtc >= start)
            .GroupBy(u => u.Source).Select(g => new { Source = g.Key, Calls = g.Count(), Cost = g.Sum(u => u.CostMicros) })
            .ToListAsync(cancellationToken);
        var budgets = await db.ApiBudgets.AsNoTracking().Where(b => b.Period == period).ToListAsync(cancellationToken);
        return KnownSources.Select(s => s.Source).Union(usage.Select(u => u.Source)).Union(budgets.Select(b => b.Source))
            .Select(source =>
            {
                var u = usage.FirstOrDefault(x => x.Source == source);
                var b = budgets.FirstOrDefault(x => x.Source == source);
                var calls = u?.Calls ?? 0;
                var cost = u?.Cost ?? 0;
                return new BudgetUse(source, period, calls, cost, b?.MaxCalls, b?.MaxCostMicros, BudgetRule.UsedShare(calls, cost / 1_000_000m, b?.MaxCalls, b?.MaxCostMicros / 1_000_000m));
            })
            .OrderBy(b => b.Source, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Sets the current tenant's budget for a source this month (admins).</summary>
    public async Task SetBudgetAsync(string source, int? maxCalls, long? maxCostMicros, CancellationToken cancellationToken = default)
    {
        var period = BudgetRule.Period(time.GetUtcNow().UtcDateTime);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var budget = await db.ApiBudgets.SingleOrDefaultAsync(b => b.Source == source && b.Period == period, cancellationToken);
        if (budget is null)
        {
            budget = new ApiBudget(source, period, maxCalls, maxCostMicros);
            db.ApiBudgets.Add(budget);
        }
        else
        {
            budget.Set(maxCalls, maxCostMicros);
        }

        await db.SaveChangesAsync(cancellationToken);

        // A budget set at or below what is already used this month is reached now.
        var now = time.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var used = db.ApiUsages.Where(u => u.Source == source && u.AtUtc >= start);
        var calls = await used.CountAsync(cancellationToken);
        var cost = calls == 0 ? 0 : await used.SumAsync(u => u.CostMicros, cancellationToken);
        await notifier.CheckAsync(new BudgetLevel(budget.TenantId, source, period, calls, cost, maxCalls, maxCostMicros), cancellationToken);
    }

    /// <summary>Creates the default cost rows that are missing (system data, no tenant).</summary>
    public static async Task EnsureCostConfigsAsync(PartnerForgeDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.ApiCostConfigs.Select(c => c.Source).ToListAsync(cancellationToken);
        foreach (var (source, description) in KnownSources.Where(s => !existing.Contains(s.Source)))
        {
            db.ApiCostConfigs.Add(new ApiCostConfig(source, 0, metered: true, description));
        }

        await db.SaveChangesAsync(cancellationToken);
        Costs.Clear();
    }

    /// <summary>Drops the cached source costs (after a platform admin changed one).</summary>
    public static void ForgetCosts() => Costs.Clear();

    private async Task<ApiCostConfig?> CostAsync(string source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Keyed by database too: several databases (tests, tools) may live in one process.
        var key = db.Database.GetConnectionString() + "|" + source;
        if (Costs.TryGetValue(key, out var cached) && cached.ExpiresUtc > now)
        {
            return cached.Config;
        }

        var config = await db.ApiCostConfigs.AsNoTracking().SingleOrDefaultAsync(c => c.Source == source, cancellationToken);
        Costs[key] = (now.AddMinutes(1), config);
        return config;
    }
}
