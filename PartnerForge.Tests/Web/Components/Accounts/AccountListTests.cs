using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts;

namespace PartnerForge.Tests.Web.Components.Accounts;

/// <summary>The accounts page over the demo workspace in SQLite: filters go to the URL and to the database query, the URL comes back as filters, selection and bulk tag.</summary>
public sealed class AccountListTests : DatabaseComponentTest
{
    protected override string UserEmail => "manager@northwind.test";

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private static List<string> Names(IRenderedComponent<AccountList> cut) =>
        cut.FindAll("[data-testid=accounts-grid] tbody tr a.pf-link-strong").Select(a => a.TextContent.Trim()).ToList();

    private IRenderedComponent<AccountList> RenderList(string url = "/accounts")
    {
        Navigation.NavigateTo(url);
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return Render<AccountList>();
    }

    [Fact]
    public async Task The_grid_pages_from_the_database_and_a_search_goes_to_the_url_and_the_query()
    {
        var all = await QueryAsync(db => db.Companies.CountAsync());
        var cut = RenderList();
        cut.WaitForAssertion(() => Names(cut).Should().HaveCount(all).And.Contain("Foxglove Fashion").And.BeInAscendingOrder(StringComparer.OrdinalIgnoreCase));

        var search = cut.Find("input[data-testid=account-search]");
        search.Input("cob");
        search.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Names(cut).Should().Equal("Cobalt Health Systems"));
        Navigation.Uri.Should().EndWith("/accounts?q=cob");

        cut.Find("[data-testid=clear-filters]").Click();

        cut.WaitForAssertion(() => Names(cut).Should().HaveCount(all));
        Navigation.Uri.Should().EndWith("/accounts", "the plain view has no query");
    }

    [Fact]
    public void A_shared_link_opens_with_its_filter_sort_and_columns()
    {
        var cut = RenderList("/accounts?country=DE&cols=Domain,Country");

        cut.WaitForAssertion(() => Names(cut).Should().Equal("Cobalt Health Systems"));
        cut.Find("[data-testid=filter-country]").TextContent.Trim().Should().Be("DE", "the filter bar shows the URL's filter");
        var headers = cut.FindAll("[data-testid=accounts-grid] thead th").Select(h => h.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        headers.Should().Contain(["Name", "Domain", "Country"]).And.NotContain(["Industry", "Owner"]);

        Navigation.NavigateTo("/accounts?sort=name&desc=true");
        var sorted = Render<AccountList>();
        sorted.WaitForAssertion(() => Names(sorted).Should().HaveCountGreaterThan(2).And.BeInDescendingOrder(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Two_ticked_rows_show_the_bulk_bar_and_a_tag_added_to_them_shows_in_the_grid()
    {
        var cut = RenderList();
        cut.WaitForAssertion(() => Names(cut).Should().Contain("Driftwood Home Goods"));
        cut.FindAll("[data-testid=bulk-bar]").Should().BeEmpty();

        Tick(cut, "Acme Outdoor Supply");
        Tick(cut, "Driftwood Home Goods");

        cut.WaitForAssertion(() => cut.Find("[data-testid=bulk-count]").TextContent.Should().Be("2 selected"));
        cut.Find("[data-testid=select-all-matching]").TextContent.Should().Contain("Select all");
        cut.Find("input[data-testid=bulk-tag-input]").Input("Q1 push");
        cut.Find("[data-testid=bulk-tag]").Click();

        cut.WaitForAssertion(() => Row(cut, "Acme Outdoor Supply").TextContent.Should().Contain("Q1 push"));
        Row(cut, "Driftwood Home Goods").TextContent.Should().Contain("Q1 push");
        Row(cut, "Foxglove Fashion").TextContent.Should().NotContain("Q1 push");
        cut.FindAll("[data-testid=bulk-bar]").Should().BeEmpty("the selection is cleared after the change");
        (await QueryAsync(db => db.CompanyTags.CountAsync(t => t.Tag == "Q1 push"))).Should().Be(2);
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<AccountList> cut, string name) =>
        cut.FindAll("[data-testid=accounts-grid] tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));

    private static void Tick(IRenderedComponent<AccountList> cut, string name) =>
        Row(cut, name).QuerySelector($"input[type=checkbox]")!.Change(true);
}
