using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Accounts;

/// <summary>
/// A target account. Its normalized domain is unique within the tenant. Firmographic fields hold the
/// canonical values of <see cref="Firmographics"/>; tags live in <see cref="CompanyTag"/> rows.
/// </summary>
public sealed class Company : TenantOwnedEntity, IAudited
{
    private Company()
    {
        Name = string.Empty;
        SearchName = string.Empty;
        Domain = string.Empty;
    }

    public Company(string name, DomainName domain, DateTime createdAtUtc)
        : this()
    {
        Rename(name, createdAtUtc);
        Domain = domain.Value;
        CreatedAtUtc = createdAtUtc;
        UpdatedAtUtc = createdAtUtc;
    }

    public string Name { get; private set; }

    /// <summary>Lower-case name, for index-backed prefix search.</summary>
    [AuditIgnore]
    public string SearchName { get; private set; }

    /// <summary>Normalized domain (see <see cref="DomainName"/>).</summary>
    public string Domain { get; private set; }

    public string? Industry { get; private set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string? Country { get; private set; }

    public string? EmployeeBand { get; private set; }

    public string? RevenueBand { get; private set; }

    public Guid? OwnerId { get; private set; }

    public AccountTier? Tier { get; private set; }

    /// <summary>M13 ICP fit 0–100 (null until scored). Scores are not audited: tier changes are recorded instead.</summary>
    [AuditIgnore]
    public int? FitScore { get; private set; }

    /// <summary>M14 signal 0–100, decayed to <see cref="ScoredAtUtc"/>.</summary>
    [AuditIgnore]
    public int? SignalScore { get; private set; }

    /// <summary>Fit and signal combined by the tenant's tier policy; the tier follows from it.</summary>
    [AuditIgnore]
    public int? PriorityScore { get; private set; }

    [AuditIgnore]
    public DateTime? ScoredAtUtc { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    [AuditIgnore]
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>The CSV import that created this account, if any (so that import can be reverted).</summary>
    public Guid? ImportId { get; private set; }

    public static string SearchKey(string text) => text.Trim().ToLowerInvariant();

    public void Rename(string name, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim();
        if (trimmed.Length > Firmographics.MaxNameLength)
        {
            throw new ArgumentException($"A name has at most {Firmographics.MaxNameLength} characters.", nameof(name));
        }

        if (trimmed == Name)
        {
            return;
        }

        Name = trimmed;
        SearchName = SearchKey(trimmed);
        UpdatedAtUtc = nowUtc;
    }

    public void ChangeDomain(DomainName domain, DateTime nowUtc)
    {
        Domain = domain.Value;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>Sets the firmographics; values must already be normalized (see <see cref="Firmographics"/>).</summary>
    public void SetFirmographics(string? industry, string? country, string? employeeBand, string? revenueBand, DateTime nowUtc)
    {
        if (employeeBand is not null && !Firmographics.EmployeeBands.Contains(employeeBand))
        {
            throw new ArgumentException($"Unknown employee band '{employeeBand}'.", nameof(employeeBand));
        }

        if (revenueBand is not null && !Firmographics.RevenueBands.Contains(revenueBand))
        {
            throw new ArgumentException($"Unknown revenue band '{revenueBand}'.", nameof(revenueBand));
        }

        Industry = string.IsNullOrWhiteSpace(industry) ? null : industry.Trim();
        Country = string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant();
        EmployeeBand = employeeBand;
        RevenueBand = revenueBand;
        UpdatedAtUtc = nowUtc;
    }

    public void AssignOwner(Guid? ownerId, DateTime nowUtc)
    {
        OwnerId = ownerId;
        UpdatedAtUtc = nowUtc;
    }

    public void SetTier(AccountTier? tier, DateTime nowUtc)
    {
        Tier = tier;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>Records the scores; the tier is set separately (<see cref="SetTier"/>) so its change is recorded.</summary>
    public void SetScores(int fit, int signal, int priority, DateTime nowUtc)
    {
        FitScore = Math.Clamp(fit, 0, 100);
        SignalScore = Math.Clamp(signal, 0, 100);
        PriorityScore = Math.Clamp(priority, 0, 100);
        ScoredAtUtc = nowUtc;
    }

    public void MarkImportedBy(Guid importId) => ImportId = importId;
}
