using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin;

namespace PartnerForge.Tests.Web.Components.Admin;

/// <summary>The audit log's filters live in the URL: a search writes them there, and a URL with them shows that search.</summary>
public sealed class AuditLogPageTests : DatabaseComponentTest
{
    protected override string UserEmail => "admin@northwind.test";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (await Scoped.GetRequiredService<TenantAdministration>().CreateTeamAsync("Zebra Auditors")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void A_search_puts_its_filters_in_the_url_and_a_url_with_filters_shows_that_search()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/admin/audit");
        var cut = Render<AuditLogPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=audit-count]").TextContent.Should().NotStartWith("0 "));
        var everything = cut.Find("[data-testid=audit-count]").TextContent;

        cut.Find("#audit-text").Input("Zebra");
        cut.WaitForAssertion(() => cut.Find("#audit-text").GetAttribute("value").Should().Be("Zebra"));
        cut.Find("form[role=search]").Submit();

        cut.WaitForAssertion(() => new Uri(navigation.Uri).Query.Should().Be("?q=Zebra", "only the filters in use are written, and page 1 is the default"));
        new Uri(navigation.Uri).AbsolutePath.Should().Be("/admin/audit");

        // Opening that URL (a reload, a shared link, going back) shows the same search.
        var reloaded = Render<AuditLogPage>();
        reloaded.WaitForAssertion(() => reloaded.Find("[data-testid=audit-rows]").TextContent.Should().Contain("Zebra Auditors"));
        reloaded.Find("[data-testid=audit-count]").TextContent.Should().Be("1 changes").And.NotBe(everything);
        reloaded.Find("#audit-text").GetAttribute("value").Should().Be("Zebra");
    }

    [Fact]
    public void Dates_and_the_page_in_the_url_are_read_back_and_a_search_returns_to_page_one()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/admin/audit?from=2020-01-01&to=2020-01-31&page=3");
        var cut = Render<AuditLogPage>();

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("Nothing found"));
        cut.FindAll("input").Select(i => i.GetAttribute("value")).Should().Contain(["2020-01-01", "2020-01-31"]);

        cut.Find("form[role=search]").Submit();

        new Uri(navigation.Uri).Query.Should().Be("?from=2020-01-01&to=2020-01-31");
    }
}
