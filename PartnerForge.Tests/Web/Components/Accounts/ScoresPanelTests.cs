using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Scoring;
using PartnerForge.Infrastructure.Scoring;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts;
using MudBlazor;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Events;

namespace PartnerForge.Tests.Web.Components.Accounts;

/// <summary>The account page's scores panel with the real ICP, scorer and router over SQLite, as a manager.</summary>
public sealed class ScoresPanelTests : DatabaseComponentTest
{
    private Guid _acme;

    protected override string UserEmail => "manager@northwind.test";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (acme, industry, country) = await Host.AsSystemAsync(async db =>
        {
            var company = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Name == "Acme Outdoor Supply");
            return (company.Id, company.Industry!, company.Country!);
        });
        _acme = acme;
        var admin = await Host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == "admin@northwind.test").Select(u => u.Id).SingleAsync());
        await using var scope = Host.Scope(TenantId, admin);
        var saved = await scope.ServiceProvider.GetRequiredService<IcpSettings>()
            .SaveAsync([new(IcpField.Industry, [industry], 60), new(IcpField.Country, ["Nowhere"], 40)], new TierPolicy(100, 75, 50, 25), 90);
        saved.Errors.Should().BeEmpty();
        (await scope.ServiceProvider.GetRequiredService<AccountScorer>().RescoreAllAsync("test", (_, _) => Task.CompletedTask)).Should().BeGreaterThan(0);
    }

    [Fact]
    public void The_scores_their_tier_and_the_fit_factors_that_made_them_are_shown()
    {
        RenderPrerendered();
        var cut = Render<ScoresPanel>(p => p.Add(c => c.CompanyId, _acme));

        cut.WaitForAssertion(() => cut.Find("[data-testid=score-priority] .pf-score-value").TextContent.Should().Be("60"));
        cut.Find("[data-testid=score-fit] .pf-score-value").TextContent.Should().Be("60");
        cut.Find("[data-testid=score-signal] .pf-score-value").TextContent.Should().Be("0");
        cut.Find("[data-testid=score-priority]").TextContent.Should().Contain("Tier B");
        var factors = cut.FindAll("[data-testid=fit-factors] li");
        factors.Should().HaveCount(2);
        factors.Single(f => f.ClassList.Contains("pf-factor-hit")).TextContent.Should().Contain("+60");
        factors.Single(f => f.ClassList.Contains("pf-factor-miss")).TextContent.Should().StartWith("0");
        cut.FindAll("[data-testid=signal-factors]").Should().BeEmpty();
    }

    [Fact]
    public async Task Rescoring_says_the_tier_stays_and_an_override_needs_a_reason_then_is_recorded()
    {
        RenderPrerendered();
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<ScoresPanel>(p => p.Add(c => c.CompanyId, _acme));
        cut.WaitForElement("[data-testid=rescore-account]");

        cut.Find("[data-testid=rescore-account]").Click();

        var snackbar = Services.GetRequiredService<ISnackbar>();
        cut.WaitForAssertion(() => snackbar.ShownSnackbars.Should().ContainSingle(m => m.Message == "Re-scored: tier B stays (priority 60)."));

        var (newOwner, newOwnerName) = await QueryAsync(async db =>
        {
            var current = await db.Companies.Where(c => c.Id == _acme).Select(c => c.OwnerId).SingleAsync();
            var user = await db.Users.Where(u => u.IsActive && u.Id != current).OrderBy(u => u.Email).FirstAsync();
            return (user.Id, user.DisplayName);
        });
        cut.Find("div.pf-override-owner").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-popover-open .mud-list-item").Should().NotBeEmpty());
        popovers.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == newOwnerName).Click();
        cut.Find("form[data-testid=override-form]").Submit();
        cut.WaitForAssertion(() => cut.Find(".pf-field-error[role=alert]").TextContent.Should().Be("Say why you reassign the account."));
        (await QueryAsync(db => db.AccountAssignments.CountAsync(a => a.CompanyId == _acme && a.IsOverride))).Should().Be(0);

        cut.Find("[data-testid=override-reason]").Input("Knows their CTO");
        cut.Find("form[data-testid=override-form]").Submit();

        cut.WaitForAssertion(() => cut.FindAll(".pf-field-error[role=alert]").Should().BeEmpty());
        var assignment = await QueryAsync(db => db.AccountAssignments.SingleAsync(a => a.CompanyId == _acme && a.IsOverride));
        assignment.Reason.Should().Contain("Knows their CTO");
        (await QueryAsync(db => db.Companies.Where(c => c.Id == _acme).Select(c => c.OwnerId).SingleAsync())).Should().Be(newOwner);
    }

    [Fact]
    public async Task An_enrichment_run_scoring_this_account_refreshes_the_scores_live()
    {
        RenderInteractively();
        var cut = Render<ScoresPanel>(p => p.Add(c => c.CompanyId, _acme));
        cut.WaitForAssertion(() => cut.Find("[data-testid=score-priority] .pf-score-value").TextContent.Should().Be("60"));

        // The ICP now rewards the other criterion too, and the run's M14 stores the new score (as the module does).
        var admin = await Host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == "admin@northwind.test").Select(u => u.Id).SingleAsync());
        await using (var scope = Host.Scope(TenantId, admin))
        {
            var industry = await Host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Id == _acme).Select(c => c.Industry!).SingleAsync());
            (await scope.ServiceProvider.GetRequiredService<IcpSettings>().SaveAsync([new(IcpField.Industry, [industry], 100)], new TierPolicy(100, 75, 50, 25), 90)).Errors.Should().BeEmpty();
            (await scope.ServiceProvider.GetRequiredService<AccountScorer>().ScoreAsync(_acme, null, "Enrichment run")).Should().NotBeNull();
        }

        cut.Find("[data-testid=score-priority] .pf-score-value").TextContent.Should().Be("60", "nothing told the panel yet");
        var bus = Scoped.GetRequiredService<IEventBus>();
        await bus.PublishAsync(new ModuleStateChanged(TenantId, Guid.NewGuid(), Guid.NewGuid(), null, ModuleCatalog.SignalScore, ModuleOutcome.Ok, null, DateTime.UtcNow));
        await Task.Delay(800);
        cut.Find("[data-testid=score-priority] .pf-score-value").TextContent.Should().Be("60", "another account's run changes nothing here");

        await bus.PublishAsync(new ModuleStateChanged(TenantId, _acme, Guid.NewGuid(), null, ModuleCatalog.SignalScore, ModuleOutcome.Ok, null, DateTime.UtcNow));

        cut.WaitForAssertion(() => cut.Find("[data-testid=score-fit] .pf-score-value").TextContent.Should().Be("100"), TimeSpan.FromSeconds(10));
        cut.Find("[data-testid=score-priority] .pf-score-value").TextContent.Should().NotBe("60");
        cut.FindAll("[data-testid=fit-factors] li").Should().ContainSingle();
    }
}
