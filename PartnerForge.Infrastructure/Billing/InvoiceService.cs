using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Billing;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Billing;

public sealed record InvoiceRow(Guid Id, Guid TenantId, string TenantName, string Number, DateTime PeriodStartUtc, DateTime PeriodEndUtc, decimal Total, string Currency, InvoiceStatus Status, DateTime IssuedAtUtc, DateTime? PaidAtUtc);

public sealed record InvoiceLineRow(int Position, string Description, decimal Quantity, decimal UnitPrice, decimal Amount);

public sealed record InvoiceDocument(InvoiceRow Invoice, IReadOnlyList<InvoiceLineRow> Lines, string? PaymentReference);

/// <summary>Invoices of the current tenant: computing a month's invoice, reading it, and its CSV.</summary>
public sealed class InvoiceService(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant current, TimeProvider time)
{
    public async Task<IReadOnlyList<InvoiceRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Rows(db, db.Invoices).ToListAsync(ct);
    }

    public async Task<InvoiceDocument?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await DocumentAsync(db, db.Invoices.Where(i => i.Id == id), ct);
    }

    internal static IQueryable<InvoiceRow> Rows(PartnerForgeDbContext db, IQueryable<Invoice> invoices) =>
        invoices.AsNoTracking()
            .Join(db.Tenants, i => i.TenantId, t => t.Id, (i, t) => new { Invoice = i, TenantName = t.Name })
            .OrderByDescending(x => x.Invoice.PeriodStartUtc).ThenBy(x => x.TenantName)
            .Select(x => new InvoiceRow(x.Invoice.Id, x.Invoice.TenantId, x.TenantName, x.Invoice.Number, x.Invoice.PeriodStartUtc, x.Invoice.PeriodEndUtc,
                x.Invoice.Total, x.Invoice.Currency, x.Invoice.Status, x.Invoice.IssuedAtUtc, x.Invoice.PaidAtUtc));

    internal static async Task<InvoiceDocument?> DocumentAsync(PartnerForgeDbContext db, IQueryable<Invoice> invoice, CancellationToken ct)
    {
        var row = await Rows(db, invoice).SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var lines = await db.InvoiceLines.IgnoreQueryFilters().AsNoTracking().Where(l => l.InvoiceId == row.Id && l.TenantId == row.TenantId)
            .OrderBy(l => l.Position)
            .Select(l => new InvoiceLineRow(l.Position, l.Description, l.Quantity, l.UnitPrice, l.Amount))
            .ToListAsync(ct);
        var reference = await invoice.Select(i => i.PaymentReference).SingleAsync(ct);
        return new InvoiceDocument(row, lines, reference);
    }

    /// <summary>
    /// Computes and stores the current tenant's invoice for the month starting at <paramref name="periodStartUtc"/>
    /// from its subscriptions and metered usage. Idempotent: an existing invoice for that month is returned.
    /// Null when no plan was in force during the month.
    /// </summary>
    public async Task<Guid?> IssueForMonthAsync(DateTime periodStartUtc, CancellationToken ct = default)
    {
        var tenantId = current.TenantId ?? throw new InvalidOperationException("Invoicing needs a current tenant.");
        var (start, end) = InvoiceCalculator.MonthOf(periodStartUtc);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var existing = await db.Invoices.Where(i => i.PeriodStartUtc == start).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(ct);
        if (existing is not null)
        {
            return existing;
        }

        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => s.StartedAtUtc < end && (s.EndedAtUtc == null || s.EndedAtUtc > start))
            .Join(db.Plans, s => s.PlanId, p => p.Id, (s, p) => new { s.StartedAtUtc, s.EndedAtUtc, Plan = p })
            .ToListAsync(ct);
        if (subscriptions.Count == 0)
        {
            return null;
        }

        var segments = subscriptions.Select(s => new PlanSegment(s.Plan.Terms, s.StartedAtUtc, s.EndedAtUtc ?? end)).ToList();
        var usage = await db.UsageRecords.AsNoTracking().Where(u => u.AtUtc >= start && u.AtUtc < end)
            .GroupBy(u => u.Kind)
            .Select(g => new { Kind = g.Key, Quantity = g.Sum(u => (long)u.Quantity) })
            .ToListAsync(ct);
        var draft = InvoiceCalculator.Compute(start, segments,
            usage.Where(u => u.Kind == UsageKind.EnrichmentCredit).Sum(u => u.Quantity),
            usage.Where(u => u.Kind == UsageKind.ApiCall).Sum(u => u.Quantity));
        var slug = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Slug).SingleAsync(ct);
        var invoice = new Invoice(tenantId, $"INV-{start:yyyy-MM}-{slug}", draft, time.GetUtcNow().UtcDateTime);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(ct);
        return invoice.Id;
    }

    /// <summary>The invoice as CSV: one row per line, then the total (invariant culture, RFC 4180 quoting).</summary>
    public static string ToCsv(InvoiceDocument document)
    {
        var csv = new StringBuilder();
        csv.AppendLine("invoice,period_start,period_end,position,description,quantity,unit_price,amount,currency");
        var i = document.Invoice;
        foreach (var line in document.Lines)
        {
            csv.AppendLine(string.Join(',', Quote(i.Number), i.PeriodStartUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                i.PeriodEndUtc.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), line.Position.ToString(CultureInfo.InvariantCulture),
                Quote(line.Description), line.Quantity.ToString("0.####", CultureInfo.InvariantCulture),
                line.UnitPrice.ToString("0.00##", CultureInfo.InvariantCulture), line.Amount.ToString("0.00", CultureInfo.InvariantCulture), i.Currency));
        }

        csv.AppendLine(string.Join(',', Quote(i.Number), string.Empty, string.Empty, string.Empty, "Total", string.Empty, string.Empty,
            i.Total.ToString("0.00", CultureInfo.InvariantCulture), i.Currency));
        return csv.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@')
            ? "\"" + (value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@') ? "'" : string.Empty) + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
