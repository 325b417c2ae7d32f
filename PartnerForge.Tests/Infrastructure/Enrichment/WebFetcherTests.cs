using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Enrichment.Fetching;
using PartnerForge.Infrastructure.Demo;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Enrichment;

/// <summary>The one fetcher against the sample sites and hostile cases on loopback.</summary>
public sealed class WebFetcherTests(SampleSitesFixture sites) : IClassFixture<SampleSitesFixture>
{
    [Fact]
    public async Task A_sample_homepage_is_fetched_with_headers_cookies_and_utf8_text()
    {
        using var fetcher = sites.Fetcher();
        var result = await fetcher.GetAsync("https://acme-outdoor.test/");
        result.Status.Should().Be(FetchStatus.Ok, result.Reason);
        result.HttpStatus.Should().Be(200);
        result.Body.Should().Contain("Acme Outdoor Supply");
        result.Cookies.Should().Contain(c => c.Key == "_shopify_y");
        result.Headers.Should().Contain(h => h.Key.Equals("x-shopid", StringComparison.OrdinalIgnoreCase));
        result.Charset.Should().Be("utf-8");
    }

    [Fact]
    public async Task A_windows_1252_page_is_decoded_from_its_declared_charset()
    {
        using var fetcher = sites.Fetcher();
        var result = await fetcher.GetAsync($"https://{HostileSites.Windows1252Host}/");
        result.Status.Should().Be(FetchStatus.Ok);
        result.Charset.Should().Be("windows-1252");
        result.Body.Should().Contain("Café Müller Rösterei").And.Contain("„Kaffee für alle“");
    }

