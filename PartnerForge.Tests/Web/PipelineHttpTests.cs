using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>Through HTTP (prerendered pages), the board, dashboard and deal pages show only the signed-in tenant's deals.</summary>
public sealed class PipelineHttpTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    [Fact]
    public async Task The_board_shows_only_the_signed_in_tenants_deals()
    {
        var northwind = await DealTitlesAsync("northwind");
        var globexAccounts = await CompanyNamesAsync("globex");
        var client = await app.SignedInClientAsync("rep@northwind.test");

        var page = await client.GetStringAsync("/pipeline");

        page.Should().Contain("data-testid=\"column-Prospect\"").And.Contain("data-testid=\"column-Lost\"");
        page.Should().Contain("Acme Outdoor Supply");
        northwind.Should().Contain(t => page.Contains(WebUtility.HtmlEncode(t), StringComparison.Ordinal));
        foreach (var name in globexAccounts)
        {
            page.Should().NotContain(name);
        }

        WebUtility.HtmlDecode(page).Should().Contain("£");
    }

    [Fact]
    public async Task The_deals_of_another_tenants_account_answer_404_without_its_data()
    {
        var globex = await app.QueryAsync(db => db.Companies.IgnoreQueryFilters()
            .Where(c => db.Tenants.Any(t => t.Id == c.TenantId && t.Slug == "globex")).FirstAsync());
        var globexDeal = await app.QueryAsync(db => db.Deals.IgnoreQueryFilters().Where(d => d.CompanyId == globex.Id).Select(d => d.Title).FirstAsync());
        var client = await app.SignedInClientAsync("rep@northwind.test");

        var response = await client.GetAsync($"/accounts/{globex.Id}/deals");

        var page = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.NotFound, page);
        page.Should().NotContain(globex.Name).And.NotContain(WebUtility.HtmlEncode(globexDeal));
    }

    [Fact]
    public async Task An_accounts_deals_page_lists_its_deals()
    {
        var acme = await app.QueryAsync(db => db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Name == "Acme Outdoor Supply"));
        var titles = await app.QueryAsync(db => db.Deals.IgnoreQueryFilters().Where(d => d.CompanyId == acme.Id).Select(d => d.Title).ToListAsync());
        var client = await app.SignedInClientAsync("manager@northwind.test");

        var page = await client.GetStringAsync($"/accounts/{acme.Id}/deals");

        titles.Should().NotBeEmpty();
        foreach (var title in titles)
        {
            page.Should().Contain(WebUtility.HtmlEncode(title));
        }
    }

    [Fact]
    public async Task The_dashboard_and_the_drill_down_use_only_the_signed_in_tenants_deals()
    {
        var globexTitles = await DealTitlesAsync("globex");
        var client = await app.SignedInClientAsync("manager@globex.test");

        var dashboard = await client.GetStringAsync("/");
        var drill = await client.GetStringAsync("/pipeline/deals?set=open&scope=dashboard");

        dashboard.Should().Contain("data-testid=\"kpi-pipeline\"").And.Contain("figures in USD").And.NotContain("Northwind");
        drill.Should().Contain("data-testid=\"deals-list\"").And.NotContain("Acme Outdoor Supply");
        globexTitles.Should().Contain(t => drill.Contains(WebUtility.HtmlEncode(t), StringComparison.Ordinal));
    }

    private Task<List<string>> DealTitlesAsync(string slug) =>
        app.QueryAsync(db => db.Deals.IgnoreQueryFilters()
            .Where(d => d.ClosedAtUtc == null && db.Tenants.Any(t => t.Id == d.TenantId && t.Slug == slug)).Select(d => d.Title).ToListAsync());

    private Task<List<string>> CompanyNamesAsync(string slug) =>
        app.QueryAsync(db => db.Companies.IgnoreQueryFilters()
            .Where(c => db.Tenants.Any(t => t.Id == c.TenantId && t.Slug == slug)).Select(c => c.Name).ToListAsync());
}
