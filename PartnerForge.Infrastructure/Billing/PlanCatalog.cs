using PartnerForge.Domain.Billing;

namespace PartnerForge.Infrastructure.Billing;

/// <summary>The plans every installation starts with (seeded when missing; prices in USD).</summary>
public static class PlanCatalog
{
    public const string Starter = "starter";
    public const string Growth = "growth";
    public const string Enterprise = "enterprise";

    private static readonly string[] CoreModules = ["M01", "M02", "M03", "M04", "M05", "M13"];
    private static readonly string[] AllModules = Enumerable.Range(1, 15).Select(i => $"M{i:00}").ToArray();

    public static IReadOnlyList<Plan> Create() =>
    [
        new(Starter, "Starter", 490m, "USD", 5, 500, 10_000, 0.40m, 2.00m, CoreModules),
        new(Growth, "Growth", 1_490m, "USD", 20, 2_500, 50_000, 0.30m, 1.50m, AllModules),
        new(Enterprise, "Enterprise", 4_900m, "USD", 100, 15_000, 250_000, 0.20m, 1.00m, AllModules),
    ];
}
