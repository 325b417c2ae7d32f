using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Dashboard;

namespace PartnerForge.Tests.Web.Components.Dashboard;

/// <summary>The dashboard page over the real dashboard service on SQLite, as the demo manager (team view).</summary>
public sealed class HomeTests : DatabaseComponentTest
{
    protected override string UserEmail => "manager@northwind.test";

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<Home> RenderHome(string url)
    {
        RenderInteractively();
        Navigation.NavigateTo(url);
        Render<MudPopoverProvider>();
        var cut = Render<Home>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=kpi-pipeline]"));
        return cut;
    }

    private static Uri Link(string href) => new(new Uri("http://localhost/"), href);

    [Fact]
    public void The_period_comes_from_the_url_and_choosing_another_puts_it_there()
    {
        var cut = RenderHome("/?period=month");

        cut.Find("[data-testid=dashboard-scope]").TextContent.Should().Contain("This month");
        cut.Find("[data-testid=period-month]").ClassList.Should().Contain("mud-toggle-item-selected");

        cut.FindAll("[data-testid=period-picker] button, [data-testid=period-picker] [data-testid]")
            .First(e => e.TextContent.Contains("Last 90 days", StringComparison.Ordinal)).Click();

        Navigation.Uri.Should().EndWith("/?period=90");
    }

    [Fact]
    public void An_unknown_period_in_the_url_reads_as_this_quarter()
    {
        var cut = RenderHome("/?period=fortnight");

        cut.Find("[data-testid=dashboard-scope]").TextContent.Should().Contain("This quarter");
    }

    [Fact]
    public void Each_figure_links_to_the_deals_behind_it_with_the_dashboards_scope_period_and_currency()
    {
        var cut = RenderHome("/?period=year");

        var open = Link(cut.Find("[data-testid=kpi-pipeline] a").GetAttribute("href")!);
        open.AbsolutePath.Should().Be("/pipeline/deals");
        open.Query.Should().Contain("set=open").And.Contain("scope=dashboard").And.Contain("currency=GBP").And.NotContain("from=");
        var won = Link(cut.Find("[data-testid=kpi-winrate] a").GetAttribute("href")!);
        won.Query.Should().Contain("set=won").And.MatchRegex(@"from=\d{4}-01-01T\d\d%3A00%3A00Z").And.MatchRegex(@"to=\d{4}-01-01T");
        var stageLinks = cut.FindAll("[data-testid=chart-stages] a").Select(a => a.GetAttribute("href")!).ToList();
        stageLinks.Should().NotBeEmpty().And.OnlyContain(h => h.Contains("stage=", StringComparison.Ordinal));
        cut.FindAll("[data-testid=tier-links] a").Should().OnlyContain(a => a.GetAttribute("href")!.Contains("/pipeline/accounts?tier=", StringComparison.Ordinal));
        cut.FindAll("[data-testid=alert-links] a").Select(a => a.GetAttribute("href")!).Should().Contain(h => h.Contains("set=acted", StringComparison.Ordinal));
        cut.Find("[data-testid=rep-breakdown]").TextContent.Should().Contain("Riley Rep");
    }

    [Fact]
    public async Task Charts_draw_with_real_attributes_and_the_workspace_cards_come_from_the_service()
    {
        var accounts = await QueryAsync(db => db.Companies.CountAsync());
        var cut = RenderHome("/");

        cut.FindAll("[data-testid=chart-stages] svg").Should().NotBeEmpty();
        cut.FindAll("[data-testid=chart-forecast] svg").Should().NotBeEmpty();
        // No attribute may carry unevaluated code (a legend once printed aria-disabled="False.ToString().ToLowerInvariant()").
        Regex.IsMatch(cut.Markup, @"=""[^""]*\.(ToString|ToLowerInvariant)\(").Should().BeFalse();
        cut.FindAll("[aria-disabled]").Select(e => e.GetAttribute("aria-disabled")).Where(v => v is not "true" and not "false").Should().BeEmpty();
        cut.Find("[data-testid=stat-accounts]").TextContent.Should().Contain(accounts.ToString(System.Globalization.CultureInfo.CurrentCulture));
    }
}
