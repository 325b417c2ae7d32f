using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Tenancy;

/// <summary>
/// A slice of the market owned by a team: accounts whose country, industry and employee band match the
/// rules are routed to it. An empty rule list matches everything.
/// </summary>
public sealed class Territory : TenantOwnedEntity, PartnerForge.Domain.Auditing.IAudited
{
    private Territory()
    {
        Name = string.Empty;
        Countries = [];
        Industries = [];
        EmployeeBands = [];
    }

    public Territory(string name, Guid? teamId, IEnumerable<string>? countries = null, IEnumerable<string>? industries = null, IEnumerable<string>? employeeBands = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        TeamId = teamId;
        Countries = Clean(countries, upper: true);
        Industries = Clean(industries, upper: false);
        EmployeeBands = Clean(employeeBands, upper: false);
    }

    public string Name { get; private set; }

    public Guid? TeamId { get; private set; }

    /// <summary>ISO 3166-1 alpha-2 codes, upper case.</summary>
    public List<string> Countries { get; private set; }

    public List<string> Industries { get; private set; }

    public List<string> EmployeeBands { get; private set; }

    public bool Matches(string? country, string? industry, string? employeeBand) =>
        RuleMatches(Countries, country) && RuleMatches(Industries, industry) && RuleMatches(EmployeeBands, employeeBand);

    private static bool RuleMatches(List<string> rule, string? value) =>
        rule.Count == 0 || (value is not null && rule.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase));

    private static List<string> Clean(IEnumerable<string>? values, bool upper) =>
        (values ?? [])
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => upper ? v.Trim().ToUpperInvariant() : v.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}
