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

/// <summary>Enriches a selection of accounts (job data: tenant, batch id), a few accounts at a time.</summary>
public sealed class EnrichBatchJob(IServiceProvider services) : TenantJob(services)
{
    public const string BatchIdKey = "batchId";

    public static JobKey Key(Guid batchId) => new($"batch-{batchId}", "enrichment");

    protected override async Task ExecuteForTenantAsync(IJobExecutionContext context, Guid tenantId, CancellationToken cancellationToken)
    {
        var batchId = Guid.Parse(context.MergedJobDataMap.GetString(BatchIdKey)!);
        await RunBatchAsync(services, tenantId, batchId, cancellationToken);
    }

    /// <summary>Runs every unfinished run of the batch; each account in its own scope acting as the tenant.</summary>
    public static async Task RunBatchAsync(IServiceProvider services, Guid tenantId, Guid batchId, CancellationToken cancellationToken)
    {
        List<Guid> runIds;
        await using (var db = await services.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            runIds = await db.EnrichmentRuns.AsNoTracking().Where(r => r.BatchId == batchId && r.State != RunState.Completed)
                .OrderBy(r => r.QueuedAtUtc).Select(r => r.Id).ToListAsync(cancellationToken);
        }

        var parallel = services.GetRequiredService<IOptions<EnrichmentOptions>>().Value.BulkParallelAccounts;
        var root = services.GetRequiredService<IServiceScopeFactory>();
        await Parallel.ForEachAsync(runIds, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (runId, ct) =>
        {
            await using var scope = root.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, $"job:batch-{batchId}");
            await scope.ServiceProvider.GetRequiredService<EnrichmentOrchestrator>().RunAsync(runId, ct);
        });
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
