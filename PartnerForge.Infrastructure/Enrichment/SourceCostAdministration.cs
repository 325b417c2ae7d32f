using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Billing;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Enrichment;

public sealed record SourceCostRow(Guid Id, string Source, string? Description, decimal CostPerCall, string Currency, bool Metered);

public sealed record SourceSpendRow(string Source, Guid TenantId, string TenantName, int Calls, decimal Cost, string Currency);

/// <summary>
/// Platform admin: what each enrichment source costs per call (money: decimal + ISO currency) and what every
/// tenant spent on each source in a month. Source costs are global; the spending view reads ApiUsages across
/// tenants with IgnoreQueryFilters on purpose (the pages calling it require the PlatformAdmin role).
/// </summary>
public sealed class SourceCostAdministration(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    public async Task<IReadOnlyList<SourceCostRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiCostConfigs.AsNoTracking().OrderBy(c => c.Source).ToListAsync(cancellationToken);
        return rows.Select(c => new SourceCostRow(c.Id, c.Source, c.Description, c.CostPerCall, c.Currency, c.Metered)).ToList();
    }

    /// <summary>Sets a source's cost per call; returns an error per field, empty when saved. New calls are charged at the new cost.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SetAsync(string source, decimal costPerCall, string currency, bool metered, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            ApiCostConfig.CostMicrosOf(costPerCall);
        }
        catch (ArgumentOutOfRangeException)
        {
            errors["cost"] = "The cost per call is an amount from 0 to 1,000,000 with at most six decimals, e.g. 0.0025.";
        }

        try
        {
            ApiCostConfig.CurrencyCode(currency);
        }
        catch (ArgumentException)
        {
            errors["currency"] = "The currency is a three-letter ISO 4217 code such as USD, EUR or GBP.";
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var config = await db.ApiCostConfigs.SingleOrDefaultAsync(c => c.Source == source, cancellationToken);
        if (config is null)
        {
            errors["source"] = $"{source} is not a known source.";
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        config!.SetCost(costPerCall, currency, metered);
        await db.SaveChangesAsync(cancellationToken);
        BudgetGuard.ForgetCosts();
        return errors;
    }

    /// <summary>Calls and money per source and tenant in the month of <paramref name="monthUtc"/>, across all tenants.</summary>
    public async Task<IReadOnlyList<SourceSpendRow>> SpendAcrossTenantsAsync(DateTime monthUtc, CancellationToken cancellationToken = default)
    {
        var (start, end) = InvoiceCalculator.MonthOf(monthUtc);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var usage = await db.ApiUsages.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.AtUtc >= start && u.AtUtc < end)
            .GroupBy(u => new { u.Source, u.TenantId })
            .Select(g => new { g.Key.Source, g.Key.TenantId, Calls = g.Count(), Micros = g.Sum(u => u.CostMicros) })
            .ToListAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var currencies = await db.ApiCostConfigs.AsNoTracking().ToDictionaryAsync(c => c.Source, c => c.Currency, StringComparer.Ordinal, cancellationToken);
        return usage
            .Select(u => new SourceSpendRow(u.Source, u.TenantId, tenants.GetValueOrDefault(u.TenantId, "?"), u.Calls, u.Micros / 1_000_000m,
                currencies.GetValueOrDefault(u.Source, ApiCostConfig.DefaultCurrency)))
            .OrderBy(r => r.Source, StringComparer.Ordinal).ThenByDescending(r => r.Cost).ThenBy(r => r.TenantName, StringComparer.Ordinal)
            .ToList();
    }
}
