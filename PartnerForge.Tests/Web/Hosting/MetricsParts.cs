using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment.Fetching;
using PartnerForge.Infrastructure.Observability;
using PartnerForge.Web.Hosting;

namespace PartnerForge.Tests.Web.Hosting;

/// <summary>The parts of the metrics setup on their own: access rule, options, circuit count, snapshot.</summary>
public sealed class MetricsParts
{
    private static readonly IReadOnlyList<IPNetwork> Loopback = new MetricsOptions().Networks();

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("203.0.113.7", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("fe80::1", false)]
    public void By_default_only_loopback_clients_may_read_metrics(string remote, bool allowed) =>
        MetricsAccessMiddleware.Allowed(IPAddress.Parse(remote), Loopback).Should().Be(allowed);

    [Fact]
    public void A_client_without_a_remote_address_is_refused() => MetricsAccessMiddleware.Allowed(null, Loopback).Should().BeFalse();

    [Fact]
    public async Task The_middleware_answers_404_to_a_remote_client_and_passes_a_loopback_one_on()
    {
        var passed = 0;
        var middleware = new MetricsAccessMiddleware(_ => { passed++; return Task.CompletedTask; }, Options.Create(new MetricsOptions()));
        var remote = new DefaultHttpContext();
        remote.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.20");
        var local = new DefaultHttpContext();
        local.Connection.RemoteIpAddress = IPAddress.Loopback;

        await middleware.InvokeAsync(remote);
        await middleware.InvokeAsync(local);

        remote.Response.StatusCode.Should().Be(StatusCodes.Status404NotFound);
        passed.Should().Be(1);
    }

    [Fact]
    public void Configured_networks_replace_the_default()
    {
        var networks = new MetricsOptions { AllowedNetworks = ["10.0.0.0/8"] }.Networks();

        MetricsAccessMiddleware.Allowed(IPAddress.Parse("10.20.30.40"), networks).Should().BeTrue();
        MetricsAccessMiddleware.Allowed(IPAddress.Loopback, networks).Should().BeFalse();
    }

    [Fact]
    public void A_network_that_is_not_cidr_stops_the_start_with_a_clear_message()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Metrics:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Metrics:AllowedNetworks:1"] = "office-lan",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddPartnerForgeTelemetry(configuration);
        using var provider = services.BuildServiceProvider();

        var start = () => provider.GetRequiredService<IStartupValidator>().Validate();

        start.Should().Throw<OptionsValidationException>().Which.Message
            .Should().Contain("Metrics:AllowedNetworks:1 'office-lan' is not a network in CIDR notation");
    }

    [Fact]
    public async Task Circuits_and_our_instruments_add_up_in_the_snapshot_of_this_host_only()
    {
        using var provider = Provider();
        using var other = Provider();
        var metrics = provider.GetRequiredService<PartnerForgeMetrics>();
        var snapshot = provider.GetRequiredService<MetricsSnapshot>();
        var handler = new MetricsCircuitHandler(metrics);

        await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        await handler.OnCircuitClosedAsync(null!, CancellationToken.None);
        metrics.ModuleRun("M01", ModuleOutcome.Ok, TimeSpan.FromSeconds(2));
        metrics.ModuleRun("M05", ModuleOutcome.SkippedDependency, null);
        metrics.Fetched("sec-edgar", FetchStatus.NotFound);
        metrics.AlertsRaised(3);
        metrics.AlertsDelivered("digest", 2);
        metrics.ImportRows("created", 40);
        metrics.ImportRows("error", 2);
        other.GetRequiredService<PartnerForgeMetrics>().ModuleRun("M01", ModuleOutcome.Ok, TimeSpan.FromSeconds(1));

        var f = snapshot.Read();
        f.ActiveCircuits.Should().Be(1);
        f.ModuleRunsByOutcome.Should().BeEquivalentTo(new Dictionary<string, long> { ["ok"] = 1, ["skipped_dependency"] = 1 }, "the other host's run is not ours");
        f.MeanModuleSeconds.Should().Be(2);
        f.FetchesByStatus.Should().BeEquivalentTo(new Dictionary<string, long> { ["not_found"] = 1 });
        f.AlertsRaised.Should().Be(3);
        f.AlertsDeliveredByChannel["digest"].Should().Be(2);
        f.ImportRowsByResult.Should().BeEquivalentTo(new Dictionary<string, long> { ["created"] = 40, ["error"] = 2 });
    }

    private static ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddPartnerForgeMetrics();
        return services.BuildServiceProvider();
    }
}
