using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Enrichment.Modules;
using PartnerForge.Infrastructure.Jobs;
using PartnerForge.Infrastructure.Persistence;
using Quartz;

namespace PartnerForge.Infrastructure.Enrichment;

/// <summary>The run that will enrich the account: a new one, or the one already active that this request joined.</summary>
public sealed record EnrichRequest(Guid RunId, bool Joined);

public sealed record ModulePanel(
    string Module, string Name, int Wave, ModuleOutcome Outcome, string? Reason, DateTime? LastRunAtUtc, DateTime? LastGoodAtUtc, IReadOnlyList<Fact> Facts);

public sealed record RunSummary(Guid Id, Guid CompanyId, string CompanyName, Guid? BatchId, RunState State, DateTime QueuedAtUtc, DateTime? StartedAtUtc, DateTime? FinishedAtUtc, int ModulesOk, int ModulesFailed, int ModulesTotal, int Attempts, string? FailureReason = null);

public sealed record BatchProgress(Guid BatchId, int Accounts, int AccountsDone, int ModuleRuns, int ModuleFailures, DateTime QueuedAtUtc, DateTime? StartedAtUtc, DateTime? FinishedAtUtc, double ModulesPerSecond)
{
    public double Share => Accounts == 0 ? 0 : AccountsDone / (double)Accounts;
}

