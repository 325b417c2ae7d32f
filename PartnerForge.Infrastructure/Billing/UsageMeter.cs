using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Billing;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Billing;

/// <summary>Records metered usage for the current tenant. Enrichment calls it once per paid/credited source call.</summary>
public interface IUsageMeter
{
    Task RecordAsync(UsageKind kind, int quantity, string source, CancellationToken cancellationToken = default);
}

public sealed record UsageDay(DateTime DayUtc, long EnrichmentCredits, long ApiCalls);

/// <summary>Usage this period against the plan, for the usage page and the invoice.</summary>
public sealed record UsageSummary(
    string PlanName, DateTime PeriodStartUtc, DateTime PeriodEndUtc,
    int SeatsUsed, int SeatsIncluded, long EnrichmentCreditsUsed, int EnrichmentCreditsIncluded, long ApiCallsUsed, int ApiCallsIncluded,
    IReadOnlyList<UsageDay> Days);

internal sealed class UsageMeter(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant current, TimeProvider time) : IUsageMeter
{
    public async Task RecordAsync(UsageKind kind, int quantity, string source, CancellationToken cancellationToken = default)
    {
        var tenantId = current.TenantId ?? throw new InvalidOperationException("Usage needs a current tenant.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.UsageRecords.Add(new UsageRecord(tenantId, kind, quantity, source, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Reads usage of the current tenant (query filters scope it).</summary>
public sealed class UsageReport(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    public async Task<UsageSummary?> CurrentPeriodAsync(CancellationToken ct = default)
    {
        var (start, end) = InvoiceCalculator.MonthOf(time.GetUtcNow().UtcDateTime);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var plan = await db.Subscriptions.Where(s => s.EndedAtUtc == null)
            .Join(db.Plans, s => s.PlanId, p => p.Id, (_, p) => p)
            .FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return null;
        }

        var records = await db.UsageRecords.AsNoTracking()
            .Where(u => u.AtUtc >= start && u.AtUtc < end)
            .Select(u => new { u.Kind, u.Quantity, u.AtUtc })
            .ToListAsync(ct);
        var seats = await db.Users.CountAsync(u => u.IsActive, ct);
        var days = new List<UsageDay>();
        for (var day = start; day < end; day = day.AddDays(1))
        {
            var inDay = records.Where(r => r.AtUtc >= day && r.AtUtc < day.AddDays(1)).ToList();
            days.Add(new UsageDay(day,
                inDay.Where(r => r.Kind == UsageKind.EnrichmentCredit).Sum(r => (long)r.Quantity),
                inDay.Where(r => r.Kind == UsageKind.ApiCall).Sum(r => (long)r.Quantity)));
        }

        return new UsageSummary(plan.Name, start, end, seats, plan.Seats,
            days.Sum(d => d.EnrichmentCredits), plan.MonthlyEnrichmentCredits,
            days.Sum(d => d.ApiCalls), plan.MonthlyApiCalls, days);
    }
}
