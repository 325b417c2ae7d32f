using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Billing;

public enum InvoiceStatus
{
    Open = 0,
    Paid = 1,
}

/// <summary>A tenant's monthly invoice, computed by <see cref="InvoiceCalculator"/>; lines and total never change after issue.</summary>
public sealed class Invoice : TenantOwnedEntity, IAudited
{
    private Invoice()
    {
        Number = string.Empty;
        Currency = string.Empty;
        Lines = [];
    }

    public Invoice(Guid tenantId, string number, InvoiceDraft draft, DateTime issuedAtUtc)
        : this()
    {
        StampTenant(tenantId);
        Number = number;
        PeriodStartUtc = draft.PeriodStartUtc;
        PeriodEndUtc = draft.PeriodEndUtc;
        Currency = draft.Total.Currency;
        Total = draft.Total.Amount;
        IssuedAtUtc = issuedAtUtc;
        Status = InvoiceStatus.Open;
        var position = 0;
        foreach (var line in draft.Lines)
        {
            Lines.Add(new InvoiceLine(tenantId, Id, ++position, line));
        }
    }

    /// <summary>E.g. INV-2026-11-northwind.</summary>
    public string Number { get; private set; }

    public DateTime PeriodStartUtc { get; private set; }

    public DateTime PeriodEndUtc { get; private set; }

    public string Currency { get; private set; }

    public decimal Total { get; private set; }

    public InvoiceStatus Status { get; private set; }

    public DateTime IssuedAtUtc { get; private set; }

    public DateTime? PaidAtUtc { get; private set; }

    /// <summary>Who or what recorded the payment (a platform admin's note, or a payment provider's reference).</summary>
    public string? PaymentReference { get; private set; }

    public List<InvoiceLine> Lines { get; private set; }

    public void MarkPaid(DateTime atUtc, string reference)
    {
        if (Status == InvoiceStatus.Paid)
        {
            throw new InvalidOperationException($"Invoice {Number} is already paid.");
        }

        Status = InvoiceStatus.Paid;
        PaidAtUtc = atUtc;
        PaymentReference = reference.Length > 200 ? reference[..200] : reference;
    }
}

public sealed class InvoiceLine : TenantOwnedEntity
{
    private InvoiceLine()
    {
        Description = string.Empty;
    }

    public InvoiceLine(Guid tenantId, Guid invoiceId, int position, InvoiceLineDraft draft)
    {
        StampTenant(tenantId);
        InvoiceId = invoiceId;
        Position = position;
        Description = draft.Description;
        Quantity = draft.Quantity;
        UnitPrice = draft.UnitPrice.Amount;
        Amount = draft.Amount.Amount;
    }

    public Guid InvoiceId { get; private set; }

    public int Position { get; private set; }

    public string Description { get; private set; }

    public decimal Quantity { get; private set; }

    public decimal UnitPrice { get; private set; }

    public decimal Amount { get; private set; }
}
