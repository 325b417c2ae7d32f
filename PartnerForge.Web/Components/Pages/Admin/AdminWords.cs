using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Web.Components.Pages.Admin;

/// <summary>Words for the admin pages' codes (role names, statuses), so no code or enum name reaches the screen.</summary>
internal static class AdminWords
{
    public static string Role(string? role) => role switch
    {
        Roles.PlatformAdmin => "Platform admin",
        Roles.TenantAdmin => "Workspace admin",
        Roles.Manager => "Manager",
        Roles.Rep => "Rep",
        null or "" => "No role",
        _ => string.Join(", ", role.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(r => Roles.IsKnown(r) ? Role(r) : r)),
    };
}