/// <summary>
/// What the UI and API call to start enrichment and read its results, always in the current tenant.
/// "Enrich now" queues a Quartz job in the persistent store, so it survives a restart; a bulk request queues its runs
/// for the <see cref="BulkEnrichmentWorker"/> of every node.
/// </summary>
public sealed class EnrichmentService(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant tenant, ISchedulerFactory schedulers, TimeProvider time, BulkEnrichmentWorker bulk)
{
    /// <summary>
    /// Enrich one account now. An account has at most one active (queued or running) run: a request while one is
    /// active joins it (<see cref="EnrichRequest.Joined"/>) instead of starting a second run over the same modules.
    /// Two requests that race are settled by the database's unique index on active runs.
    /// </summary>
    public async Task<EnrichRequest> EnrichNowAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            throw new KeyNotFoundException("This account does not exist in your workspace.");
        }

        if (await ActiveRunAsync(db, companyId, cancellationToken) is { } active)
        {
            return new EnrichRequest(active, Joined: true);
        }

        var run = new EnrichmentRun(companyId, null, tenant.UserId, Now(), ModuleCatalog.All.Count);
        db.EnrichmentRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Another request queued a run for this account between our check and our insert: join it.
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            return await ActiveRunAsync(again, companyId, cancellationToken) is { } winner
                ? new EnrichRequest(winner, Joined: true)
                : throw new InvalidOperationException("The account's enrichment run changed while this one was queued; try again.", ex);
        }

        await ScheduleRunAsync(tenantId, run.Id, cancellationToken);
        return new EnrichRequest(run.Id, Joined: false);
    }

    private static Task<Guid?> ActiveRunAsync(PartnerForgeDbContext db, Guid companyId, CancellationToken cancellationToken) =>
        db.EnrichmentRuns.AsNoTracking()
            .Where(r => r.CompanyId == companyId && (r.State == RunState.Queued || r.State == RunState.Running))
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Bulk action: enrich these accounts (ids outside the current tenant are ignored). Returns the batch id
    /// (progress: <see cref="BatchProgressAsync"/>), or null when none of the ids is an account here.
    /// </summary>
    public async Task<Guid?> EnrichCompaniesAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.Companies.AsNoTracking().Where(c => companyIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        return await QueueBatchAsync(ids, cancellationToken);
    }

    /// <summary>Bulk action on a filtered set of the current tenant's accounts.</summary>
    public async Task<Guid?> EnrichWhereAsync(Expression<Func<Company, bool>> filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.Companies.AsNoTracking().Where(filter).Select(c => c.Id).ToListAsync(cancellationToken);
        return await QueueBatchAsync(ids, cancellationToken);
    }

    internal async Task<Guid?> QueueBatchAsync(IReadOnlyList<Guid> companyIds, CancellationToken cancellationToken)
    {
        RequireTenant();
        if (companyIds.Count == 0)
        {
            return null;
        }

        var batchId = Guid.NewGuid();
        for (var attempt = 1; ; attempt++)
        {
            // Accounts with an active run are already being enriched: that run serves this request too.
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var busy = await db.EnrichmentRuns.AsNoTracking()
                .Where(r => r.State == RunState.Queued || r.State == RunState.Running).Select(r => r.CompanyId)
                .Where(id => companyIds.Contains(id)).ToListAsync(cancellationToken);
            var now = Now();
            var runs = companyIds.Distinct().Except(busy).Select(id => new EnrichmentRun(id, batchId, tenant.UserId, now, ModuleCatalog.All.Count)).ToList();
            if (runs.Count == 0)
            {
                return null;
            }

            db.EnrichmentRuns.AddRange(runs);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException ex) when (attempt < 3 && DatabaseErrors.IsUniqueViolation(ex))
            {
                // A single run was queued for one of these accounts meanwhile: leave that account out and try again.
            }
        }

        bulk.Wake(); // the other nodes find the runs at their next look
        return batchId;
    }

    public async Task<IReadOnlyList<ModulePanel>> PanelAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var statuses = await db.EnrichmentStatuses.AsNoTracking().Where(s => s.CompanyId == companyId).ToListAsync(cancellationToken);
        var snapshotIds = statuses.Where(s => s.LastGoodSnapshotId != null).Select(s => s.LastGoodSnapshotId!.Value).ToList();
        var snapshots = await db.IntelSnapshots.AsNoTracking().Where(s => snapshotIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        return ModuleCatalog.All.Select(m =>
        {
            var status = statuses.FirstOrDefault(s => s.Module == m.Code);
            var facts = status?.LastGoodSnapshotId is { } id && snapshots.TryGetValue(id, out var snap)
                ? ModuleResult.FromSnapshot(ModuleOutcome.Ok, snap.CanonicalJson, snap.CapturedAtUtc).Facts
                : [];
            return new ModulePanel(m.Code, m.Name, m.Wave, status?.Outcome ?? ModuleOutcome.Pending, status?.Reason, status?.LastRunAtUtc, status?.LastGoodAtUtc, facts);
        }).ToList();
    }

    public async Task<IReadOnlyList<RunSummary>> RecentRunsAsync(int take = 50, Guid? companyId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.EnrichmentRuns.AsNoTracking();
        if (companyId is { } id)
        {
            runs = runs.Where(r => r.CompanyId == id);
        }

        return await runs
            .OrderByDescending(r => r.QueuedAtUtc).ThenBy(r => r.Id)
            .Take(take)
            .Join(db.Companies, r => r.CompanyId, c => c.Id, (r, c) => new RunSummary(r.Id, r.CompanyId, c.Name, r.BatchId, r.State, r.QueuedAtUtc, r.StartedAtUtc, r.FinishedAtUtc, r.ModulesOk, r.ModulesFailed, r.ModulesTotal, r.Attempts, r.FailureReason))
            .ToListAsync(cancellationToken);
    }

    public async Task<BatchProgress?> BatchProgressAsync(Guid batchId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.EnrichmentRuns.AsNoTracking().Where(r => r.BatchId == batchId)
            .Select(r => new { r.Id, r.State, r.QueuedAtUtc, r.StartedAtUtc, r.FinishedAtUtc, r.ModulesOk, r.ModulesFailed })
            .ToListAsync(cancellationToken);
        if (runs.Count == 0)
        {
            return null;
        }

        var runIds = runs.Select(r => r.Id).ToList();
        var live = await db.EnrichmentStatuses.AsNoTracking().Where(s => s.LastRunId != null && runIds.Contains(s.LastRunId.Value))
            .Select(s => s.Outcome).ToListAsync(cancellationToken);
        var moduleRuns = live.Count(o => o.IsFinal());
        var failures = live.Count(o => o.IsFinal() && !o.SatisfiesDependents());
        var started = runs.Min(r => r.StartedAtUtc);
        var finished = runs.All(r => r.State is RunState.Completed or RunState.Failed) ? runs.Max(r => r.FinishedAtUtc) : null;
        var elapsed = ((finished ?? Now()) - (started ?? Now())).TotalSeconds;
        return new BatchProgress(batchId, runs.Count, runs.Count(r => r.State is RunState.Completed or RunState.Failed), moduleRuns, failures,
            runs.Min(r => r.QueuedAtUtc), started, finished, elapsed > 0.5 ? moduleRuns / elapsed : 0);
    }

    public async Task<IReadOnlyList<Guid>> RecentBatchesAsync(int take = 5, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EnrichmentRuns.AsNoTracking().Where(r => r.BatchId != null)
            .GroupBy(r => r.BatchId!.Value).Select(g => new { g.Key, At = g.Max(r => r.QueuedAtUtc) })
            .OrderByDescending(g => g.At).Take(take).Select(g => g.Key).ToListAsync(cancellationToken);
    }

    /// <summary>Queues the run's <see cref="EnrichAccountJob"/> in the persistent store.</summary>
    private async Task ScheduleRunAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken)
    {
        var key = EnrichAccountJob.Key(runId);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create().OfType<EnrichAccountJob>()
            .WithIdentity(key)
            .UsingJobData(TenantJob.TenantIdKey, tenantId.ToString())
            .UsingJobData(TenantJob.UserIdKey, tenant.UserId?.ToString() ?? string.Empty)
            .UsingJobData(EnrichAccountJob.RunIdKey, runId.ToString())
            .RequestRecovery() // a run interrupted by a restart fires again and resumes
            .Build();
        var trigger = TriggerBuilder.Create().WithIdentity(key.Name, key.Group).StartNow().Build();
        await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
    }

    private Guid RequireTenant() => tenant.TenantId ?? throw new InvalidOperationException("Enrichment needs a current tenant.");

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
