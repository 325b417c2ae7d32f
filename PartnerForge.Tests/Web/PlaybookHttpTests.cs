using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Playbook;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>The sales playbook pages through HTTP (server-rendered): each tenant admin sees only their own evidence, competitive list and title rules.</summary>
public sealed class PlaybookHttpTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    private const string NorthwindCase = "Outdoor retailer lifts search conversion 18% after leaving Algolia";
    private const string GlobexCase = "Fashion label grows online revenue 12% after a headless relaunch";

    [Fact]
    public async Task The_evidence_library_lists_only_the_signed_in_tenants_items()
    {
        var globex = await app.SignedInClientAsync("admin@globex.test");
        var page = await globex.GetStringAsync("/admin/playbook/evidence");
        page.Should().Contain(GlobexCase).And.Contain("Customer quote").And.NotContain(NorthwindCase).And.NotContain("Trailhead");

        var northwind = await app.SignedInClientAsync("admin@northwind.test");
        (await northwind.GetStringAsync("/admin/playbook/evidence")).Should().Contain(NorthwindCase).And.NotContain(GlobexCase);
    }

    [Fact]
    public async Task Another_tenants_evidence_item_is_not_found_by_its_address()
    {
        var item = await app.QueryAsync(db => db.EvidenceItems.IgnoreQueryFilters().Where(e => db.Tenants.Any(t => t.Id == e.TenantId && t.Slug == "northwind")).FirstAsync());
        var globex = await app.SignedInClientAsync("admin@globex.test");

        var page = await globex.GetStringAsync($"/admin/playbook/evidence/{item.Id}");

        page.Should().Contain("Not found").And.NotContain(item.Title).And.NotContain(item.Body);
        var own = await app.SignedInClientAsync("admin@northwind.test");
        (await own.GetStringAsync($"/admin/playbook/evidence/{item.Id}")).Should().Contain(WebUtility.HtmlEncode(item.Title));
    }

    [Fact]
    public async Task Competitive_lists_and_title_rules_pages_show_only_the_own_tenants_lines()
    {
        await app.QueryAsync(async db =>
        {
            var northwind = await db.Tenants.SingleAsync(t => t.Slug == "northwind");
            var rule = new TitleRule(7, CommitteeRole.Champion, "Chief Zebra Wrangler");
            rule.StampTenant(northwind.Id);
            db.TitleRules.Add(rule);
            return await db.SaveChangesAsync();
        });

        var globex = await app.SignedInClientAsync("admin@globex.test");
        var competitors = await globex.GetStringAsync("/admin/playbook/competitors");
        competitors.Should().Contain("Globex Discovery").And.Contain("Bloomreach Discovery").And.NotContain("Northwind Search");
        (await globex.GetStringAsync("/admin/playbook/title-rules")).Should().Contain("Economic buyer").And.NotContain("Chief Zebra Wrangler");

        var northwindAdmin = await app.SignedInClientAsync("admin@northwind.test");
        (await northwindAdmin.GetStringAsync("/admin/playbook/competitors")).Should().Contain("Northwind Search").And.NotContain("Globex Discovery");
        (await northwindAdmin.GetStringAsync("/admin/playbook/title-rules")).Should().Contain("Chief Zebra Wrangler");
    }

    [Fact]
    public async Task A_rep_cannot_open_the_playbook_admin_pages()
    {
        var rep = await app.SignedInClientAsync("rep@northwind.test");
        foreach (var url in new[] { "/admin/playbook/evidence", "/admin/playbook/competitors", "/admin/playbook/title-rules" })
        {
            var response = await rep.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden || body.Contains("access", StringComparison.OrdinalIgnoreCase)).Should().BeTrue(url);
            body.Should().NotContain(NorthwindCase).And.NotContain("Northwind Search");
        }
    }
}
