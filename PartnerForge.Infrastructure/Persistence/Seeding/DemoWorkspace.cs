namespace PartnerForge.Infrastructure.Persistence.Seeding;

/// <summary>What the demo workspace holds; the README lists the same users.</summary>
public static class DemoWorkspace
{
    public const string DefaultPassword = "Forge!Demo2026";

    public sealed record DemoUser(string Email, string DisplayName, string Role, string TimeZone);

    public sealed record DemoCompany(string Name, string Domain);

    public sealed record DemoTenant(string Name, string Slug, string TimeZone, IReadOnlyList<DemoUser> Users, IReadOnlyList<DemoCompany> Companies);

    public static IReadOnlyList<DemoTenant> Tenants { get; } =
    [
        new("Northwind Analytics", "northwind", "Europe/London",
        [
            new("platform@partnerforge.test", "Priya Platform", Domain.Tenancy.Roles.PlatformAdmin, "UTC"),
            new("admin@northwind.test", "Alex Admin", Domain.Tenancy.Roles.TenantAdmin, "Europe/London"),
            new("manager@northwind.test", "Morgan Manager", Domain.Tenancy.Roles.Manager, "Europe/London"),
            new("rep@northwind.test", "Riley Rep", Domain.Tenancy.Roles.Rep, "America/New_York"),
        ],
        [
            new("Acme Outdoor Supply", "acme-outdoor.test"),
            new("Brightline Logistics", "brightline-logistics.test"),
            new("Cobalt Health Systems", "cobalthealth.test"),
            new("Driftwood Home Goods", "driftwood-home.test"),
            new("Evergreen Fintech", "evergreen-fintech.test"),
            new("Foxglove Fashion", "foxglove.test"),
        ]),
        new("Globex Retail Group", "globex", "America/Chicago",
        [
            new("admin@globex.test", "Gale Admin", Domain.Tenancy.Roles.TenantAdmin, "America/Chicago"),
            new("manager@globex.test", "Gray Manager", Domain.Tenancy.Roles.Manager, "America/Chicago"),
            new("rep@globex.test", "Glen Rep", Domain.Tenancy.Roles.Rep, "America/Los_Angeles"),
        ],
        [
            new("Harbor Freight Partners", "harborfreight-partners.test"),
            new("Ironclad Security", "ironclad-security.test"),
            new("Juniper Learning", "juniper-learning.test"),
        ]),
    ];
}
