using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>REST API v1 contacts over real HTTP: add, list and remove an account's people; problems name the field.</summary>
public sealed class ApiV1ContactsTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    [Fact]
    public async Task A_contact_is_added_to_an_account_by_domain_listed_and_removed()
    {
        using var client = Client();
        var created = await client.PostAsJsonAsync("/api/v1/accounts/acme-outdoor.test/contacts", new
        {
            fullName = "Dana Reyes", title = "VP Marketing", email = "Dana@Acme-Outdoor.test", timeZone = "America/Denver",
            role = "economic_buyer", lawfulBasis = "consent", consentAt = "2026-11-02T09:30:00Z",
        });

        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var contact = await created.Content.ReadFromJsonAsync<JsonElement>();
        contact.GetProperty("email").GetString().Should().Be("dana@acme-outdoor.test");
        contact.GetProperty("role").GetString().Should().Be("economic_buyer");
        contact.GetProperty("lawfulBasis").GetString().Should().Be("consent");
        contact.GetProperty("account").GetString().Should().NotBe("acme-outdoor.test").And.NotBeNullOrWhiteSpace();

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/accounts/acme-outdoor.test/contacts");
        list.EnumerateArray().Select(c => c.GetProperty("fullName").GetString()).Should().Contain("Dana Reyes");

        var again = await client.PostAsJsonAsync("/api/v1/accounts/brightline-logistics.test/contacts", new { fullName = "Someone Else", email = "dana@acme-outdoor.test" });
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).Should().Contain("Dana Reyes");

        (await client.DeleteAsync($"/api/v1/contacts/{contact.GetProperty("id").GetGuid()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/api/v1/contacts/{contact.GetProperty("id").GetGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_fields_are_a_400_naming_each_and_an_unknown_account_a_404()
    {
        using var client = Client();

        var bad = await client.PostAsJsonAsync("/api/v1/accounts/acme-outdoor.test/contacts", new { fullName = "", email = "nope", role = "boss", lawfulBasis = "consent" });
        var unknown = await client.GetAsync("/api/v1/accounts/no-such-account.test/contacts");
        var consentWithoutDate = await client.PostAsJsonAsync("/api/v1/accounts/acme-outdoor.test/contacts", new { fullName = "Sam", lawfulBasis = "consent" });

        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("role", out _).Should().BeTrue("the role code is checked first");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        consentWithoutDate.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await consentWithoutDate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("consentAtUtc", out _).Should().BeTrue();

        var fields = await client.PostAsJsonAsync("/api/v1/accounts/acme-outdoor.test/contacts", new { fullName = " ", email = "nope", phone = "call me" });
        var fieldErrors = (await fields.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        fieldErrors.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["fullName", "email", "phone"]);
    }

    private HttpClient Client()
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdministrationStartup.DemoApiKey);
        return client;
    }
}
