using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Billing;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>The REST API v1 over real HTTP with the demo API key (Northwind).</summary>
public sealed class ApiV1Tests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    private const string DemoKey = AdministrationStartup.DemoApiKey;

    private HttpClient Client(string? key = DemoKey, bool bearer = true)
    {
        var client = app.NewClient();
        if (key is not null)
        {
            if (bearer)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }
            else
            {
                client.DefaultRequestHeaders.Add("X-Api-Key", key);
            }
        }

        return client;
    }

    [Theory]
    [InlineData(null, "An API key is required")]
    [InlineData("pf_not-a-real-key", "The API key is not valid")]
    [InlineData("garbage", "The API key is not valid")]
    public async Task Without_a_valid_key_the_api_answers_401_problem_details_not_a_sign_in_redirect(string? key, string title)
    {
        var response = await Client(key).GetAsync("/api/v1/targets");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().Be(title);
        problem.GetProperty("status").GetInt32().Should().Be(401);
    }

    [Fact]
    public async Task A_signed_in_browser_cookie_is_not_an_api_key()
    {
        var browser = await app.SignedInClientAsync("admin@northwind.test");

        (await browser.GetAsync("/api/v1/targets")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_demo_key_lists_only_its_tenants_accounts_by_bearer_or_header(bool bearer)
    {
        var page = await Client(bearer: bearer).GetFromJsonAsync<JsonElement>("/api/v1/targets?pageSize=100");

        var domains = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("domain").GetString()).ToList();
        domains.Should().Contain(["acme-outdoor.test", "cobalthealth.test"]);
        domains.Should().NotContain(d => d!.Contains("ironclad", StringComparison.Ordinal) || d.Contains("juniper", StringComparison.Ordinal) || d.Contains("harborfreight", StringComparison.Ordinal));
        page.GetProperty("total").GetInt32().Should().Be(domains.Count);
    }

    [Fact]
    public async Task Targets_filter_and_page()
    {
        var client = Client();
        var filtered = await client.GetFromJsonAsync<JsonElement>("/api/v1/targets?q=COBALT");
        filtered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Should().Equal("Cobalt Health Systems");

        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/targets?page=1&pageSize=2");
        var second = await client.GetFromJsonAsync<JsonElement>("/api/v1/targets?page=2&pageSize=2");
        first.GetProperty("items").GetArrayLength().Should().Be(2);
        second.GetProperty("page").GetInt32().Should().Be(2);
        var names = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("name").GetString()).ToList();
        names.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=-1", "page")]
    [InlineData("page=two", "page")]
    public async Task Bad_paging_is_a_400_validation_problem_naming_the_field(string query, string field)
    {
        var response = await Client().GetAsync($"/api/v1/targets?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain("whole number");
    }

    [Fact]
    public async Task Posting_a_target_normalizes_the_domain_and_refuses_a_duplicate_and_bad_input()
    {
        var client = Client();
        var created = await client.PostAsJsonAsync("/api/v1/targets", new { name = "Newco Robotics", domain = "https://WWW.Newco-Robotics.example/about?x=1" });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be("/api/v1/accounts/newco-robotics.example");
        (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("domain").GetString().Should().Be("newco-robotics.example");

        var fetched = await client.GetFromJsonAsync<JsonElement>("/api/v1/accounts/newco-robotics.example");
        fetched.GetProperty("name").GetString().Should().Be("Newco Robotics");

        var duplicate = await client.PostAsJsonAsync("/api/v1/targets", new { name = "Again", domain = "newco-robotics.example" });
        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("already exists");

        var invalid = await client.PostAsJsonAsync("/api/v1/targets", new { name = "", domain = "not a domain" });
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("name")[0].GetString().Should().Be("A name is required.");
        errors.GetProperty("domain")[0].GetString().Should().Contain("not a domain like example.com");

        var notJson = await client.PostAsync("/api/v1/targets", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"));
        notJson.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await notJson.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("body")[0].GetString().Should().Contain("JSON object");

        var audit = await app.QueryAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityType == "Company" && a.Changes.Contains("newco-robotics.example")).ToListAsync());
        audit.Should().ContainSingle().Which.Origin.Should().StartWith("api:pf_demo");
    }

    [Fact]
    public async Task Another_tenants_account_is_a_404_for_this_key()
    {
        var response = await Client().GetAsync("/api/v1/accounts/ironclad-security.test");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Client().GetAsync("/api/v1/accounts/acme-outdoor.test")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Client().GetAsync("/api/v1/no-such-thing")).Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_globex_key_sees_globex_and_a_revoked_key_stops_working()
    {
        var (keyId, key) = await CreateKeyAsync("globex");
        var client = Client(key);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/targets");
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("domain").GetString()).Should().BeEquivalentTo(["harborfreight-partners.test", "ironclad-security.test", "juniper-learning.test"]);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var tenant = await app.QueryAsync(db => db.Tenants.SingleAsync(t => t.Slug == "globex"));
            scope.ServiceProvider.GetRequiredService<PartnerForge.Infrastructure.Tenancy.TenantContext>().Set(tenant.Id);
            (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(keyId)).Should().BeTrue();
        }

        (await client.GetAsync("/api/v1/targets")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Each_api_call_is_metered_for_the_keys_tenant()
    {
        var northwind = await app.QueryAsync(db => db.Tenants.SingleAsync(t => t.Slug == "northwind"));
        var before = await app.QueryAsync(db => db.UsageRecords.IgnoreQueryFilters().CountAsync(u => u.TenantId == northwind.Id && u.Kind == UsageKind.ApiCall && u.Source.StartsWith("api:pf_demo")));

        var client = Client();
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/v1/targets")).EnsureSuccessStatusCode();
        }

        var after = await app.QueryAsync(db => db.UsageRecords.IgnoreQueryFilters().CountAsync(u => u.TenantId == northwind.Id && u.Kind == UsageKind.ApiCall && u.Source.StartsWith("api:pf_demo")));
        after.Should().BeGreaterThanOrEqualTo(before + 3);
        (await Client(null).GetAsync("/api/v1/targets")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_answers_without_a_key_and_the_openapi_document_describes_the_routes()
    {
        var health = await Client(null).GetFromJsonAsync<JsonElement>("/api/v1/health");
        health.GetProperty("status").GetString().Should().Be("ok");

        var document = await Client(null).GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");
        document.GetProperty("openapi").GetString().Should().StartWith("3.");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().BeEquivalentTo(["/api/v1/health", "/api/v1/targets", "/api/v1/accounts/{domain}", "/api/v1/enrich/{domain}", "/api/v1/enrich", "/api/v1/batches/{id}", "/api/v1/accounts/{domain}/contacts", "/api/v1/contacts/{id}", "/api/v1/contacts/{id}/export", "/api/v1/contacts/{id}/erase", "/api/v1/runs/{id}",
            "/api/v1/changes/{domain}", "/api/v1/alerts/rules", "/api/v1/alerts/rules/{id}"]);
        var targets = document.GetProperty("paths").GetProperty("/api/v1/targets");
        targets.TryGetProperty("get", out _).Should().BeTrue();
        targets.TryGetProperty("post", out _).Should().BeTrue();
        targets.GetProperty("post").GetProperty("responses").TryGetProperty("400", out _).Should().BeTrue();
    }

    private async Task<(Guid Id, string Key)> CreateKeyAsync(string slug)
    {
        var tenant = await app.QueryAsync(db => db.Tenants.SingleAsync(t => t.Slug == slug));
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PartnerForge.Infrastructure.Tenancy.TenantContext>().Set(tenant.Id);
        var created = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync($"{slug} test key")).Value!;
        return (created.Id, created.Key);
    }
}

/// <summary>The app with a tiny per-key limit, to see 429 and Retry-After.</summary>
public sealed class RateLimitedApp : PartnerForgeApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:PermitLimit", "3");
        builder.UseSetting("Api:WindowSeconds", "3600"); // windows are aligned to the clock: a long one keeps the four requests in one
    }
}

public sealed class ApiRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_retry_after_while_another_key_is_unaffected()
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdministrationStartup.DemoApiKey);
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/v1/targets")).StatusCode.Should().Be(HttpStatusCode.OK, "request {0} is within the limit", i + 1);
        }

        var limited = await client.GetAsync("/api/v1/targets");

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        retryAfter.Should().BeInRange(1, 3600);
        limited.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().Should().Be(429);

        var tenant = await app.QueryAsync(db => db.Tenants.SingleAsync(t => t.Slug == "globex"));
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PartnerForge.Infrastructure.Tenancy.TenantContext>().Set(tenant.Id);
        var other = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("other")).Value!;
        var otherClient = app.NewClient();
        otherClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", other.Key);
        (await otherClient.GetAsync("/api/v1/targets")).StatusCode.Should().Be(HttpStatusCode.OK, "limits are per key");
    }
}
