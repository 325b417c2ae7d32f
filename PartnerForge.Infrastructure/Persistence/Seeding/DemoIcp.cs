using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Scoring;
using PartnerForge.Infrastructure.Scoring;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Infrastructure.Persistence.Seeding;

/// <summary>
/// A sample ideal customer profile for each demo tenant, scored at once, so the demo opens with tiers and
/// priorities on the accounts grid, the board and the dashboard (<see cref="DemoOptions.SampleIcp"/>; the Demo
/// environment turns it on, the tests start without an ICP). Admins change it on Admin → ICP &amp; tiers.
/// </summary>
public static class DemoIcp
{
    public static IReadOnlyList<IcpCriterion> Criteria { get; } =
    [
        new(IcpField.Industry, ["Retail", "Software", "Financial Services"], 40),
        new(IcpField.Country, ["US", "GB"], 25),
        new(IcpField.EmployeeBand, ["201-500", "501-1000", "1001-5000"], 20),
        new(IcpField.TechnologyPresent, ["Shopify", "Magento", "Salesforce Commerce Cloud"], 15),
    ];

    /// <summary>Fit weighs 80 % (signals come with enrichment); A from 50, B from 35, C from 20.</summary>
    public static TierPolicy Policy { get; } = new(80, 50, 35, 20);

    /// <summary>Saves the sample ICP for every demo tenant and re-scores its accounts (which routes unowned ones).</summary>
    public static async Task ApplyAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        var failures = await PerTenant.RunAsync(scopes, "seed:demo-icp", async (services, ct) =>
        {
            var saved = await services.GetRequiredService<IcpSettings>().SaveAsync(Criteria, Policy, IcpSettings.DefaultHalfLifeDays, ct);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException("the demo ICP is invalid: " + saved.Describe());
            }

            await services.GetRequiredService<AccountScorer>().RescoreAllAsync("Demo ICP", null, ct);
        }, cancellationToken);
        if (failures.Count > 0)
        {
            throw new InvalidOperationException("The demo ICP could not be applied: " + string.Join("; ", failures));
        }
    }
}
