using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Demo;
using PartnerForge.Infrastructure.Enrichment;

namespace PartnerForge.Tests.Infrastructure.Enrichment;

/// <summary>The offline demo's sample sites are a demo feature: only Demo and Development may serve them, and they hold no hostile host.</summary>
public sealed class SampleSitesEnvironmentTests
{
    [Theory]
    [InlineData("Demo", true)]
    [InlineData("Development", true)]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    public void Sample_sites_may_be_enabled_only_in_the_demo_and_development_environments(string environment, bool allowed)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Enrichment:SampleSites:Enabled"] = "true",
            ["Enrichment:Fetch:AllowLoopback"] = "true",
        }).Build();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment });
        services.AddPartnerForgeEnrichment(configuration);
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<SampleSitesOptions>>().Value;

        if (allowed)
        {
            read().Enabled.Should().BeTrue();
        }
        else
        {
            read.Should().Throw<OptionsValidationException>().WithMessage("*only for the Demo and Development environments*");
        }
    }

    [Fact]
    public async Task The_demo_server_alone_serves_the_sample_companies_and_no_hostile_host()
    {
        await using var server = await SampleSitesServer.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://{server.Endpoint}") };

        SampleSitesServer.SiteHosts(server.Root).Should().HaveCount(22).And.NotContain(Support.HostileSites.Windows1252Host);
        (await Get(client, "acme-outdoor.test")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        foreach (var hostile in new[] { Support.HostileSites.RateLimitedHost, Support.HostileSites.BotWallHost, Support.HostileSites.RedirectPrivateHost, Support.HostileSites.Windows1252Host })
        {
            (await Get(client, hostile)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, $"{hostile} is a test fixture, not part of the demo");
        }
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = host;
        return client.SendAsync(request);
    }
}
