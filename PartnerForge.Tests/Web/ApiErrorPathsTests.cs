using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Billing;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Billing;
using PartnerForge.Tests.Support;
using Quartz;

namespace PartnerForge.Tests.Web;

internal static class ApiClients
{
    public static HttpClient WithDemoKey(this PartnerForgeApp app)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdministrationStartup.DemoApiKey);
        return client;
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>Parallel enrich requests for one new domain, and a JSON body sent with the wrong Content-Type.</summary>
public sealed class ApiEnrichRaceTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    [Fact]
    public async Task Parallel_enrich_requests_for_a_new_domain_get_202_one_account_one_run_and_no_run_stays_running()
    {
        var client = app.WithDemoKey();
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Standby(); // hold the run queued while the requests race, as a busy node would
        HttpResponseMessage[] responses;
        try
        {
            responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsync("/api/v1/enrich/racing-newco.test", null)));
        }
        finally
        {
            await scheduler.Start();
        }

        responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Accepted);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        bodies.Select(b => b.GetProperty("runId").GetGuid()).Distinct().Should().ContainSingle();
        bodies.Select(b => b.GetProperty("accountId").GetGuid()).Distinct().Should().ContainSingle();
        bodies.Count(b => b.GetProperty("accountCreated").GetBoolean()).Should().Be(1);
        bodies.Count(b => b.GetProperty("status").GetString() == "joined").Should().Be(5);
        (await app.QueryAsync(db => db.Companies.IgnoreQueryFilters().CountAsync(c => c.Domain == "racing-newco.test"))).Should().Be(1);

        var runUrl = responses[0].Headers.Location!.ToString();
        JsonElement run = default;
        await Eventually.TrueAsync(async () =>
        {
            run = await client.GetFromJsonAsync<JsonElement>(runUrl);
            return run.GetProperty("state").GetString() is "completed" or "failed";
        }, TimeSpan.FromSeconds(90), "the run's end");
        run.GetProperty("state").GetString().Should().Be("completed");
        (await app.QueryAsync(db => db.EnrichmentRuns.IgnoreQueryFilters().CountAsync(r => r.State == RunState.Queued || r.State == RunState.Running)))
            .Should().Be(0, "no run is left queued or running");
    }

    [Fact]
    public async Task A_json_post_with_another_content_type_is_415_and_an_unknown_path_is_still_404()
    {
        var client = app.WithDemoKey();

        var response = await client.PostAsync("/api/v1/targets", new StringContent("{\"name\":\"Plain\",\"domain\":\"plain-text.test\"}", Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.ProblemAsync()).GetProperty("detail").GetString().Should().Contain("application/json").And.Contain("text/plain");
        var unknown = await client.PostAsync("/api/v1/no-such-thing", new StringContent("x", Encoding.UTF8, "text/plain"));
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.ProblemAsync()).GetProperty("title").GetString().Should().Be("Not found");
    }
}

/// <summary>An exception in an API call is a 500 problem with the trace id, never an HTML page or a stack trace.</summary>
public sealed class ApiServerErrorTests(ApiServerErrorTests.BrokenMeterApp app) : IClassFixture<ApiServerErrorTests.BrokenMeterApp>
{
    [Fact]
    public async Task A_server_error_under_the_api_is_a_problem_with_a_trace_id()
    {
        var response = await app.WithDemoKey().PostAsJsonAsync("/api/v1/targets", new { name = "Boom", domain = "boom.test" });

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var problem = await response.ProblemAsync();
        problem.GetProperty("title").GetString().Should().Be("Server error");
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrWhiteSpace();
        var text = problem.GetRawText();
        text.Should().NotContain("meter is broken", "the exception's own text stays in the log").And.NotContain("   at ");
    }

    /// <summary>The real app whose usage meter throws, as any broken dependency of a handler would.</summary>
    public sealed class BrokenMeterApp : PartnerForgeApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddScoped<IUsageMeter, BrokenMeter>());
        }

        private sealed class BrokenMeter : IUsageMeter
        {
            public Task RecordAsync(UsageKind kind, int quantity, string source, CancellationToken cancellationToken = default) =>
                throw new InvalidOperationException("The meter is broken.");
        }
    }
}

/// <summary>
/// A full disk, for real: the app's data folder is a small tmpfs that the test fills. Reads still answer, writes
/// are a 503 "storage full", /health/ready says the database is not writable, and all of it recovers once space
/// is freed.
/// </summary>
public sealed class StorageFullTests : IAsyncLifetime
{
    private TinyDisk _disk = null!;
    private TinyDiskApp _app = null!;

    public Task InitializeAsync()
    {
        _disk = FileSystemFaults.MountTinyDisk(64);
        _app = new TinyDiskApp(_disk.Path);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _disk.Dispose();
    }

    [Fact]
    public async Task On_a_full_disk_reads_answer_writes_are_503_ready_says_not_writable_and_all_recovers()
    {
        var client = _app.WithDemoKey();
        (await client.PostAsJsonAsync("/api/v1/targets", new { name = "Before", domain = "before-full.test" })).StatusCode.Should().Be(HttpStatusCode.Created);

        _disk.Fill();
        var write = await client.PostAsJsonAsync("/api/v1/targets", new { name = "During", domain = "during-full.test" });
        var read = await client.GetAsync("/api/v1/targets?q=before");
        var ready = await client.GetAsync("/health/ready");

        write.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        write.Headers.RetryAfter.Should().NotBeNull();
        var problem = await write.ProblemAsync();
        problem.GetProperty("title").GetString().Should().Be("Storage full");
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrWhiteSpace();
        read.StatusCode.Should().Be(HttpStatusCode.OK, "a read does not depend on metering");
        (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32().Should().Be(1);
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("not writable");

        _disk.Free();
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/api/v1/targets", new { name = "After", domain = "after-full.test" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await _app.QueryAsync(db => db.Companies.IgnoreQueryFilters().CountAsync(c => c.Domain == "during-full.test"))).Should().Be(0, "nothing half-written");
    }

    private sealed class TinyDiskApp(string dataDirectory) : PartnerForgeApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:DataDirectory", dataDirectory);
        }
    }
}
