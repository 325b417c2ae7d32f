using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Jobs;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using Quartz;

namespace PartnerForge.Infrastructure.Enrichment;

/// <summary>Enriches one account (job data: tenant, run id).</summary>
public sealed class EnrichAccountJob(IServiceProvider services) : TenantJob(services)
{
    public const string RunIdKey = "runId";

    public static JobKey Key(Guid runId) => new($"enrich-{runId}", "enrichment");

    protected override async Task ExecuteForTenantAsync(IJobExecutionContext context, Guid tenantId, CancellationToken cancellationToken)
    {
        var runId = Guid.Parse(context.MergedJobDataMap.GetString(RunIdKey)!);
        await services.GetRequiredService<EnrichmentOrchestrator>().RunAsync(runId, cancellationToken);
    }

    private readonly IServiceProvider services = services;
}

/// <summary>
/// Scheduled refresh: for each active tenant, queues a batch of the accounts whose last run is older than
/// the tenant's cadence. System code: it reads across tenants on purpose, then acts as each tenant.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ScheduledRefreshJob(IServiceScopeFactory scopes, IOptions<EnrichmentOptions> options, TimeProvider time, ILogger<ScheduledRefreshJob> logger) : IJob
{
    public static readonly JobKey JobKey = new("enrichment-refresh", "enrichment");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        List<(Guid Id, string Slug)> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            tenants = (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken)).Select(t => (t.Id, t.Slug)).ToList();
        }

        foreach (var (tenantId, slug) in tenants)
        {
            var days = options.Value.TenantRefreshDays.TryGetValue(slug, out var d) ? d : options.Value.RefreshDays;
            var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, "job:enrichment-refresh");
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(cancellationToken);
            var stale = await db.Companies.AsNoTracking()
                .Where(c => !db.EnrichmentRuns.Any(r => r.CompanyId == c.Id && r.QueuedAtUtc >= cutoff))
                .OrderBy(c => c.Id).Take(500).Select(c => c.Id).ToListAsync(cancellationToken);
            if (stale.Count > 0)
            {
                await scope.ServiceProvider.GetRequiredService<EnrichmentService>().QueueBatchAsync(stale, cancellationToken);
                logger.LogInformation("Scheduled refresh queued {Count} accounts of tenant {Slug}", stale.Count, slug);
            }
        }
    }
}
