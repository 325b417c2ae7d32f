using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Tests.Domain.Changes;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Changes;

namespace PartnerForge.Tests.Web.Components.Changes;

/// <summary>The change timeline's filters and live reload over changes the real recorder detected in SQLite.</summary>
public sealed class TimelineViewTests : DatabaseComponentTest
{
    private Guid _acme;
    private Guid _other;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var companies = await Host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == TenantId).OrderBy(c => c.Name).ToListAsync());
        _acme = companies.Single(c => c.Name == "Acme Outdoor Supply").Id;
        _other = companies.First(c => c.Id != _acme).Id;

        // Acme: a trigger replaced by another (one removed, one added). The other account: Algolia added to its stack.
        await RecordAsync(_acme, "M07", ("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse"));
        await RecordAsync(_acme, "M07", ("trigger.funding[2026-11-20]", "Raises $30M Series B"));
        await RecordAsync(_other, "M02", ("tech[React]", "JavaScript frameworks"));
        await RecordAsync(_other, "M02", ("tech[React]", "JavaScript frameworks"), ("tech[Algolia]", "Search"));
    }

    [Fact]
    public void The_technology_filter_narrows_the_list_and_a_filter_matching_nothing_says_to_clear_one()
    {
        RenderPrerendered();
        var cut = Render<TimelineView>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Should().HaveCount(3));

        cut.Find("input[data-testid=timeline-tech]").Change("Algolia");

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Should().ContainSingle()
            .Which.TextContent.Should().Contain("Algolia added"));

        cut.Find("input[data-testid=timeline-tech]").Change("Bloomreach");

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Should().BeEmpty());
        cut.Find(".pf-empty-title").TextContent.Should().Be("No changes match");
        cut.Find(".pf-empty-text").TextContent.Should().Be("Clear a filter to see more.");
    }

    [Fact]
    public void Every_line_is_in_plain_words_without_paths_ids_or_brackets()
    {
        RenderPrerendered();
        var cut = Render<TimelineView>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-text]").Should().HaveCount(3));

        var lines = cut.FindAll("[data-testid=timeline-text]").Select(e => e.TextContent.Trim()).ToList();
        lines.Should().BeEquivalentTo("Algolia added", "New funding news (2026-11-20): Raises $30M Series B", "Expansion news (2026-01-10) no longer found: Opens a Leeds warehouse");
        cut.Find(".pf-tl").TextContent.Should().NotContainAny("[", "]", "tech", "trigger.");
        System.Text.RegularExpressions.Regex.IsMatch(cut.Find(".pf-tl").TextContent, "[0-9a-f]{8}-[0-9a-f]{4}-").Should().BeFalse();
    }

    [Fact]
    public void One_accounts_timeline_shows_only_its_changes_and_hides_the_tenant_wide_filters()
    {
        RenderPrerendered();
        var cut = Render<TimelineView>(p => p.Add(c => c.CompanyId, _acme));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Should().HaveCount(2));
        cut.FindAll("[data-testid=timeline-item]").Should().OnlyContain(i => i.TextContent.Contains("news"));
        cut.FindAll("[data-testid=timeline-owner]").Should().BeEmpty();
        cut.FindAll("[data-testid=timeline-tier]").Should().BeEmpty();
    }

    [Fact]
    public async Task New_changes_appear_live_within_the_filter()
    {
        RenderInteractively();
        var cut = Render<TimelineView>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Should().HaveCount(3));
        cut.Find("input[data-testid=timeline-tech]").Change("Algolia");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Should().ContainSingle());

        await RecordAsync(_acme, "M02", ("tech[Shopify]", "Ecommerce"));
        await RecordAsync(_acme, "M02", ("tech[Shopify]", "Ecommerce"), ("tech[Algolia]", "Search"));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Should().HaveCount(2), TimeSpan.FromSeconds(10));
        cut.FindAll("[data-testid=timeline-item]").Should().OnlyContain(i => i.TextContent.Contains("Algolia added"));
    }

    [Fact]
    public async Task A_filter_goes_into_the_url_and_the_url_alone_restores_it_after_a_reload()
    {
        RenderPrerendered();
        var navigation = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/changes");
        var cut = Render<TimelineView>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Should().HaveCount(3));

        cut.Find("input[data-testid=timeline-tech]").Change("Algolia");

        cut.WaitForAssertion(() => navigation.Uri.Should().EndWith("/changes?tech=Algolia"));
        navigation.History.First().Options.ReplaceHistoryEntry.Should().BeTrue("a filter replaces the history entry instead of adding one per keystroke");
        cut.FindAll("[data-testid=timeline-item]").Should().ContainSingle();
        cut.FindAll("[data-testid=timeline-clear]").Should().ContainSingle();

        // A reload (or a shared link): a fresh timeline on the same URL shows the same filtered list and filter.
        await DisposeComponentsAsync();
        var again = Render<TimelineView>();
        again.WaitForAssertion(() => again.FindAll("[data-testid=timeline-item]").Should().ContainSingle().Which.TextContent.Should().Contain("Algolia added"));
        again.Find("input[data-testid=timeline-tech]").GetAttribute("value").Should().Be("Algolia");

        again.Find("[data-testid=timeline-clear]").Click();

        again.WaitForAssertion(() => navigation.Uri.Should().EndWith("/changes"));
        again.WaitForAssertion(() => again.FindAll("[data-testid=timeline-item]").Should().HaveCount(3));
    }

    [Fact]
    public void Every_filter_reads_from_the_url_and_unknown_values_mean_any()
    {
        RenderPrerendered();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/changes?module=M07&kind=Removed&significance=0");
        var cut = Render<TimelineView>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Should().ContainSingle()
            .Which.TextContent.Should().Contain("Expansion news (2026-01-10) no longer found"));
        cut.Find("input[data-testid=timeline-module]").GetAttribute("value").Should().Be("Strategic triggers");
        cut.Find("input[data-testid=timeline-kind]").GetAttribute("value").Should().Be("Removed");

        navigation.NavigateTo("/changes?kind=Sideways&tier=Z&from=yesterday&significance=-4");

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Should().HaveCount(3));
        cut.Find("input[data-testid=timeline-kind]").GetAttribute("value").Should().Be("Any");
        cut.FindAll("[data-testid=timeline-clear]").Should().BeEmpty();
    }

    [Fact]
    public void The_account_timeline_keeps_the_account_tab_in_the_url_beside_its_filters()
    {
        RenderPrerendered();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/accounts/{_acme}?tab=changes");
        var cut = Render<TimelineView>(p => p.Add(c => c.CompanyId, _acme));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Should().HaveCount(2));

        cut.Find("input[data-testid=timeline-tech]").Change("Shopify");

        cut.WaitForAssertion(() => navigation.Uri.Should().EndWith($"/accounts/{_acme}?tab=changes&tech=Shopify"));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Should().BeEmpty());
    }

    private async Task RecordAsync(Guid company, string module, params (string Path, string Value)[] facts)
    {
        await using var scope = Host.Scope(TenantId);
        await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(company, module, Guid.NewGuid(), ChangeDetectionTests.Snapshot(facts), facts.Length);
    }
}
