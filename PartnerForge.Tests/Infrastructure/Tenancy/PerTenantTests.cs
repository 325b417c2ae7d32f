using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;
using Quartz;

namespace PartnerForge.Tests.Infrastructure.Tenancy;

/// <summary>The per-tenant runner behind the system jobs and the demo ICP seeding.</summary>
public sealed class PerTenantTests
{
    [Fact]
    public async Task Each_active_tenant_runs_in_its_own_scope_and_one_failure_does_not_stop_the_others()
    {
        await using var host = await InfrastructureHost.StartAsync();
        var tenants = await host.AsSystemAsync(db => db.Tenants.ToDictionaryAsync(t => t.Slug, t => t.Id));
        var scopes = host.Services.GetRequiredService<IServiceScopeFactory>();
        var seen = new List<(Guid? Tenant, int Companies, string Origin)>();

        var failures = await PerTenant.RunAsync(scopes, "job:test", async (services, ct) =>
        {
            var current = services.GetRequiredService<ICurrentTenant>();
            await using var db = await services.GetRequiredService<IDbContextFactory<PartnerForge.Infrastructure.Persistence.PartnerForgeDbContext>>().CreateDbContextAsync(ct);
            var companies = await db.Companies.CountAsync(ct); // the tenant's query filter applies
            seen.Add((current.TenantId, companies, current.Origin));
            if (current.TenantId == tenants["northwind"])
            {
                throw new InvalidOperationException("boom");
            }
        }, CancellationToken.None);

        seen.Select(s => s.Tenant).Should().BeEquivalentTo(new Guid?[] { tenants["northwind"], tenants["globex"] });
        seen.Should().OnlyContain(s => s.Origin == "job:test" && s.Companies > 0);
        var total = await host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().CountAsync());
        seen.Sum(s => s.Companies).Should().Be(total, "each scope sees its own tenant's accounts only");
        failures.Should().ContainSingle().Which.Should().Be($"{tenants["northwind"]}: boom");

        // A suspended tenant is skipped; a job fails, naming what failed, when any tenant did.
        await host.AsSystemAsync(db => db.Tenants.Where(t => t.Id == tenants["globex"]).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TenantStatus.Suspended)));
        var act = () => PerTenant.RunJobAsync(scopes, new JobKey("test"), "Test work", (services, _) => throw new InvalidOperationException("down"), CancellationToken.None);
        (await act.Should().ThrowAsync<JobExecutionException>()).Which.Message.Should().Be($"Test work failed for 1 tenant(s): {tenants["northwind"]}: down");
    }
}
