using System.Text.Json;
using PartnerForge.Domain.Accounts;

namespace PartnerForge.Infrastructure.Accounts.Import;

/// <summary>The fields an import may change on an account, as stored in <c>ImportChange.Before</c>.</summary>
internal sealed record CompanySnapshot(
    string Name,
    string Domain,
    string? Industry,
    string? Country,
    string? EmployeeBand,
    string? RevenueBand,
    Guid? OwnerId,
    AccountTier? Tier,
    List<string> Tags)
{
    public static CompanySnapshot Of(Company c, IEnumerable<string> tags) =>
        new(c.Name, c.Domain, c.Industry, c.Country, c.EmployeeBand, c.RevenueBand, c.OwnerId, c.Tier, tags.ToList());

    public string ToJson() => JsonSerializer.Serialize(this);

    public static CompanySnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<CompanySnapshot>(json) ?? throw new InvalidOperationException("An import change has no snapshot.");

    /// <summary>Puts the account back to these values (tags are restored by the caller).</summary>
    public void RestoreOnto(Company company, DateTime nowUtc)
    {
        company.Rename(Name, nowUtc);
        if (company.Domain != Domain)
        {
            company.ChangeDomain(DomainName.Parse(Domain), nowUtc);
        }

        if (company.Industry != Industry || company.Country != Country || company.EmployeeBand != EmployeeBand || company.RevenueBand != RevenueBand)
        {
            company.SetFirmographics(Industry, Country, EmployeeBand, RevenueBand, nowUtc);
        }

        if (company.OwnerId != OwnerId)
        {
            company.AssignOwner(OwnerId, nowUtc);
        }

        if (company.Tier != Tier)
        {
            company.SetTier(Tier, nowUtc);
        }
    }
}
