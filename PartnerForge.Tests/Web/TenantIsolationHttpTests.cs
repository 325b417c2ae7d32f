using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>Through HTTP, a user of one tenant gets 404 (not data) for another tenant's account.</summary>
public sealed class TenantIsolationHttpTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    [Fact]
    public async Task Another_tenants_account_answers_404_without_its_data()
    {
        var globex = await app.QueryAsync(db => db.Companies.IgnoreQueryFilters()
            .Where(c => db.Tenants.Any(t => t.Id == c.TenantId && t.Slug == "globex")).FirstAsync());
        var client = await app.SignedInClientAsync("rep@northwind.test");

        var response = await client.GetAsync($"/accounts/{globex.Id}");

        var page = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.NotFound, page);
        page.Should().Contain("The page or record does not exist, or it is not part of your workspace");
        page.Should().NotContain(globex.Name).And.NotContain(globex.Domain);
    }

    [Fact]
    public async Task Own_account_is_shown()
    {
        var northwind = await app.QueryAsync(db => db.Companies.IgnoreQueryFilters()
            .Where(c => db.Tenants.Any(t => t.Id == c.TenantId && t.Slug == "northwind")).FirstAsync());
        var client = await app.SignedInClientAsync("rep@northwind.test");

        var response = await client.GetAsync($"/accounts/{northwind.Id}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain(northwind.Name).And.Contain(northwind.Domain);
    }

    [Fact]
    public async Task The_shell_shows_only_the_signed_in_tenant()
    {
        var client = await app.SignedInClientAsync("rep@globex.test");

        var page = await client.GetStringAsync("/accounts");

        page.Should().Contain("Globex Retail Group").And.NotContain("Northwind Analytics");
    }

    [Fact]
    public async Task An_unknown_address_answers_404_with_a_helpful_page()
    {
        var client = await app.SignedInClientAsync("manager@northwind.test");

        var response = await client.GetAsync("/no-such-page");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("There is nothing at this address");
    }
}
