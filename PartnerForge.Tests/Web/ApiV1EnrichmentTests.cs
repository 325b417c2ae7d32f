using PartnerForge.Domain.Enrichment;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Billing;
using PartnerForge.Domain.Changes;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>
/// REST API v1 enrichment, intelligence, changes and alert rules over real HTTP. The app runs in the Development
/// environment, which serves the sample company sites on loopback and routes the fetcher to them, and runs
/// enrichment through the real Quartz scheduler.
/// </summary>
public sealed class ApiV1EnrichmentTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    private HttpClient Northwind() => Client(AdministrationStartup.DemoApiKey);

    private HttpClient Client(string key)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task Enrich_then_poll_the_run_then_read_the_accounts_intelligence_with_its_sources_end_to_end()
    {
        var client = Northwind();
        var northwind = await app.QueryAsync(db => db.Tenants.SingleAsync(t => t.Slug == "northwind"));
        (await client.GetAsync("/api/v1/accounts/nimbus-saas.test")).StatusCode.Should().Be(HttpStatusCode.NotFound, "Nimbus is not a Northwind account yet");
        var creditsBefore = await CreditsAsync(northwind.Id);

        var queued = await client.PostAsync("/api/v1/enrich/nimbus-saas.test", null);

        queued.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var body = await queued.Content.ReadFromJsonAsync<JsonElement>();
        var runId = body.GetProperty("runId").GetGuid();
        body.GetProperty("accountCreated").GetBoolean().Should().BeTrue();
        body.GetProperty("domain").GetString().Should().Be("nimbus-saas.test");
        queued.Headers.Location!.ToString().Should().Be($"/api/v1/runs/{runId}");

        var run = await PollUntilDoneAsync(client, queued.Headers.Location.ToString());
        run.GetProperty("state").GetString().Should().Be("completed");
        run.GetProperty("domain").GetString().Should().Be("nimbus-saas.test");
        run.GetProperty("progress").GetProperty("modulesDone").GetInt32().Should().Be(ModuleCatalog.All.Count);
        run.GetProperty("progress").GetProperty("percent").GetDouble().Should().Be(100);
        var modules = run.GetProperty("modules").EnumerateArray().ToDictionary(m => m.GetProperty("module").GetString()!, m => m.GetProperty("status").GetString());
        modules.Keys.Should().BeEquivalentTo(ModuleCatalog.All.Select(m => m.Code));
        modules["M01"].Should().Be("ok");
        modules["M02"].Should().Be("ok");
        modules["M03"].Should().Be("ok");
        modules.Values.Should().OnlyContain(s => s == "ok" || s == "no data", "every module of the sample site finishes well");

        var account = await client.GetFromJsonAsync<JsonElement>("/api/v1/accounts/nimbus-saas.test");
        account.GetProperty("domain").GetString().Should().Be("nimbus-saas.test");
        var intelligence = account.GetProperty("intelligence").EnumerateArray().ToDictionary(m => m.GetProperty("module").GetString()!);
        intelligence.Should().HaveCount(ModuleCatalog.All.Count);
        var m01 = Facts(intelligence["M01"]);
        m01.Should().ContainKey("company.name");
        m01["company.name"].GetProperty("value").GetString().Should().Contain("Nimbus");
        var nameSource = m01["company.name"].GetProperty("source");
        nameSource.GetProperty("url").GetString().Should().StartWith("https://nimbus-saas.test/");
        nameSource.GetProperty("method").GetString().Should().NotBeNullOrEmpty();
        nameSource.GetProperty("fetchedAtUtc").GetDateTime().Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(5));
        Facts(intelligence["M02"]).Keys.Should().Contain(["tech[Algolia]", "tech[Gatsby]"]);
        Facts(intelligence["M03"])["traffic.rank"].GetProperty("value").GetString().Should().Be("103447");
        intelligence["M01"].GetProperty("status").GetString().Should().Be("ok");
        intelligence.Values.SelectMany(m => m.GetProperty("facts").EnumerateArray())
            .Should().OnlyContain(f => Uri.IsWellFormedUriString(f.GetProperty("source").GetProperty("url").GetString(), UriKind.Absolute), "every fact carries its source");

        // Metering: the run's module runs are enrichment credits of the key's tenant.
        (await CreditsAsync(northwind.Id)).Should().BeGreaterThanOrEqualTo(creditsBefore + ModuleCatalog.All.Count);
        var bySource = await app.QueryAsync(db => db.UsageRecords.IgnoreQueryFilters()
            .Where(u => u.TenantId == northwind.Id && u.Kind == UsageKind.EnrichmentCredit && u.Source.StartsWith("enrichment:")).Select(u => u.Source).Distinct().ToListAsync());
        bySource.Should().Contain(["enrichment:M01", "enrichment:M02", "enrichment:M07"]);

        // A second request for the same domain enriches the existing account.
        var again = await client.PostAsync("/api/v1/enrich/" + Uri.EscapeDataString("https://WWW.Nimbus-SaaS.test/pricing"), null);
        again.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        second.GetProperty("accountCreated").GetBoolean().Should().BeFalse();
        second.GetProperty("accountId").GetGuid().Should().Be(body.GetProperty("accountId").GetGuid());
        await PollUntilDoneAsync(client, again.Headers.Location!.ToString());
        (await app.QueryAsync(db => db.Companies.IgnoreQueryFilters().CountAsync(c => c.Domain == "nimbus-saas.test" && c.TenantId == northwind.Id))).Should().Be(1);
    }

    [Theory]
    [InlineData("POST", "/api/v1/enrich/not_a_domain", "domain")]
    [InlineData("POST", "/api/v1/enrich/localhost", "domain")]
    [InlineData("POST", "/api/v1/enrich/newco.test?name=%20", "name")]
    [InlineData("GET", "/api/v1/runs/not-a-guid", "id")]
    [InlineData("GET", "/api/v1/changes/acme-outdoor.test?pageSize=0", "pageSize")]
    [InlineData("GET", "/api/v1/changes/acme-outdoor.test?pageSize=201", "pageSize")]
    [InlineData("GET", "/api/v1/changes/acme-outdoor.test?after=yesterday", "after")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string method, string url, string field)
    {
        var response = await Northwind().SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Changes_of_an_account_come_newest_first_in_pages_that_follow_the_next_cursor()
    {
        var (tenantId, companyId) = await app.QueryAsync(async db =>
        {
            var company = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Domain == "brightline-logistics.test");
            return (company.TenantId, company.Id);
        });
        var start = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            for (var i = 0; i < 5; i++)
            {
                db.ChangeEvents.Add(new ChangeEvent(companyId, Guid.NewGuid(), null,
                    new DetectedChange("M02", $"tech[Tool {i}]", ChangeKind.Added, null, "detected", 45, "technology", $"Tool {i}"), start.AddHours(i)));
            }

            await db.SaveChangesAsync();
        }

        var client = Northwind();
        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/changes/brightline-logistics.test?pageSize=3");
        var firstPaths = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()).ToList();
        firstPaths.Should().Equal("tech[Tool 4]", "tech[Tool 3]", "tech[Tool 2]");
        first.GetProperty("items")[0].GetProperty("kind").GetString().Should().Be("added");
        var next = first.GetProperty("next").GetString();
        next.Should().NotBeNullOrEmpty();

        var second = await client.GetFromJsonAsync<JsonElement>($"/api/v1/changes/brightline-logistics.test?pageSize=3&after={Uri.EscapeDataString(next!)}");
        second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()).Should().Equal("tech[Tool 1]", "tech[Tool 0]");
        second.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);

        (await client.GetAsync("/api/v1/changes/no-such-account.test")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_tenants_run_account_changes_and_rules_are_404_for_a_key()
    {
        var northwindClient = Northwind();
        var queued = await northwindClient.PostAsync("/api/v1/enrich/acme-outdoor.test", null);
        queued.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var runUrl = queued.Headers.Location!.ToString();
        var rep = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test"));
        var created = await northwindClient.PostAsJsonAsync("/api/v1/alerts/rules", new { name = "Northwind only", userId = rep.Id });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var ruleUrl = created.Headers.Location!.ToString();

        var globex = Client(await GlobexKeyAsync());

        (await globex.GetAsync(runUrl)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await globex.GetAsync("/api/v1/accounts/acme-outdoor.test")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await globex.GetAsync("/api/v1/changes/acme-outdoor.test")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await globex.GetAsync(ruleUrl)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await globex.PutAsJsonAsync(ruleUrl, new { name = "Hijacked" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await globex.DeleteAsync(ruleUrl)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var globexRules = await globex.GetFromJsonAsync<JsonElement>("/api/v1/alerts/rules");
        globexRules.EnumerateArray().Select(r => r.GetProperty("name").GetString()).Should().NotContain("Northwind only");
        var foreignUser = await globex.PostAsJsonAsync("/api/v1/alerts/rules", new { name = "Spy", userId = rep.Id });
        foreignUser.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a user of another tenant is not a user here");

        // A Globex enrichment of the same domain is Globex's own account (named as asked), not Northwind's.
        var globexRun = await globex.PostAsync("/api/v1/enrich/acme-outdoor.test?name=Acme%20Outdoor%20(Globex)", null);
        (await globexRun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accountCreated").GetBoolean().Should().BeTrue();
        (await northwindClient.GetAsync(globexRun.Headers.Location!.ToString())).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await globex.GetFromJsonAsync<JsonElement>("/api/v1/accounts/acme-outdoor.test")).GetProperty("name").GetString().Should().Be("Acme Outdoor (Globex)");
        (await northwindClient.GetFromJsonAsync<JsonElement>("/api/v1/accounts/acme-outdoor.test")).GetProperty("name").GetString().Should().Be("Acme Outdoor Supply");
        (await app.QueryAsync(db => db.AlertRules.IgnoreQueryFilters().SingleAsync(r => r.Name == "Northwind only"))).Name.Should().Be("Northwind only", "the rule was not renamed");
        await PollUntilDoneAsync(northwindClient, runUrl);
    }

    [Fact]
    public async Task Alert_rules_are_created_read_updated_and_deleted_with_validation()
    {
        var client = Northwind();
        var (rep, northwind) = await app.QueryAsync(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test");
            return (user.Id, user.TenantId);
        });

        var created = await client.PostAsJsonAsync("/api/v1/alerts/rules", new
        {
            name = "  Funding news  ", userId = rep, module = "m07", kind = "Added", minSignificance = 70, tiers = new[] { "a", "B" }, technologies = new[] { "Algolia" },
        });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var rule = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = rule.GetProperty("id").GetGuid();
        created.Headers.Location!.ToString().Should().Be($"/api/v1/alerts/rules/{id}");
        rule.GetProperty("name").GetString().Should().Be("Funding news");
        rule.GetProperty("module").GetString().Should().Be("M07");
        rule.GetProperty("kind").GetString().Should().Be("added");
        rule.GetProperty("tiers").EnumerateArray().Select(t => t.GetString()).Should().Equal("A", "B");
        var stored = await app.QueryAsync(db => db.AlertRules.IgnoreQueryFilters().SingleAsync(r => r.Id == id));
        stored.TenantId.Should().Be(northwind);
        stored.UserId.Should().Be(rep);
        stored.MinSignificance.Should().Be(70);
        stored.Kind.Should().Be(ChangeKind.Added);

        (await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts/rules")).EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).Should().Contain(id);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/rules/{id}")).GetProperty("minSignificance").GetInt32().Should().Be(70);

        var updated = await client.PutAsJsonAsync($"/api/v1/alerts/rules/{id}", new { name = "Any funding", minSignificance = 85, isActive = false });
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await app.QueryAsync(db => db.AlertRules.IgnoreQueryFilters().SingleAsync(r => r.Id == id));
        after.Name.Should().Be("Any funding");
        after.MinSignificance.Should().Be(85);
        after.IsActive.Should().BeFalse();
        after.Module.Should().BeNull("PUT replaces the criteria");
        after.UserId.Should().Be(rep);

        var invalid = await client.PostAsJsonAsync("/api/v1/alerts/rules", new { name = "", module = "M99", kind = "exploded", minSignificance = 101, tiers = new[] { "Z" }, territoryId = Guid.NewGuid() });
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["name", "userId", "module", "kind", "minSignificance", "tiers", "territoryId"]);
        var both = await client.PostAsJsonAsync("/api/v1/alerts/rules", new { name = "Both", userId = rep, teamId = Guid.NewGuid() });
        (await both.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("userId")[0].GetString().Should().Contain("exactly one");
        var moveRecipient = await client.PutAsJsonAsync($"/api/v1/alerts/rules/{id}", new { name = "Moved", userId = Guid.NewGuid() });
        moveRecipient.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var notJson = await client.PostAsync("/api/v1/alerts/rules", new StringContent("[1,2", System.Text.Encoding.UTF8, "application/json"));
        (await notJson.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("body")[0].GetString().Should().Contain("JSON object");

        var byEmail = await client.PostAsJsonAsync("/api/v1/alerts/rules", new { name = "Manager's rule", userEmail = "MANAGER@northwind.test" });
        byEmail.StatusCode.Should().Be(HttpStatusCode.Created);
        var manager = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "manager@northwind.test"));
        (await byEmail.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userId").GetGuid().Should().Be(manager.Id);
        var foreignEmail = await client.PostAsJsonAsync("/api/v1/alerts/rules", new { name = "Globex person", userEmail = "rep@globex.test" });
        (await foreignEmail.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("userEmail")[0].GetString().Should().Contain("No user");

        (await client.DeleteAsync($"/api/v1/alerts/rules/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/v1/alerts/rules/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.QueryAsync(db => db.AlertRules.IgnoreQueryFilters().AnyAsync(r => r.Id == id))).Should().BeFalse();
    }

    [Fact]
    public async Task The_openapi_document_describes_the_enrichment_changes_and_alert_rule_routes()
    {
        var document = await app.NewClient().GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");
        var paths = document.GetProperty("paths");

        paths.GetProperty("/api/v1/enrich/{domain}").GetProperty("post").GetProperty("responses").TryGetProperty("202", out _).Should().BeTrue();
        paths.GetProperty("/api/v1/runs/{id}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _).Should().BeTrue();
        paths.GetProperty("/api/v1/changes/{domain}").TryGetProperty("get", out _).Should().BeTrue();
        var rules = paths.GetProperty("/api/v1/alerts/rules");
        rules.TryGetProperty("get", out _).Should().BeTrue();
        rules.GetProperty("post").GetProperty("responses").TryGetProperty("400", out _).Should().BeTrue();
        var rule = paths.GetProperty("/api/v1/alerts/rules/{id}");
        rule.TryGetProperty("put", out _).Should().BeTrue();
        rule.TryGetProperty("delete", out _).Should().BeTrue();
    }

    private static Dictionary<string, JsonElement> Facts(JsonElement module) =>
        module.GetProperty("facts").EnumerateArray().GroupBy(f => f.GetProperty("path").GetString()!).ToDictionary(g => g.Key, g => g.First());

    private async Task<long> CreditsAsync(Guid tenantId) =>
        await app.QueryAsync(db => db.UsageRecords.IgnoreQueryFilters().Where(u => u.TenantId == tenantId && u.Kind == UsageKind.EnrichmentCredit).SumAsync(u => (long)u.Quantity));

    private static async Task<JsonElement> PollUntilDoneAsync(HttpClient client, string runUrl)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        var seen = new List<string>();
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>(runUrl);
            var state = run.GetProperty("state").GetString()!;
            seen.Add(state);
            if (state is "completed" or "failed")
            {
                return run;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the run should finish within two minutes (states seen: {0})", string.Join(",", seen.Distinct()));
            await Task.Delay(250);
        }
    }

    private async Task<string> GlobexKeyAsync()
    {
        var tenant = await app.QueryAsync(db => db.Tenants.SingleAsync(t => t.Slug == "globex"));
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Id);
        return (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("globex isolation test")).Value!.Key;
    }
}
