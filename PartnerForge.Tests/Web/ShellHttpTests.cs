using System.Net;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>The app shell over HTTP: the framework's own Blazor script and the package assets the pages link.</summary>
public sealed class ShellHttpTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    [Fact]
    public async Task The_sdk_serves_the_net10_blazor_script_without_signing_in()
    {
        var response = await app.NewClient().GetAsync("/_framework/blazor.web.js");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        var script = await response.Content.ReadAsStringAsync();
        script.Length.Should().BeGreaterThan(100_000);
        // Events only the .NET 10 script raises (the ReconnectModal listens to them).
        script.Should().Contain("components-reconnect-state-changed").And.Contain("components-reconnect-paused");
    }

    [Theory]
    [InlineData("/_content/Radzen.Blazor/Radzen.Blazor.js")]
    [InlineData("/_content/Radzen.Blazor/css/material-base.css")]
    public async Task Package_static_assets_are_served(string path)
    {
        var response = await app.NewClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Length.Should().BeGreaterThan(10_000);
    }
}
