namespace PartnerForge.Domain.Tenancy;

/// <summary>One of the system-wide roles in <see cref="Roles"/>; not tenant-owned.</summary>
public sealed class Role
{
    private Role()
    {
        Name = string.Empty;
        NormalizedName = string.Empty;
    }

    public Role(string name)
    {
        if (!Roles.IsKnown(name))
        {
            throw new ArgumentException($"Unknown role '{name}'.", nameof(name));
        }

        Id = Guid.NewGuid();
        Name = name;
        NormalizedName = name.ToUpperInvariant();
    }

    public Guid Id { get; private set; }

    public string Name { get; set; }

    public string NormalizedName { get; set; }
}

/// <summary>A user holding a role.</summary>
public sealed class UserRole
{
    private UserRole()
    {
    }

    public UserRole(Guid userId, Guid roleId)
    {
        UserId = userId;
        RoleId = roleId;
    }

    public Guid UserId { get; private set; }

    public Guid RoleId { get; private set; }
}
