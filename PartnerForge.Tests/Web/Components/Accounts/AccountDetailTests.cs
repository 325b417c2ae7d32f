using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Scoring;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Scoring;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts;

namespace PartnerForge.Tests.Web.Components.Accounts;

/// <summary>The account page: its tab lives in the URL, and the tier in its header follows enrichment live.</summary>
public sealed class AccountDetailTests : DatabaseComponentTest
{
    private Guid _acme;

    protected override string UserEmail => "manager@northwind.test";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _acme = await Host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == TenantId && c.Name == "Acme Outdoor Supply").Select(c => c.Id).SingleAsync());
    }

    [Fact]
    public void The_tab_named_in_the_url_opens_and_an_unknown_one_falls_back_to_intelligence()
    {
        RenderPrerendered();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/accounts/{_acme}?tab=scores");

        var cut = Render<AccountDetail>(p => p.Add(c => c.Id, _acme));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=scores]").Should().ContainSingle());
        cut.FindAll("[data-testid=intelligence-panel]").Should().BeEmpty("only the open tab's panel is rendered");
        cut.Find(".mud-tab.mud-tab-active").TextContent.Trim().Should().Be("Scores & routing");

        navigation.NavigateTo($"/accounts/{_acme}?tab=nonsense");

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=intelligence-panel]").Should().ContainSingle());
        cut.Find(".mud-tab.mud-tab-active").TextContent.Trim().Should().Be("Intelligence");
    }

    [Fact]
    public void Picking_a_tab_writes_it_into_the_url_replacing_the_history_entry()
    {
        RenderPrerendered();
        var navigation = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/accounts/{_acme}");
        var cut = Render<AccountDetail>(p => p.Add(c => c.Id, _acme));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=intelligence-panel]").Should().ContainSingle());

        cut.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "Brief").Click();

        cut.WaitForAssertion(() => navigation.Uri.Should().EndWith($"/accounts/{_acme}?tab=brief"));
        navigation.History.First().Options.ReplaceHistoryEntry.Should().BeTrue();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=intelligence-panel]").Should().BeEmpty());
        cut.Find(".mud-tab.mud-tab-active").TextContent.Trim().Should().Be("Brief");
        cut.Find("h1").TextContent.Should().Be("Acme Outdoor Supply", "the account stays loaded when only the tab changes");
    }

    [Fact]
    public async Task The_tier_in_the_header_follows_an_enrichment_run_that_scores_the_account()
    {
        RenderInteractively();
        var cut = Render<AccountDetail>(p => p.Add(c => c.Id, _acme));
        cut.WaitForAssertion(() => cut.Find("[data-testid=account-tier]").TextContent.Trim().Should().Be("Not tiered yet"));

        var admin = await Host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == "admin@northwind.test").Select(u => u.Id).SingleAsync());
        await using (var scope = Host.Scope(TenantId, admin))
        {
            var industry = await Host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Id == _acme).Select(c => c.Industry!).SingleAsync());
            (await scope.ServiceProvider.GetRequiredService<IcpSettings>().SaveAsync([new(IcpField.Industry, [industry], 100)], new TierPolicy(100, 75, 50, 25), 100)).Errors.Should().BeEmpty();
            (await scope.ServiceProvider.GetRequiredService<AccountScorer>().ScoreAsync(_acme, null, "Enrichment run")).Should().NotBeNull();
        }

        await Scoped.GetRequiredService<IEventBus>().PublishAsync(
            new ModuleStateChanged(TenantId, _acme, Guid.NewGuid(), null, ModuleCatalog.SignalScore, ModuleOutcome.Ok, null, DateTime.UtcNow));

        cut.WaitForAssertion(() => cut.Find("[data-testid=account-tier]").TextContent.Trim().Should().Be("Tier A"), TimeSpan.FromSeconds(10));
    }
}
