using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Tenancy;

/// <summary>A group of users (usually a manager and reps) that accounts are routed to.</summary>
public sealed class Team : TenantOwnedEntity, PartnerForge.Domain.Auditing.IAudited
{
    private Team()
    {
        Name = string.Empty;
    }

    public Team(string name, Guid? managerId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        ManagerId = managerId;
    }

    public string Name { get; private set; }

    public Guid? ManagerId { get; private set; }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }
}
