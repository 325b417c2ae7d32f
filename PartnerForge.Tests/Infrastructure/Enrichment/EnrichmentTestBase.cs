using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Infrastructure.Enrichment.Modules;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Enrichment;

/// <summary>The real infrastructure over SQLite with the demo workspace, its fetcher routed to the sample sites.</summary>
public abstract class EnrichmentTestBase(SampleSitesFixture sites) : IAsyncLifetime
{
    protected SampleSitesFixture Sites { get; } = sites;

    internal InfrastructureHost Host { get; private set; } = null!;

    protected Guid Northwind { get; private set; }

    protected Guid Globex { get; private set; }

    public virtual async Task InitializeAsync()
    {
        Host = await InfrastructureHost.StartAsync(settings: HostSettings());
        (Northwind, Globex) = await Host.AsSystemAsync(async db =>
        {
            var tenants = await db.Tenants.ToListAsync();
            return (tenants.Single(t => t.Slug == "northwind").Id, tenants.Single(t => t.Slug == "globex").Id);
        });
        await using var scope = Host.Scope(null);
        await using var csv = File.OpenRead(Path.Combine(Sites.Server.Root, "top-sites.csv"));
        await scope.ServiceProvider.GetRequiredService<TrafficRankImporter>().ImportAsync(csv, "sample-top-sites");
    }

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>The host's settings: the sample-site routing, plus what a test class adds.</summary>
    protected virtual IDictionary<string, string?> HostSettings() => Sites.Settings();

    protected async Task<Guid> CompanyAsync(Guid tenantId, string domain, string? name = null)
    {
        await using var scope = Host.Scope(tenantId);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        var existing = await db.Companies.SingleOrDefaultAsync(c => c.Domain == domain);
        if (existing is not null)
        {
            return existing.Id;
        }

        var company = new Company(name ?? domain, DomainName.Parse(domain), DateTime.UtcNow);
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        return company.Id;
    }

    /// <summary>Runs the orchestrator directly (no scheduler) for one account; returns the run id.</summary>
    protected async Task<Guid> RunAsync(Guid tenantId, Guid companyId)
    {
        await using var scope = Host.Scope(tenantId);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        var run = new EnrichmentRun(companyId, null, null, DateTime.UtcNow, ModuleCatalog.All.Count);
        db.EnrichmentRuns.Add(run);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<EnrichmentOrchestrator>().RunAsync(run.Id, CancellationToken.None);
        return run.Id;
    }

    protected async Task<IReadOnlyDictionary<string, ModulePanel>> PanelAsync(Guid tenantId, Guid companyId)
    {
        await using var scope = Host.Scope(tenantId);
        return (await scope.ServiceProvider.GetRequiredService<EnrichmentService>().PanelAsync(companyId)).ToDictionary(p => p.Module);
    }
}
