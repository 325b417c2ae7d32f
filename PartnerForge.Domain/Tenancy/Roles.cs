namespace PartnerForge.Domain.Tenancy;

/// <summary>The four roles PartnerForge knows. Names are stored and appear in role claims.</summary>
public static class Roles
{
    public const string PlatformAdmin = nameof(PlatformAdmin);
    public const string TenantAdmin = nameof(TenantAdmin);
    public const string Manager = nameof(Manager);
    public const string Rep = nameof(Rep);

    /// <summary>Admin pages: tenant admins and platform admins.</summary>
    public const string Admins = PlatformAdmin + "," + TenantAdmin;

    public static IReadOnlyList<string> All { get; } = [PlatformAdmin, TenantAdmin, Manager, Rep];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>A role as people say it ("Tenant admin"), for every screen that shows one.</summary>
    public static string Describe(string role) => role switch
    {
        PlatformAdmin => "Platform admin",
        TenantAdmin => "Tenant admin",
        Manager => "Manager",
        Rep => "Rep",
        _ => role,
    };
}
