using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerForge.Tests.Support;
using PartnerForge.Web;

namespace PartnerForge.Tests.Web.Live;

/// <summary>SignalR's Redis backplane is registered (channel prefix <c>partnerforge</c>) exactly when <c>ConnectionStrings:Redis</c> is set.</summary>
public sealed class RedisBackplaneRegistrationTests
{
    [Fact]
    public void With_a_Redis_connection_string_hubs_use_the_Redis_backplane_under_the_partnerforge_prefix()
    {
        using var provider = WebServices(new() { ["ConnectionStrings:Redis"] = "127.0.0.1:6390,abortConnect=false" }, out var services);

        services.Should().Contain(d => d.ServiceType == typeof(HubLifetimeManager<>) && d.ImplementationType == typeof(RedisHubLifetimeManager<>));
        provider.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration.ChannelPrefix.ToString().Should().Be("partnerforge");
    }

    [Fact]
    public void Without_it_hubs_stay_in_the_process()
    {
        using var provider = WebServices(new(), out var services);

        services.Should().NotContain(d => d.ImplementationType == typeof(RedisHubLifetimeManager<>));
    }

    private static ServiceProvider WebServices(Dictionary<string, string?> settings, out IServiceCollection services)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            DisableDefaults = true,
            ContentRootPath = TestEnvironment.NewDirectory("backplane"),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPartnerForgeWeb(builder.Configuration, builder.Environment);
        services = builder.Services;
        return builder.Services.BuildServiceProvider();
    }
}
