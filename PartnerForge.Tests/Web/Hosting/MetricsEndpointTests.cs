using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web.Hosting;

/// <summary>The app on a real loopback port (a TestServer request has no remote address, which /metrics refuses).</summary>
public class KestrelApp : PartnerForgeApp
{
    private readonly Lazy<string> _baseUrl;

    public KestrelApp() => _baseUrl = new Lazy<string>(StartKestrel);

    public string BaseUrl => _baseUrl.Value;

    public HttpClient Http(string? apiKey = null) => Client(BaseUrl, apiKey);

    /// <summary>A real HTTP client with its own cookies, not following redirects.</summary>
    public static HttpClient Client(string baseUrl, string? apiKey = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(baseUrl),
        };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }
}

/// <summary>Only 10.0.0.0/8 may read /metrics: a loopback client is outside it.</summary>
public sealed class PrivateNetworkMetricsApp : KestrelApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:AllowedNetworks:0", "10.0.0.0/8");
    }
}

/// <summary>/metrics of the app running as its own process, as Prometheus would scrape it.</summary>
public sealed class MetricsEndpointTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task After_an_enrichment_metrics_shows_request_durations_and_our_meters_and_the_system_page_the_same_figures()
    {
        var api = Http(AdministrationStartup.DemoApiKey);
        var queued = await api.PostAsync("/api/v1/enrich/nimbus-saas.test", null);
        queued.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var run = await PollUntilDoneAsync(api, queued.Headers.Location!.ToString());
        var outcomes = run.GetProperty("modules").EnumerateArray().Select(m => m.GetProperty("status").GetString()).ToList();
        outcomes.Should().HaveCount(ModuleCatalog.All.Count);

        var metrics = await Http().GetStringAsync("/metrics");

        metrics.Should().Contain("# TYPE http_server_request_duration_seconds histogram");
        metrics.Should().MatchRegex("""http_server_request_duration_seconds_count\{[^}]*http_route="/api/v1/enrich/\{domain\}"[^}]*\} [1-9]""");
        metrics.Should().MatchRegex("""partnerforge_enrichment_module_runs_total\{[^}]*module="M01",outcome="ok"\} [1-9]""");
        metrics.Should().MatchRegex("""partnerforge_enrichment_module_duration_seconds_count\{[^}]*module="M02",outcome="ok"\} [1-9]""");
        metrics.Should().MatchRegex("""partnerforge_fetches_total\{[^}]*source="web",status="ok"\} [1-9]""");
        metrics.Should().Contain("microsoft_entityframeworkcore_").And.Contain("quartz_").And.Contain("dotnet_gc_");
        // The sample sites answered the fetches from a second host in the same process (unrouted requests): its
        // request meter is not this app's, so only the app's own (routed) requests are exported.
        metrics.Split('\n').Where(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal))
            .Should().NotBeEmpty().And.OnlyContain(l => l.Contains("http_route=\"", StringComparison.Ordinal));

        // The System page reads this node's own meters: exactly the modules of this run (no other enrichment ran here).
        var admin = Http();
        (await PartnerForgeApp.SignInAsync(admin, "platform@partnerforge.test", PartnerForge.Infrastructure.Persistence.Seeding.DemoWorkspace.DefaultPassword))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = await admin.GetStringAsync("/admin/platform/system");
        Figure(page, "metric-module-runs").Should().Be(ModuleCatalog.All.Count);
        Figure(page, "metric-fetches").Should().BeGreaterThan(0);
        Figure(page, "metric-requests").Should().BeGreaterThan(3);
        page.Should().Contain($"ok {outcomes.Count(o => o == "ok")}");
    }

    [Fact]
    public async Task Metrics_needs_no_sign_in_from_loopback()
    {
        var response = await Http().GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("# TYPE");
    }

    private HttpClient Http(string? apiKey = null) => KestrelApp.Client(app.BaseUrl, apiKey);

    private static long Figure(string page, string testId)
    {
        var match = Regex.Match(page, $"data-testid=\"{testId}\">([0-9,]+)<");
        match.Success.Should().BeTrue("the System page shows {0}", testId);
        return long.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<JsonElement> PollUntilDoneAsync(HttpClient client, string runUrl)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>(runUrl);
            if (run.GetProperty("state").GetString() is "completed" or "failed")
            {
                return run;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the run should finish within two minutes");
            await Task.Delay(250);
        }
    }
}

public sealed class MetricsAccessTests(PrivateNetworkMetricsApp app) : IClassFixture<PrivateNetworkMetricsApp>
{
    [Fact]
    public async Task A_client_outside_the_allowed_networks_gets_404()
    {
        var response = await app.Http().GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("http_server_request_duration_seconds");
        (await app.Http().GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "only /metrics is restricted");
    }
}
