using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Technologies;
using PartnerForge.Infrastructure.Enrichment.Fetching;
using PartnerForge.Infrastructure.Enrichment.Modules;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Enrichment;

/// <summary>
/// Runs one account through the modules in wave order; the modules of a wave run in parallel (bounded).
/// Each module's outcome is recorded in EnrichmentStatus; a good output becomes a snapshot when its hash
/// differs from the last one, and a failure keeps the last good snapshot. A module whose dependency did not
/// succeed is skipped. A run picked up again (after a restart) resumes: modules already recorded for this
/// run are not run twice. Works in the current tenant (the caller's scope).
/// </summary>
public sealed class EnrichmentOrchestrator(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    IEnumerable<IEnrichmentModule> modules,
    IWebFetcher fetcher,
    BudgetGuard budgets,
    IEventBus events,
    TimeProvider time,
    IOptions<EnrichmentOptions> options,
    ILogger<EnrichmentOrchestrator> logger,
    Changes.SnapshotRecorder snapshots,
    Observability.PartnerForgeMetrics metrics)
{
    private readonly Dictionary<string, IEnrichmentModule> _modules = modules.ToDictionary(m => m.Code, StringComparer.Ordinal);

    /// <summary>
    /// Runs the run to its end. Whatever stops it other than shutting down (a bug, a database that refuses a
    /// write) ends it as failed with its reason, so no run stays "running"; on shut-down it stays running and the
    /// job's recovery resumes it.
    /// </summary>
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        try
        {
            await RunCoreAsync(runId, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Enrichment run {RunId} stopped by an error", runId);
            await FailAsync(runId, FailureReason(ex));
        }
    }

    internal static string FailureReason(Exception exception) =>
        DatabaseErrors.IsStorageFull(exception) ? "The server's storage is full, so the run could not save its results."
        : DatabaseErrors.IsDatabaseError(exception) ? "The database refused to save the run's results; the server log has the details."
        : $"Stopped by an unexpected error ({exception.GetType().Name}); the server log has the details.";

    private async Task FailAsync(Guid runId, string reason)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            var run = await db.EnrichmentRuns.SingleOrDefaultAsync(r => r.Id == runId, CancellationToken.None);
            if (run is null || !run.IsActive)
            {
                return;
            }

            run.Fail(Now(), reason);
            await db.SaveChangesAsync(CancellationToken.None);
            await events.PublishAsync(new RunStateChanged(run.TenantId, run.CompanyId, run.Id, run.BatchId, RunState.Failed, run.ModulesOk, run.ModulesFailed, Now()), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The database cannot take even this write: the run stays active until the job's recovery retries it.
            logger.LogError(ex, "Enrichment run {RunId} could not be marked as failed", runId);
        }
    }

    private async Task RunCoreAsync(Guid runId, CancellationToken cancellationToken)
    {
        EnrichmentRun run;
        string companyName, domain;
        Dictionary<string, EnrichmentStatus> statuses;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var found = await db.EnrichmentRuns.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
            if (found is null || found.State is RunState.Completed)
            {
                return;
            }

            run = found;
            var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == run.CompanyId, cancellationToken);
            if (company is null)
            {
                run.Fail(Now(), "The account was deleted before the run started.");
                await db.SaveChangesAsync(cancellationToken);
                return;
            }

            companyName = company.Name;
            domain = company.Domain;
            run.Start(Now());
            await db.SaveChangesAsync(cancellationToken);
            statuses = await db.EnrichmentStatuses.AsNoTracking().Where(s => s.CompanyId == run.CompanyId).ToDictionaryAsync(s => s.Module, cancellationToken);
        }

        await events.PublishAsync(new RunStateChanged(run.TenantId, run.CompanyId, run.Id, run.BatchId, RunState.Running, 0, 0, Now()), cancellationToken);
        var context = new ModuleContext
        {
            TenantId = run.TenantId,
            CompanyId = run.CompanyId,
            RunId = run.Id,
            CompanyName = companyName,
            Domain = domain,
            Sources = new SourceGateway(fetcher, budgets, run.TenantId, run.CompanyId),
            Time = time,
        };
        var outcomes = new Dictionary<string, ModuleOutcome>(StringComparer.Ordinal);
        await ResumeAsync(run, statuses, context, outcomes, cancellationToken);

        using var parallel = new SemaphoreSlim(options.Value.MaxParallelModules);
        foreach (var step in ModuleCatalog.Waves().SelectMany(WaveSteps.Of))
        {
            var pending = step.Where(m => !outcomes.ContainsKey(m.Code) && _modules.ContainsKey(m.Code)).ToList();
            var results = await Task.WhenAll(pending.Select(async module =>
            {
                await parallel.WaitAsync(cancellationToken);
                try
                {
                    return (module.Code, Outcome: await RunModuleAsync(module, context, outcomes, run, cancellationToken));
                }
                finally
                {
                    parallel.Release();
                }
            }));
            foreach (var (code, outcome) in results)
            {
                outcomes[code] = outcome;
            }
        }

        var ok = outcomes.Values.Count(o => o.SatisfiesDependents());
        var failed = outcomes.Count - ok;
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            var stored = await db.EnrichmentRuns.SingleAsync(r => r.Id == runId, CancellationToken.None);
            if (stored.State is RunState.Completed)
            {
                return; // finished (and metered) by another worker meanwhile
            }

            stored.Finish(Now(), ok, failed);
            // Metering in the same transaction as the finish, which happens once per run: one enrichment credit per module
            // that ran, in this attempt or an earlier one cut short by a restart or a killed node (billing, usage page).
            db.UsageRecords.AddRange(EnrichmentCredits.Records(run.TenantId, outcomes.Where(o => EnrichmentCredits.Counts(o.Value)).Select(o => o.Key), Now()));
            await db.SaveChangesAsync(CancellationToken.None);
        }

        await events.PublishAsync(new RunStateChanged(run.TenantId, run.CompanyId, run.Id, run.BatchId, RunState.Completed, ok, failed, Now()), CancellationToken.None);
    }

    /// <summary>Modules this run already finished (before a restart) keep their outcome; their facts come back from the snapshot.</summary>
    private async Task ResumeAsync(EnrichmentRun run, Dictionary<string, EnrichmentStatus> statuses, ModuleContext context, Dictionary<string, ModuleOutcome> outcomes, CancellationToken cancellationToken)
    {
        var done = statuses.Values.Where(s => s.LastRunId == run.Id && s.Outcome.IsFinal()).ToList();
        if (done.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var status in done)
        {
            outcomes[status.Module] = status.Outcome;
            if (status.Outcome == ModuleOutcome.Ok && status.LastGoodSnapshotId is { } snapshotId)
            {
                var snapshot = await db.IntelSnapshots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == snapshotId, cancellationToken);
                if (snapshot is not null)
                {
                    context.Earlier[status.Module] = ModuleResult.FromSnapshot(status.Outcome, snapshot.CanonicalJson, snapshot.CapturedAtUtc);
                }
            }
            else
            {
                context.Earlier[status.Module] = new ModuleResult(status.Outcome, [], status.Reason);
            }
        }

        logger.LogInformation("Run {RunId} resumed with {Count} modules already done", run.Id, done.Count);
    }

    private async Task<ModuleOutcome> RunModuleAsync(ModuleInfo info, ModuleContext context, IReadOnlyDictionary<string, ModuleOutcome> outcomes, EnrichmentRun run, CancellationToken cancellationToken)
    {
        ModuleResult result;
        TimeSpan? ran = null;
        if (ModuleCatalog.BlockingDependency(info, outcomes) is { } blocking)
        {
            result = new ModuleResult(ModuleOutcome.SkippedDependency, [], $"{blocking} ({ModuleCatalog.Get(blocking).Name}) did not succeed: {outcomes.GetValueOrDefault(blocking).Label()}.");
        }
        else
        {
            await events.PublishAsync(new ModuleStateChanged(run.TenantId, run.CompanyId, run.Id, run.BatchId, info.Code, ModuleOutcome.Running, null, Now()), cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.ModuleTimeout);
            var started = time.GetTimestamp();
            try
            {
                result = await _modules[info.Code].RunAsync(context, timeout.Token);
            }
            catch (BudgetExceededException ex)
            {
                result = new ModuleResult(ModuleOutcome.BudgetExceeded, [], ex.Message);
                logger.LogWarning("Budget exceeded for {Source} in tenant {TenantId}: {Reason}", ex.SourceName, run.TenantId, ex.Message);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                result = ModuleResult.Failed($"Timed out after {options.Value.ModuleTimeout.TotalSeconds:0} s.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Module {Module} failed for company {CompanyId}", info.Code, context.CompanyId);
                result = ModuleResult.Failed($"Unexpected error: {ex.Message}");
            }

            ran = time.GetElapsedTime(started);
        }

        metrics.ModuleRun(info.Code, result.Outcome, ran);

        context.Earlier[info.Code] = result;
        await SaveAsync(info.Code, result, context, run);
        return result.Outcome;
    }

    private async Task SaveAsync(string module, ModuleResult result, ModuleContext context, EnrichmentRun run)
    {
        var now = Now();
        SnapshotStored? stored = null;
        Guid? goodSnapshot = null;
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            if (result.Outcome == ModuleOutcome.Ok)
            {
                // The one place snapshots are written: identical output is only confirmed, a new one is stored,
                // diffed against the previous one into change events, and matched against alert rules.
                var json = CanonicalJson.FromFacts(result.Facts);
                var recorded = await snapshots.RecordAsync(context.CompanyId, module, run.Id, json, result.Facts.Count, CancellationToken.None);
                goodSnapshot = recorded.SnapshotId;
                if (recorded.Stored)
                {
                    stored = new SnapshotStored(run.TenantId, context.CompanyId, module, recorded.SnapshotId, null, now);
                }

                if (module == ModuleCatalog.TechStack && result.Payload is List<(Detection Detection, SourceRef Source)> detections)
                {
                    await SaveTechnologiesAsync(db, context.CompanyId, detections);
                }
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }

        await RecordStatusAsync(context.CompanyId, module, run.Id, result, now, goodSnapshot);

        await events.PublishAsync(new ModuleStateChanged(run.TenantId, context.CompanyId, run.Id, run.BatchId, module, result.Outcome, result.Reason, now), CancellationToken.None);
        if (stored is not null)
        {
            await events.PublishAsync(stored, CancellationToken.None);
        }
    }

    /// <summary>
    /// Upserts the account's status row for the module: the first writer inserts it, and a writer that finds the
    /// row taken meanwhile (unique on tenant, account and module) updates it instead of failing the run.
    /// </summary>
    private async Task RecordStatusAsync(Guid companyId, string module, Guid runId, ModuleResult result, DateTime now, Guid? goodSnapshot)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            var status = await db.EnrichmentStatuses.SingleOrDefaultAsync(s => s.CompanyId == companyId && s.Module == module, CancellationToken.None);
            if (status is null)
            {
                status = new EnrichmentStatus(companyId, module);
                db.EnrichmentStatuses.Add(status);
            }

            status.Record(runId, result.Outcome, result.Reason, now, goodSnapshot);
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateException ex) when (attempt < 3 && DatabaseErrors.IsUniqueViolation(ex))
            {
                logger.LogDebug("Status of {Module} for {CompanyId} was inserted by another writer; updating it", module, companyId);
            }
        }
    }

    private static async Task SaveTechnologiesAsync(PartnerForgeDbContext db, Guid companyId, List<(Detection Detection, SourceRef Source)> detections)
    {
        var names = detections.Select(d => d.Detection.Technology).ToList();
        var technologies = await db.Technologies.AsNoTracking().Where(t => names.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.Id, StringComparer.OrdinalIgnoreCase);
        var existing = await db.CompanyTechnologies.Where(t => t.CompanyId == companyId).ToDictionaryAsync(t => t.TechnologyId);
        foreach (var (detection, source) in detections)
        {
            if (!technologies.TryGetValue(detection.Technology, out var technologyId))
            {
                continue; // the catalog grew since start-up; the next start syncs it
            }

            if (existing.TryGetValue(technologyId, out var row))
            {
                row.See(detection.Confidence, detection.Version, source);
            }
            else
            {
                db.CompanyTechnologies.Add(new CompanyTechnology(companyId, technologyId, detection.Confidence, detection.Version, source));
            }
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}

/// <summary>
/// The steps a wave runs in: modules run in parallel within a step; a module that needs another module of the
/// same wave (M15 needs M13 and M14) runs in a later step. The UI still shows the wave; steps only order it.
/// </summary>
public static class WaveSteps
{
    public static IReadOnlyList<IReadOnlyList<ModuleInfo>> Of(IEnumerable<ModuleInfo> wave)
    {
        var left = wave.ToList();
        var steps = new List<IReadOnlyList<ModuleInfo>>();
        while (left.Count > 0)
        {
            var ready = left.Where(m => !m.Needs.Any(n => left.Any(other => other.Code == n))).ToList();
            if (ready.Count == 0)
            {
                ready = left; // a cycle inside a wave: run together, the dependency check skips what cannot run
            }

            steps.Add(ready);
            left = left.Except(ready).ToList();
        }

        return steps;
    }
}

/// <summary>Keeps the Technologies table in line with the fingerprint catalog (global reference data, no tenant).</summary>
public static class TechnologyCatalogSync
{
    public static async Task EnsureAsync(PartnerForgeDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Technologies.ToDictionaryAsync(t => t.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        foreach (var tech in Technologies.FingerprintCatalogLoader.Default.Technologies)
        {
            if (rows.TryGetValue(tech.Name, out var row))
            {
                row.Update(tech.Category, tech.Vendor, tech.Website);
            }
            else
            {
                db.Technologies.Add(new Technology(tech.Name, tech.Category, tech.Vendor, tech.Website));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
