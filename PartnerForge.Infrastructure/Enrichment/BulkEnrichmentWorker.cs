using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Infrastructure.Enrichment;

/// <summary>
/// Works the bulk enrichments on this node: keeps up to <see cref="EnrichmentOptions.BulkParallelAccounts"/> runs
/// going, claimed from <see cref="BulkEnrichmentQueue"/>, so every node started on the database shares a bulk request
/// (two nodes: twice the accounts at a time). It looks for work when a bulk request is queued on this node
/// (<see cref="Wake"/>), when a run ends, and every <see cref="EnrichmentOptions.BulkPollInterval"/> (requests queued on
/// other nodes, leases of a node that died). Bulk runs do not take Quartz's threads, so an "Enrich now", an import or a
/// digest never waits behind a bulk request of thousands of accounts.
/// </summary>
public sealed partial class BulkEnrichmentWorker(
    IServiceScopeFactory scopes, IOptions<EnrichmentOptions> options, ILogger<BulkEnrichmentWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, Task> _running = new();
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    /// <summary>This node's name on the runs it holds.</summary>
    public string Node { get; } = BulkEnrichmentQueue.NewNodeName();

    /// <summary>Looks for work now (a bulk request was queued on this node, or a run ended).</summary>
    public void Wake() => _wake.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var renewed = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var run in await QueueAsync(q => q.ClaimAsync(Node, settings.BulkParallelAccounts - _running.Count, stoppingToken)))
                {
                    // Listed before it starts, so a run that ends at once is not listed again after it removed itself.
                    var listed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _running[run.RunId] = WorkAsync(run, listed.Task, stoppingToken);
                    listed.SetResult();
                }

                if (DateTime.UtcNow - renewed > settings.BulkLease / 3)
                {
                    await QueueAsync(q => q.RenewAsync(Node, _running.Keys.ToList(), stoppingToken));
                    renewed = DateTime.UtcNow;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is away (restart, network): look again at the next turn; leases outlive a short outage.
                LogQueueUnavailable(logger, ex);
            }

            try
            {
                await _wake.WaitAsync(settings.BulkPollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_running.Values).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        var unfinished = _running.Keys.ToList();
        try
        {
            // Runs cut short by the shut-down stay running; given back, another node resumes them without waiting out the lease.
            await QueueAsync(async q =>
            {
                await q.ReleaseAsync(Node, unfinished, cancellationToken);
                return 0;
            });
        }
        catch (Exception ex)
        {
            LogReleaseFailed(logger, unfinished.Count, ex);
        }
    }

    private async Task<T> QueueAsync<T>(Func<BulkEnrichmentQueue, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BulkEnrichmentQueue>());
    }

    private async Task WorkAsync(ClaimedRun run, Task listed, CancellationToken stoppingToken)
    {
        await listed;
        var finished = false;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(run.TenantId, null, "job:bulk-enrichment");
            await scope.ServiceProvider.GetRequiredService<EnrichmentOrchestrator>().RunAsync(run.RunId, stoppingToken);
            finished = !stoppingToken.IsCancellationRequested;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The orchestrator ends a run as failed itself; this is what it could not even record. The lease runs out and
            // the run is claimed again.
            LogRunCrashed(logger, run.RunId, ex);
        }
        finally
        {
            if (finished || !stoppingToken.IsCancellationRequested)
            {
                _running.TryRemove(run.RunId, out _);
            }

            Wake();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk enrichment queue unavailable; trying again shortly")]
    private static partial void LogQueueUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back {Count} bulk enrichment leases at shut-down; they run out on their own")]
    private static partial void LogReleaseFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bulk enrichment run {RunId} stopped without being recorded")]
    private static partial void LogRunCrashed(ILogger logger, Guid runId, Exception exception);
}
