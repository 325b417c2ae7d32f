using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Accounts;

/// <summary>A target account. Its normalized domain is unique within the tenant.</summary>
public sealed class Company : TenantOwnedEntity, IAudited
{
    private Company()
    {
        Name = string.Empty;
        Domain = string.Empty;
    }

    public Company(string name, DomainName domain, DateTime createdAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Domain = domain.Value;
        CreatedAtUtc = createdAtUtc;
    }

    public string Name { get; private set; }

    /// <summary>Normalized domain (see <see cref="DomainName"/>).</summary>
    public string Domain { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }
}