    [Fact]
    public async Task Retry_After_is_honoured_and_the_second_answer_is_used()
    {
        using var fetcher = sites.Fetcher();
        var clock = Stopwatch.StartNew();
        var result = await fetcher.GetAsync($"https://{HostileSites.FlakyRateLimitHost}/");
        result.Status.Should().Be(FetchStatus.Ok, result.Reason);
        result.Body.Should().Contain("Served after waiting");
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9), "the server said Retry-After: 1");
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_cap_ends_as_rate_limited_without_waiting()
    {
        using var fetcher = sites.Fetcher();
        var clock = Stopwatch.StartNew();
        var result = await fetcher.GetAsync($"https://{HostileSites.RateLimitedHost}/");
        result.Status.Should().Be(FetchStatus.RateLimited);
        result.Reason.Should().Contain("3600");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_redirect_chain_is_followed_and_an_endless_one_is_cut_at_five()
    {
        using var fetcher = sites.Fetcher();
        var chain = await fetcher.GetAsync($"https://{HostileSites.RedirectChainHost}/");
        chain.Status.Should().Be(FetchStatus.Ok);
        chain.FinalUrl.Should().Be($"https://{HostileSites.RedirectChainHost}/final");
        chain.Redirects.Should().HaveCount(4);
        chain.Body.Should().Contain("You made it");

        var loop = await fetcher.GetAsync($"https://{HostileSites.RedirectChainHost}/loop/1");
        loop.Status.Should().Be(FetchStatus.TooManyRedirects);
        loop.Redirects.Should().HaveCount(5);
    }

    [Theory]
    [InlineData("/", "10.20.30.40")]
    [InlineData("/metadata", "169.254.169.254")]
    public async Task A_redirect_to_a_private_or_metadata_address_is_refused(string path, string address)
    {
        using var fetcher = sites.Fetcher();
        var result = await fetcher.GetAsync($"https://{HostileSites.RedirectPrivateHost}{path}");
        result.Status.Should().Be(FetchStatus.Refused);
        result.Reason.Should().Contain(address);
        result.Redirects.Should().ContainSingle();
    }

    [Theory]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://172.16.5.4/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("http://0.0.0.0/")]
    public async Task Private_link_local_CGNAT_and_metadata_addresses_are_refused_even_with_loopback_allowed(string url)
    {
        using var fetcher = sites.Fetcher(o => o.RespectRobots = false);
        var result = await fetcher.GetAsync(url);
        result.Status.Should().Be(FetchStatus.Refused, result.Reason);
    }

    [Fact]
    public async Task Loopback_is_refused_unless_configuration_allows_it_checked_on_the_connected_address()
    {
        // The sample server is on loopback; without AllowLoopback the guard refuses the socket it would connect.
        using var strict = sites.Fetcher(o => o.AllowLoopback = false);
        var refused = await strict.GetAsync("https://acme-outdoor.test/");
        refused.Status.Should().Be(FetchStatus.Refused);
        refused.Reason.Should().Contain("127.0.0.1").And.Contain("Loopback");

        using var plain = sites.Fetcher(o => { o.AllowLoopback = false; o.SandboxEndpoint = null; });
        (await plain.GetAsync($"http://{sites.Server.Endpoint}/")).Status.Should().Be(FetchStatus.Refused);
        (await plain.GetAsync("http://localhost:1/")).Status.Should().Be(FetchStatus.Refused);
    }

    [Fact]
    public async Task With_sample_sites_the_only_loopback_endpoint_reachable_is_the_sample_server_not_the_app_or_other_local_ports()
    {
        using var fetcher = sites.Fetcher(o => o.RespectRobots = false);
        var sandboxPort = System.Net.IPEndPoint.Parse(sites.Server.Endpoint).Port;
        using var other = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        other.Start();
        var otherPort = ((System.Net.IPEndPoint)other.LocalEndpoint).Port;

        var refused = await fetcher.GetAsync($"http://127.0.0.1:{otherPort}/admin");
        refused.Status.Should().Be(FetchStatus.Refused);
        refused.Reason.Should().Contain("other than the sample-site server");

        var sample = await fetcher.GetAsync($"http://127.0.0.1:{sandboxPort}/");
        sample.Status.Should().NotBe(FetchStatus.Refused, sample.Reason);
    }

    [Fact]
    public async Task A_bot_wall_is_recorded_as_blocked_not_as_no_data()
    {
        using var fetcher = sites.Fetcher();
        var result = await fetcher.GetAsync($"https://{HostileSites.BotWallHost}/");
        result.Status.Should().Be(FetchStatus.Blocked);
        result.HttpStatus.Should().Be(403);
    }

    [Fact]
    public async Task A_20_MB_page_is_read_only_up_to_the_cap()
    {
        using var fetcher = sites.Fetcher();
        var result = await fetcher.GetAsync($"https://{HostileSites.HugePageHost}/");
        result.Status.Should().Be(FetchStatus.TooLarge);
        result.Body.Length.Should().BeLessThanOrEqualTo(2 * 1024 * 1024);
        result.Body.Should().StartWith("<!DOCTYPE html>");
    }

    [Fact]
    public async Task Robots_txt_disallow_is_honoured_and_a_5xx_robots_means_disallow()
    {
        using var fetcher = sites.Fetcher();
        var disallowed = await fetcher.GetAsync("https://acme-outdoor.test/private/prices");
        disallowed.Status.Should().Be(FetchStatus.RobotsDisallowed);
        sites.Server.Hits.Should().NotContainKey("acme-outdoor.test/private/prices");

        var erroring = await fetcher.GetAsync($"https://{HostileSites.ServerErrorHost}/");
        erroring.Status.Should().Be(FetchStatus.RobotsDisallowed, "RFC 9309: an unreachable robots.txt (5xx) disallows crawling");
    }

    [Fact]
    public async Task Server_errors_are_retried_with_back_off_then_reported()
    {
        using var fetcher = sites.Fetcher(o => { o.RespectRobots = false; o.Retries = 2; });
        var before = sites.Server.Hits.GetValueOrDefault($"{HostileSites.ServerErrorHost}/retry");
        var result = await fetcher.GetAsync($"https://{HostileSites.ServerErrorHost}/retry");
        result.Status.Should().Be(FetchStatus.ServerError);
        (sites.Server.Hits[$"{HostileSites.ServerErrorHost}/retry"] - before).Should().Be(3, "one try and two retries");
    }

    [Fact]
    public async Task The_user_agent_names_PartnerForge_with_the_configured_contact_and_gzip_is_decoded()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddResponseCompression(o => o.EnableForHttps = true);
        await using var app = builder.Build();
        string? agent = null;
        string? accepted = null;
        app.UseResponseCompression();
        app.Run(async ctx =>
        {
            agent = ctx.Request.Headers.UserAgent;
            accepted = ctx.Request.Headers.AcceptEncoding;
            ctx.Response.ContentType = "text/html";
            await ctx.Response.WriteAsync("<html><body>" + new string('z', 5000) + "compressed-ok</body></html>");
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        using var fetcher = new WebFetcher(
            Options.Create(new FetchOptions { AllowLoopback = true, Contact = "ops@example.org", RespectRobots = false }),
            TimeProvider.System, NullLogger<WebFetcher>.Instance);
        var result = await fetcher.GetAsync($"http://127.0.0.1:{address.Port}/");
        result.Status.Should().Be(FetchStatus.Ok);
        result.Body.Should().EndWith("compressed-ok</body></html>");
        accepted.Should().Contain("br").And.Contain("gzip");
        result.Headers.Should().Contain(h => h.Key == "Vary" && h.Value == "Accept-Encoding", "the server compressed the answer the fetcher decoded");
        agent.Should().StartWith("PartnerForge/").And.Contain("ops@example.org");
    }
}
