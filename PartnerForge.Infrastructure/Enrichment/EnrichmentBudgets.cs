using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Enrichment;

/// <summary>One source this month for the current tenant: calls and money used against its budget.</summary>
public sealed record SourceBudgetRow(
    string Source, string? Description, decimal CostPerCall, string Currency, bool Metered,
    int Calls, decimal CostUsed, int? MaxCalls, decimal? MaxCost, double? Share);

public sealed record BudgetNoticeRow(Guid Id, string Title, string Source, string Period, int Threshold, DateTime CreatedAtUtc, DateTime? EmailedAtUtc, int EmailRecipients);

/// <summary>
/// The tenant admin's enrichment budgets: usage against budget per source this month, setting a budget (calls
/// and/or a spending cap in the source's currency), and the 80 %/100 % notices. Current tenant only (query filters).
/// </summary>
public sealed class EnrichmentBudgets(IDbContextFactory<PartnerForgeDbContext> contexts, BudgetGuard guard)
{
    public const int MaxCallsLimit = 100_000_000;

    public async Task<IReadOnlyList<SourceBudgetRow>> ThisMonthAsync(CancellationToken cancellationToken = default)
    {
        var usage = await guard.UsageThisMonthAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var costs = await db.ApiCostConfigs.AsNoTracking().ToDictionaryAsync(c => c.Source, StringComparer.Ordinal, cancellationToken);
        return usage.Select(u =>
        {
            var cost = costs.GetValueOrDefault(u.Source);
            return new SourceBudgetRow(u.Source, cost?.Description, cost?.CostPerCall ?? 0, cost?.Currency ?? ApiCostConfig.DefaultCurrency, cost?.Metered ?? false,
                u.Calls, u.CostMicros / 1_000_000m, u.MaxCalls, u.MaxCostMicros / 1_000_000m, u.Share);
        }).ToList();
    }

    public async Task<IReadOnlyList<BudgetNoticeRow>> NoticesAsync(int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var notices = await db.BudgetNotices.AsNoTracking().OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Threshold)
            .Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
        return notices.Select(n => new BudgetNoticeRow(n.Id, n.Title, n.Source, n.Period, n.Threshold, n.CreatedAtUtc, n.EmailedAtUtc, n.EmailRecipients)).ToList();
    }

    /// <summary>Sets this month's budget of a source; null means no limit of that kind. Returns an error per field, empty when saved.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SetAsync(string source, int? maxCalls, decimal? maxCost, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (maxCalls is < 0 or > MaxCallsLimit)
        {
            errors["maxCalls"] = "The call budget is a whole number from 0 to 100,000,000 (empty: no limit).";
        }

        long? maxCostMicros = null;
        if (maxCost is { } cap)
        {
            try
            {
                maxCostMicros = ApiCostConfig.CostMicrosOf(cap);
            }
            catch (ArgumentOutOfRangeException)
            {
                errors["maxCost"] = "The spending cap is an amount from 0 to 1,000,000 with at most six decimals (empty: no cap).";
            }
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.ApiCostConfigs.AnyAsync(c => c.Source == source, cancellationToken))
            {
                errors["source"] = $"{source} is not a known source.";
            }
        }

        if (errors.Count == 0)
        {
            await guard.SetBudgetAsync(source, maxCalls, maxCostMicros, cancellationToken);
        }

        return errors;
    }
}
