using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Billing;

public enum UsageKind
{
    EnrichmentCredit = 0,
    ApiCall = 1,
}

/// <summary>Metered usage: a number of units of one kind at one instant, with what caused it (source, endpoint).</summary>
public sealed class UsageRecord : TenantOwnedEntity
{
    private UsageRecord()
    {
        Source = string.Empty;
    }

    public UsageRecord(Guid tenantId, UsageKind kind, int quantity, string source, DateTime atUtc)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        StampTenant(tenantId);
        Kind = kind;
        Quantity = quantity;
        Source = source.Length > 100 ? source[..100] : source;
        AtUtc = atUtc;
    }

    public UsageKind Kind { get; private set; }

    public int Quantity { get; private set; }

    /// <summary>What used it: an enrichment source or module, or the API key's prefix.</summary>
    public string Source { get; private set; }

    public DateTime AtUtc { get; private set; }
}
