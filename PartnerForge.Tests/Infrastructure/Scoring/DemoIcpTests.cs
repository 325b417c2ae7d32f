using Microsoft.EntityFrameworkCore;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Scoring;

/// <summary>The Demo environment's sample ICP: the demo opens with tiers and priorities, and every account owned.</summary>
public sealed class DemoIcpTests
{
    [Fact]
    public async Task The_demo_seeded_with_a_sample_icp_opens_with_scored_tiered_and_routed_accounts()
    {
        await using var host = await InfrastructureHost.StartAsync(settings: new Dictionary<string, string?> { ["Demo:SampleIcp"] = "true" });

        var profiles = await host.AsSystemAsync(db => db.IcpProfiles.IgnoreQueryFilters().ToListAsync());
        var tenants = await host.AsSystemAsync(db => db.Tenants.Select(t => t.Id).ToListAsync());
        profiles.Select(p => p.TenantId).Should().BeEquivalentTo(tenants);
        profiles.Should().OnlyContain(p => p.Criteria().Count == DemoIcp.Criteria.Count && p.Policy() == DemoIcp.Policy);

        var companies = await host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().ToListAsync());
        companies.Should().OnlyContain(c => c.Tier != null && c.PriorityScore != null && c.FitScore != null);
        companies.Select(c => c.Tier).Distinct().Should().HaveCountGreaterThan(1, "the sample ICP tells accounts apart");
        companies.Should().OnlyContain(c => c.OwnerId != null, "scoring routes the unowned demo accounts to the team");
    }

    [Fact]
    public async Task Without_the_setting_the_demo_has_no_icp_and_no_tiers()
    {
        await using var host = await InfrastructureHost.StartAsync();
        (await host.AsSystemAsync(db => db.IcpProfiles.IgnoreQueryFilters().CountAsync())).Should().Be(0);
        (await host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().CountAsync(c => c.Tier != null))).Should().Be(0);
    }
}
