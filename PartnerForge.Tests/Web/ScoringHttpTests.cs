using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Scoring;
using PartnerForge.Infrastructure.Scoring;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>Through HTTP: the brief exports and the ICP page see only the signed-in tenant.</summary>
public sealed class ScoringHttpTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    [Fact]
    public async Task The_brief_exports_serve_own_accounts_and_404_another_tenants()
    {
        var (own, other) = await AccountsAsync();
        var client = await app.SignedInClientAsync("rep@northwind.test");

        var markdown = await client.GetAsync($"/accounts/{own.Id}/brief.md");
        markdown.StatusCode.Should().Be(HttpStatusCode.OK);
        markdown.Content.Headers.ContentType!.MediaType.Should().Be("text/markdown");
        markdown.Content.Headers.ContentDisposition!.FileName.Should().Contain("brief-");
        (await markdown.Content.ReadAsStringAsync()).Should().StartWith($"# Strategic brief: {own.Name}").And.Contain("## Why now");

        var html = await client.GetAsync($"/accounts/{own.Id}/brief.html");
        html.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'none'");
        (await html.Content.ReadAsStringAsync()).Should().Contain("<h1>Strategic brief: ");

        foreach (var path in new[] { $"/accounts/{other.Id}/brief.md", $"/accounts/{other.Id}/brief.html" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            (await response.Content.ReadAsStringAsync()).Should().NotContain(other.Name);
        }

        var anonymous = await app.NewClient().GetAsync($"/accounts/{own.Id}/brief.md");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().Should().Contain("/login");
    }

    [Fact]
    public async Task The_icp_page_is_for_tenant_admins_and_shows_only_their_tenants_profile()
    {
        var northwind = await app.QueryAsync(db => db.Tenants.Where(t => t.Slug == "northwind").Select(t => t.Id).SingleAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(northwind, null, "test");
            (await scope.ServiceProvider.GetRequiredService<IcpSettings>().SaveAsync([new(IcpField.Industry, ["Northwind-only-industry"], 25)], new TierPolicy(65, 81, 61, 31), 45)).Succeeded.Should().BeTrue();
        }

        var admin = await app.SignedInClientAsync("admin@northwind.test");
        var own = await admin.GetAsync("/admin/icp");
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await own.Content.ReadAsStringAsync();
        page.Should().Contain("Ideal customer profile").And.Contain("Northwind-only-industry").And.Contain("value=\"81\"");

        var globexAdmin = await app.SignedInClientAsync("admin@globex.test");
        var other = await (await globexAdmin.GetAsync("/admin/icp")).Content.ReadAsStringAsync();
        other.Should().Contain("No criteria yet").And.NotContain("Northwind-only-industry").And.NotContain("value=\"81\"");

        var rep = await app.SignedInClientAsync("rep@northwind.test");
        var denied = await rep.GetAsync("/admin/icp");
        denied.StatusCode.Should().BeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Forbidden);
        if (denied.StatusCode == HttpStatusCode.Redirect)
        {
            denied.Headers.Location!.ToString().Should().Contain("denied", "a rep may not open the ICP page");
        }
    }

    private Task<(PartnerForge.Domain.Accounts.Company Own, PartnerForge.Domain.Accounts.Company Other)> AccountsAsync() =>
        app.QueryAsync(async db =>
        {
            var own = await db.Companies.IgnoreQueryFilters().Where(c => db.Tenants.Any(t => t.Id == c.TenantId && t.Slug == "northwind")).OrderBy(c => c.Name).FirstAsync();
            var other = await db.Companies.IgnoreQueryFilters().Where(c => db.Tenants.Any(t => t.Id == c.TenantId && t.Slug == "globex")).OrderBy(c => c.Name).FirstAsync();
            return (own, other);
        });
}
