using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Enrichment.Fetching;
using PartnerForge.Infrastructure.Demo;

namespace PartnerForge.Tests.Support;

/// <summary>The demo's sample company websites and recorded API answers, plus the hostile hosts (<see cref="HostileSites"/>), on a loopback port, shared by a test class.</summary>
public sealed class SampleSitesFixture : IAsyncLifetime
{
    public SampleSitesServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SampleSitesServer.StartAsync(intercept: HostileSites.HandleAsync);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A fetcher routed to the sample server, with loopback allowed and quick retries.</summary>
    public WebFetcher Fetcher(Action<FetchOptions>? configure = null)
    {
        var options = new FetchOptions
        {
            AllowLoopback = true,
            SandboxEndpoint = Server.Endpoint,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryAfter = TimeSpan.FromSeconds(3),
            DefaultRequestsPerSecond = 0,
            MaxBodyBytes = 2 * 1024 * 1024,
        };
        configure?.Invoke(options);
        return new WebFetcher(Options.Create(options), TimeProvider.System, NullLogger<WebFetcher>.Instance);
    }

    /// <summary>Settings that route an app's fetcher to this server (for InfrastructureHost and the web app).</summary>
    public IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Enrichment:Fetch:AllowLoopback"] = "true",
        ["Enrichment:Fetch:SandboxEndpoint"] = Server.Endpoint,
        ["Enrichment:Fetch:RetryBaseDelay"] = "00:00:00.020",
        ["Enrichment:Fetch:MaxRetryAfter"] = "00:00:03",
        ["Enrichment:Fetch:DefaultRequestsPerSecond"] = "0",
        ["Enrichment:Fetch:MaxBodyBytes"] = (2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Enrichment:SampleSites:Path"] = Server.Root,
    };
}
