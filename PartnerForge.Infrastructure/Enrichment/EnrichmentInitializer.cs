using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Enrichment.Fetching;
using PartnerForge.Infrastructure.Demo;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Enrichment;

/// <summary>
/// After the database is ready: syncs the technology catalog and the default source costs, and in the
/// offline demo starts the sample-site server and routes the fetcher to it.
/// </summary>
internal sealed class EnrichmentInitializer(IServiceProvider services, IOptions<SampleSitesOptions> samples, SandboxRouting routing) : IHostedService, IAsyncDisposable
{
    private SampleSitesServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(cancellationToken);
            await TechnologyCatalogSync.EnsureAsync(db, cancellationToken);
            await BudgetGuard.EnsureCostConfigsAsync(db, cancellationToken);
        }

        if (samples.Value.Enabled)
        {
            _server = await SampleSitesServer.StartAsync(samples.Value.Path, cancellationToken: cancellationToken);
            routing.Endpoint = _server.Endpoint;

            // The demo's traffic ranks: the sample top-sites list, when no list was imported yet.
            await using var scope = services.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(cancellationToken);
            var csv = Path.Combine(_server.Root, "top-sites.csv");
            if (!await db.TrafficRanks.AnyAsync(cancellationToken) && File.Exists(csv))
            {
                await using var stream = File.OpenRead(csv);
                await scope.ServiceProvider.GetRequiredService<Modules.TrafficRankImporter>().ImportAsync(stream, "sample-top-sites", cancellationToken);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}
