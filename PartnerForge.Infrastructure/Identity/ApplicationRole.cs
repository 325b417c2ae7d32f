using Microsoft.AspNetCore.Identity;
using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Infrastructure.Identity;

/// <summary>One of the system-wide roles in <see cref="Roles"/>, stored by Identity's EF role store (table <c>Roles</c>).</summary>
public sealed class ApplicationRole : IdentityRole<Guid>
{
    /// <summary>For EF and Identity's stores.</summary>
    public ApplicationRole()
    {
    }

    public ApplicationRole(string name)
    {
        if (!Roles.IsKnown(name))
        {
            throw new ArgumentException($"Unknown role '{name}'.", nameof(name));
        }

        Id = Guid.NewGuid();
        Name = name;
        NormalizedName = name.ToUpperInvariant();
    }

    /// <summary>A membership row (Identity's <c>UserRoles</c> link) of a user in a role.</summary>
    public static IdentityUserRole<Guid> Member(Guid userId, Guid roleId) => new() { UserId = userId, RoleId = roleId };
}
