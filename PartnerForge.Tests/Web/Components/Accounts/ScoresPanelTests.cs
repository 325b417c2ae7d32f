using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Scoring;
using PartnerForge.Infrastructure.Scoring;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts;
using Radzen;

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
        var cut = Render<ScoresPanel>(p => p.Add(c => c.CompanyId, _acme));
        cut.WaitForElement("[data-testid=rescore-account]");

        cut.Find("[data-testid=rescore-account]").Click();

        var notifications = Services.GetRequiredService<NotificationService>().Messages;
        cut.WaitForAssertion(() => notifications.Should().ContainSingle(m => m.Summary == "Re-scored").Which.Detail.Should().Be("Tier B stays (priority 60)."));

        var newOwner = await QueryAsync(async db =>
        {
            var current = await db.Companies.Where(c => c.Id == _acme).Select(c => c.OwnerId).SingleAsync();
            return await db.Users.Where(u => u.IsActive && u.Id != current).OrderBy(u => u.Email).Select(u => u.Id).FirstAsync();
        });
        cut.Find("[data-testid=override-owner]").Change(newOwner.ToString());
        cut.Find("form.pf-inline-form").Submit();
        cut.WaitForAssertion(() => cut.Find(".pf-field-error[role=alert]").TextContent.Should().Be("Say why you reassign the account."));
        (await QueryAsync(db => db.AccountAssignments.CountAsync(a => a.CompanyId == _acme && a.IsOverride))).Should().Be(0);

        cut.Find("[data-testid=override-reason]").Input("Knows their CTO");
        cut.Find("form.pf-inline-form").Submit();

        cut.WaitForAssertion(() => cut.FindAll(".pf-field-error[role=alert]").Should().BeEmpty());
        var assignment = await QueryAsync(db => db.AccountAssignments.SingleAsync(a => a.CompanyId == _acme && a.IsOverride));
        assignment.Reason.Should().Contain("Knows their CTO");
        (await QueryAsync(db => db.Companies.Where(c => c.Id == _acme).Select(c => c.OwnerId).SingleAsync())).Should().Be(newOwner);
    }
}
