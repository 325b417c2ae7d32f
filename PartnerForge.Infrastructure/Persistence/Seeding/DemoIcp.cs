using Microsoft.EntityFrameworkCore;
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

    /// <summary>Saves the sample ICP for every tenant that has none and re-scores its accounts (which routes unowned ones).</summary>
    public static async Task ApplyAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        List<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(cancellationToken);
            tenants = await db.Tenants.Where(t => !db.IcpProfiles.IgnoreQueryFilters().Any(p => p.TenantId == t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        }

        foreach (var tenantId in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, "seed:demo-icp");
            var saved = await scope.ServiceProvider.GetRequiredService<IcpSettings>().SaveAsync(Criteria, Policy, IcpSettings.DefaultHalfLifeDays, cancellationToken);
            if (!saved.Saved)
            {
                throw new InvalidOperationException("The demo ICP is invalid: " + string.Join("; ", saved.Errors.Values));
            }

            await scope.ServiceProvider.GetRequiredService<AccountScorer>().RescoreAllAsync("Demo ICP", null, cancellationToken);
        }
    }
}
