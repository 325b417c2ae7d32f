using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>
/// REST API v1 bulk enrichment over real HTTP (Development environment: sample sites on loopback): a list of domains
/// becomes one batch worked by the node's bulk worker, its progress is readable until it finishes, bad input is a
/// validation problem naming the field, and another workspace's batch is not found.
/// </summary>
public sealed class ApiV1BatchTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    [Fact]
    public async Task A_list_of_domains_is_enriched_as_one_batch_whose_progress_the_key_can_follow_to_the_end()
    {
        var client = Client(AdministrationStartup.DemoApiKey);
        string[] domains = ["kestrel-outfitters.test", "quill-publishing.test", "b1.umbra-studios.test"];

        var queued = await client.PostAsJsonAsync("/api/v1/enrich", new { domains });

        queued.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var body = await queued.Content.ReadFromJsonAsync<JsonElement>();
        var batchId = body.GetProperty("batchId").GetGuid();
        body.GetProperty("accounts").GetInt32().Should().Be(3);
        queued.Headers.Location!.ToString().Should().Be($"/api/v1/batches/{batchId}");

        JsonElement batch;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        do
        {
            await Task.Delay(250);
            batch = await client.GetFromJsonAsync<JsonElement>(queued.Headers.Location.ToString());
            DateTime.UtcNow.Should().BeBefore(deadline, "three sample accounts are enriched within two minutes");
        }
        while (batch.GetProperty("state").GetString() != "finished");

        batch.GetProperty("accountsDone").GetInt32().Should().Be(3);
        batch.GetProperty("percent").GetDouble().Should().Be(100);
        batch.GetProperty("moduleRuns").GetInt32().Should().Be(3 * ModuleCatalog.All.Count);
        var runs = await app.QueryAsync(db => db.EnrichmentRuns.IgnoreQueryFilters().Where(r => r.BatchId == batchId).ToListAsync());
        runs.Should().HaveCount(3).And.OnlyContain(r => r.State == RunState.Completed && r.Attempts == 1);

        var globex = Client(await GlobexKeyAsync());
        (await globex.GetAsync(queued.Headers.Location)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a batch is its workspace's only");
    }

    [Fact]
    public async Task A_bad_list_is_refused_naming_the_faulty_domain_and_nothing_is_queued()
    {
        var client = Client(AdministrationStartup.DemoApiKey);
        var before = await app.QueryAsync(db => db.EnrichmentRuns.IgnoreQueryFilters().CountAsync());

        var bad = await client.PostAsJsonAsync("/api/v1/enrich", new { domains = new[] { "acme-outdoor.test", "not a domain" } });
        var empty = await client.PostAsJsonAsync("/api/v1/enrich", new { domains = Array.Empty<string>() });
        var tooMany = await client.PostAsJsonAsync("/api/v1/enrich", new { domains = Enumerable.Range(0, 1001).Select(i => $"d{i}.example.com") });

        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("domains[1]", out _).Should().BeTrue();
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        tooMany.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooMany.Content.ReadAsStringAsync()).Should().Contain("At most 1000 domains");
        (await app.QueryAsync(db => db.EnrichmentRuns.IgnoreQueryFilters().CountAsync())).Should().Be(before);
        (await client.GetAsync("/api/v1/batches/not-a-guid")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/api/v1/batches/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private HttpClient Client(string key)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<string> GlobexKeyAsync()
    {
        var tenant = await app.QueryAsync(db => db.Tenants.SingleAsync(t => t.Slug == "globex"));
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Id);
        return (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("globex batch test")).Value!.Key;
    }
}
