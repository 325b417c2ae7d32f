using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>
/// Privacy requests over real HTTP: a key acts with its creator's rights, so an admin's key exports (a JSON attachment) and
/// erases (204), a key made by a rep or by the system is refused (403), another workspace's contact is a 404; the account
/// page's download answers admins only.
/// </summary>
public sealed class ApiV1ContactPrivacyTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    [Fact]
    public async Task An_admins_key_exports_the_person_as_a_json_attachment_then_erases_them()
    {
        using var client = Client(await KeyAsync("admin@northwind.test"));
        var id = await CreateContactAsync(client, "Rowan Ashdown", "rowan.ashdown@acme-outdoor.test");

        var export = await client.GetAsync($"/api/v1/contacts/{id}/export");

        export.StatusCode.Should().Be(HttpStatusCode.OK, await export.Content.ReadAsStringAsync());
        export.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        export.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        export.Content.Headers.ContentDisposition.FileName!.Trim('"').Should().Be("contact-rowan-ashdown.json");
        var document = await export.Content.ReadFromJsonAsync<JsonElement>();
        document.GetProperty("contact").GetProperty("email").GetString().Should().Be("rowan.ashdown@acme-outdoor.test");
        document.GetProperty("touches").GetArrayLength().Should().Be(0);

        var erase = await client.PostAsync($"/api/v1/contacts/{id}/erase", null);

        erase.StatusCode.Should().Be(HttpStatusCode.NoContent, await erase.Content.ReadAsStringAsync());
        (await client.GetAsync($"/api/v1/contacts/{id}/export")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PostAsync($"/api/v1/contacts/{id}/erase", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/accounts/acme-outdoor.test/contacts");
        list.EnumerateArray().Select(c => c.GetProperty("fullName").GetString()).Should().NotContain("Rowan Ashdown");
        var tenant = await TenantOfAsync("admin@northwind.test");
        (await app.QueryAsync(db => db.SuppressedAddresses.IgnoreQueryFilters()
            .AnyAsync(s => s.AddressHash == SuppressedAddress.Hash(tenant, "rowan.ashdown@acme-outdoor.test") && s.Reason == SuppressionReason.Erased))).Should().BeTrue();
        var audits = await app.QueryAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == id).OrderBy(a => a.AtUtc).ToListAsync());
        audits.Select(a => a.Action).Should().Equal(AuditAction.Exported, AuditAction.Erased);
        audits.Should().OnlyContain(a => !a.Changes.Contains("Rowan") && !a.Changes.Contains("ashdown"), "the erasure took the name out of the export's entry too")
            .And.OnlyContain(a => a.Origin.StartsWith("api:", StringComparison.Ordinal));
        audits[1].UserId.Should().Be(await UserIdAsync("admin@northwind.test"), "the key acts for the admin who made it");
    }

    [Fact]
    public async Task Keys_not_made_by_an_admin_are_refused_with_403_and_nothing_is_erased()
    {
        using var admin = Client(await KeyAsync("admin@northwind.test"));
        var id = await CreateContactAsync(admin, "Sloane Merrit", "sloane.merrit@acme-outdoor.test");

        foreach (var key in new[] { AdministrationStartup.DemoApiKey, await KeyAsync("rep@northwind.test") })
        {
            using var client = Client(key);
            var export = await client.GetAsync($"/api/v1/contacts/{id}/export");
            var erase = await client.PostAsync($"/api/v1/contacts/{id}/erase", null);

            export.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            erase.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            export.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await erase.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("workspace admin");
        }

        (await app.QueryAsync(db => db.Contacts.IgnoreQueryFilters().AnyAsync(c => c.Id == id))).Should().BeTrue();
    }

    [Fact]
    public async Task Another_workspaces_admin_key_gets_404_for_the_contact_and_cannot_erase_it()
    {
        using var northwind = Client(await KeyAsync("admin@northwind.test"));
        var id = await CreateContactAsync(northwind, "Tamsin Vale", "tamsin.vale@acme-outdoor.test");
        using var globex = Client(await KeyAsync("admin@globex.test"));

        (await globex.GetAsync($"/api/v1/contacts/{id}/export")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await globex.PostAsync($"/api/v1/contacts/{id}/erase", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await app.QueryAsync(db => db.Contacts.IgnoreQueryFilters().AnyAsync(c => c.Id == id))).Should().BeTrue();
    }

    [Fact]
    public async Task The_account_pages_download_answers_a_signed_in_admin_and_turns_a_rep_away()
    {
        using var key = Client(await KeyAsync("admin@northwind.test"));
        var id = await CreateContactAsync(key, "Ulla Brandt", "ulla.brandt@acme-outdoor.test");
        var admin = await app.SignedInClientAsync("admin@northwind.test");
        var rep = await app.SignedInClientAsync("rep@northwind.test");
        var globex = await app.SignedInClientAsync("admin@globex.test");

        var download = await admin.GetAsync($"/admin/contacts/{id}/export.json");
        var refused = await rep.GetAsync($"/admin/contacts/{id}/export.json");

        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().Be("contact-ulla-brandt.json");
        (await download.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contact").GetProperty("fullName").GetString().Should().Be("Ulla Brandt");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect, "reps are not admins");
        refused.Headers.Location!.ToString().Should().Contain("access-denied");
        (await globex.GetAsync($"/admin/contacts/{id}/export.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static async Task<Guid> CreateContactAsync(HttpClient client, string name, string email)
    {
        var created = await client.PostAsJsonAsync("/api/v1/accounts/acme-outdoor.test/contacts", new { fullName = name, email, lawfulBasis = "legitimate_interest" });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A new key made by the given demo user (acting in their workspace).</summary>
    private async Task<string> KeyAsync(string creatorEmail)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(await TenantOfAsync(creatorEmail), await UserIdAsync(creatorEmail), "test");
        return (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync($"privacy test ({creatorEmail})")).Value!.Key;
    }

    private HttpClient Client(string key)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private Task<Guid> TenantOfAsync(string email) => app.QueryAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == email).Select(u => u.TenantId).SingleAsync());

    private Task<Guid> UserIdAsync(string email) => app.QueryAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}
