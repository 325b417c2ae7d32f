using System.Text.Json;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Scoring;

/// <summary>
/// A tenant's ideal customer profile and scoring settings (one row per tenant): the weighted criteria (as JSON),
/// how fit and signal combine into priority, the tier thresholds and the signal half-life.
/// </summary>
public sealed class IcpProfile : TenantOwnedEntity, IAudited
{
    public const int MaxCriteria = 30;
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private IcpProfile()
    {
        CriteriaJson = "[]";
    }

    public IcpProfile(DateTime nowUtc)
        : this()
    {
        Apply([], TierPolicy.Default, 90, nowUtc);
    }

    public string CriteriaJson { get; private set; }

    public int FitWeightPercent { get; private set; }

    public int ThresholdA { get; private set; }

    public int ThresholdB { get; private set; }

    public int ThresholdC { get; private set; }

    public int SignalHalfLifeDays { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public IReadOnlyList<IcpCriterion> Criteria() =>
        JsonSerializer.Deserialize<List<IcpCriterion>>(CriteriaJson, Json) ?? [];

    public TierPolicy Policy() => new(FitWeightPercent, ThresholdA, ThresholdB, ThresholdC);

    public TimeSpan HalfLife => TimeSpan.FromDays(SignalHalfLifeDays);

    /// <summary>Errors by field for a proposed profile (empty when valid).</summary>
    public static IReadOnlyDictionary<string, string> Validate(IReadOnlyList<IcpCriterion> criteria, TierPolicy policy, int halfLifeDays)
    {
        var errors = new Dictionary<string, string>(policy.Validate());
        if (criteria.Count > MaxCriteria)
        {
            errors["Criteria"] = $"At most {MaxCriteria} criteria.";
        }

        for (var i = 0; i < criteria.Count; i++)
        {
            if (criteria[i].Validate() is { } error)
            {
                errors[$"Criteria[{i}]"] = error;
            }
        }

        if (halfLifeDays is < 1 or > 3650)
        {
            errors[nameof(SignalHalfLifeDays)] = "The half-life must be between 1 and 3650 days.";
        }

        return errors;
    }

    public void Apply(IReadOnlyList<IcpCriterion> criteria, TierPolicy policy, int halfLifeDays, DateTime nowUtc)
    {
        var errors = Validate(criteria, policy, halfLifeDays);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Values));
        }

        var clean = criteria.Select(c => c with { Values = c.Values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList() }).ToList();
        CriteriaJson = JsonSerializer.Serialize(clean, Json);
        FitWeightPercent = policy.FitWeightPercent;
        ThresholdA = policy.ThresholdA;
        ThresholdB = policy.ThresholdB;
        ThresholdC = policy.ThresholdC;
        SignalHalfLifeDays = halfLifeDays;
        UpdatedAtUtc = nowUtc;
    }
}

/// <summary>A change of an account's tier by scoring: from what, to what, why, when.</summary>
public sealed class TierChange : TenantOwnedEntity
{
    public const int MaxReason = 500;

    private TierChange()
    {
        Reason = string.Empty;
    }

    public TierChange(Guid companyId, AccountTier? oldTier, AccountTier newTier, int fit, int signal, int priority, string reason, DateTime atUtc)
    {
        CompanyId = companyId;
        OldTier = oldTier;
        NewTier = newTier;
        Fit = fit;
        Signal = signal;
        Priority = priority;
        Reason = reason.Length > MaxReason ? reason[..MaxReason] : reason;
        AtUtc = atUtc;
    }

    public Guid CompanyId { get; private set; }

    public AccountTier? OldTier { get; private set; }

    public AccountTier NewTier { get; private set; }

    public int Fit { get; private set; }

    public int Signal { get; private set; }

    public int Priority { get; private set; }

    public string Reason { get; private set; }

    public DateTime AtUtc { get; private set; }
}

/// <summary>An owner assignment by routing or by a manager's override, with its reason.</summary>
public sealed class AccountAssignment : TenantOwnedEntity
{
    public const int MaxReason = 500;

    private AccountAssignment()
    {
        Reason = string.Empty;
    }

    public AccountAssignment(Guid companyId, Guid? oldOwnerId, Guid? newOwnerId, Guid? territoryId, Guid? teamId, bool isOverride, Guid? byUserId, string reason, DateTime atUtc)
    {
        CompanyId = companyId;
        OldOwnerId = oldOwnerId;
        NewOwnerId = newOwnerId;
        TerritoryId = territoryId;
        TeamId = teamId;
        IsOverride = isOverride;
        ByUserId = byUserId;
        Reason = reason.Length > MaxReason ? reason[..MaxReason] : reason;
        AtUtc = atUtc;
    }

    public Guid CompanyId { get; private set; }

    public Guid? OldOwnerId { get; private set; }

    public Guid? NewOwnerId { get; private set; }

    public Guid? TerritoryId { get; private set; }

    public Guid? TeamId { get; private set; }

    public bool IsOverride { get; private set; }

    public Guid? ByUserId { get; private set; }

    public string Reason { get; private set; }

    public DateTime AtUtc { get; private set; }
}

/// <summary>Where a team's round-robin stands (the index of the next member to receive an account).</summary>
public sealed class RoutingCursor : TenantOwnedEntity
{
    private RoutingCursor()
    {
    }

    public RoutingCursor(Guid teamId)
    {
        TeamId = teamId;
    }

    public Guid TeamId { get; private set; }

    public int Next { get; private set; }

    public void Advance(int next) => Next = next;
}
