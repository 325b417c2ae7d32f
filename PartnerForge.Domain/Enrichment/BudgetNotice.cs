using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Enrichment;

/// <summary>
/// Tenant admins were told that a source's budget reached a threshold (80 or 100 %) in a month. One row per
/// tenant, source, month and threshold: the unique key makes the notice go out once, whatever races happen.
/// It is also the in-app notification the admins see on the budgets page.
/// </summary>
public sealed class BudgetNotice : TenantOwnedEntity
{
    private BudgetNotice()
    {
        Source = Period = string.Empty;
    }

    public BudgetNotice(string source, string period, int threshold, int callsUsed, int? maxCalls, long costMicrosUsed, long? maxCostMicros, DateTime createdAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        Source = source;
        Period = period;
        Threshold = threshold;
        CallsUsed = callsUsed;
        MaxCalls = maxCalls;
        CostMicrosUsed = costMicrosUsed;
        MaxCostMicros = maxCostMicros;
        CreatedAtUtc = createdAtUtc;
    }

    public string Source { get; private set; }

    /// <summary>The budget month, "yyyy-MM".</summary>
    public string Period { get; private set; }

    /// <summary>Percent of the budget reached: 80 or 100.</summary>
    public int Threshold { get; private set; }

    public int CallsUsed { get; private set; }

    public int? MaxCalls { get; private set; }

    public long CostMicrosUsed { get; private set; }

    public long? MaxCostMicros { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When the e-mail to the tenant admins was accepted by the SMTP server (null: not sent or no SMTP).</summary>
    public DateTime? EmailedAtUtc { get; private set; }

    public int EmailRecipients { get; private set; }

    public string Title => Threshold >= 100
        ? $"The {Source} budget for {Period} is used up"
        : $"The {Source} budget for {Period} is {Threshold} % used";

    public void MarkEmailed(DateTime atUtc, int recipients)
    {
        EmailedAtUtc ??= atUtc;
        EmailRecipients = recipients;
    }
}

/// <summary>Published when a budget notice is created, so open admin pages show it at once.</summary>
public sealed record BudgetThresholdReached(Guid TenantId, string Source, string Period, int Threshold, string Title, DateTime AtUtc) : Common.ITenantEvent;
