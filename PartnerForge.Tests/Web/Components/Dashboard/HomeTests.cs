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

    private bool popoversRendered;

    private IRenderedComponent<Home> RenderHome(string url)
    {
        RenderInteractively();
        Navigation.NavigateTo(url);
        if (!popoversRendered)
        {
            // One provider per test context (a second one would claim the popover section twice).
            Render<MudPopoverProvider>();
            popoversRendered = true;
        }

        var cut = Render<Home>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=kpi-pipeline]"));
        return cut;
    }

    private static Uri Link(string href) => new(new Uri("http://localhost/"), href);

    [Fact]
    public void The_period_comes_from_the_url_and_each_choice_links_to_its_url()
    {
        var cut = RenderHome("/?period=month");

        cut.Find("[data-testid=dashboard-scope]").TextContent.Should().Contain("This month");
        cut.Find("[data-testid=period-month]").ClassList.Should().Contain("mud-toggle-item-selected");
        cut.Find("[data-testid=period-month]").GetAttribute("aria-current").Should().Be("page");
        cut.FindAll("[data-testid=period-picker] [aria-current]").Should().ContainSingle();

        var ninety = cut.FindAll("[data-testid=period-picker] a").Single(e => e.TextContent.Contains("Last 90 days", StringComparison.Ordinal));
        ninety.ClassList.Should().NotContain("mud-toggle-item-selected");
        ninety.GetAttribute("href").Should().EndWith("/?period=90");
        cut.Find("[data-testid=period-quarter]").GetAttribute("href").Should().EndWith("/", "the default period has no parameter");
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

        var accounts = RenderHome("/?period=year&charts=accounts");
        accounts.FindAll("[data-testid=tier-links] a").Should().NotBeEmpty()
            .And.OnlyContain(a => a.GetAttribute("href")!.Contains("/pipeline/accounts?tier=", StringComparison.Ordinal));
        accounts.FindAll("[data-testid=alert-links] a").Select(a => a.GetAttribute("href")!).Should().Contain(h => h.Contains("set=acted", StringComparison.Ordinal));
        var results = RenderHome("/?period=year&charts=results");
        results.FindAll("[data-testid=chart-outcomes] a").Select(a => Link(a.GetAttribute("href")!).Query).Should().Contain(q => q.Contains("set=won", StringComparison.Ordinal))
            .And.Contain(q => q.Contains("set=lost", StringComparison.Ordinal));
        RenderHome("/?period=year&charts=reps").Find("[data-testid=rep-breakdown]").TextContent.Should().Contain("Riley Rep");
    }

    [Fact]
    public void Only_the_chosen_chart_tab_is_drawn_and_each_tab_is_a_link_with_its_choice_in_the_url()
    {
        var cut = RenderHome("/?period=year");

        cut.FindAll("[data-testid=chart-stages]").Should().ContainSingle();
        cut.FindAll("[data-testid=chart-forecast]").Should().ContainSingle();
        cut.FindAll("[data-testid=chart-tiers], [data-testid=chart-outcomes], [data-testid=rep-breakdown]").Should().BeEmpty();
        cut.Find("[data-testid=tab-pipeline]").GetAttribute("aria-current").Should().Be("page");
        cut.Find("[data-testid=tab-reps]").TextContent.Should().Be("By rep", "the manager sees the team, so the rep tab is there");
        var accountsTab = Link(cut.Find("[data-testid=tab-accounts]").GetAttribute("href")!);
        accountsTab.AbsolutePath.Should().Be("/");
        accountsTab.Query.Should().Contain("period=year").And.Contain("charts=accounts");
        Link(cut.Find("[data-testid=tab-pipeline]").GetAttribute("href")!).Query.Should().NotContain("charts=", "the first tab is the page without the parameter");

        var accounts = RenderHome("/?charts=accounts");
        accounts.FindAll("[data-testid=chart-tiers]").Should().ContainSingle();
        accounts.FindAll("[data-testid=chart-alerts]").Should().ContainSingle();
        accounts.FindAll("[data-testid=chart-stages]").Should().BeEmpty();
        accounts.Find("[data-testid=tab-accounts]").GetAttribute("aria-current").Should().Be("page");
        accounts.FindAll("[data-testid=tab-pipeline][aria-current]").Should().BeEmpty();

        RenderHome("/?charts=nonsense").FindAll("[data-testid=chart-stages]").Should().ContainSingle("an unknown tab reads as the first");
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
