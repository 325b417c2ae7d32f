using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Scoring;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Scoring;
using PartnerForge.Tests.Infrastructure.Enrichment;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Scoring;

/// <summary>M13–M15 inside a real enrichment run over the sample sites.</summary>
public sealed class ScoringEnrichmentTests(SampleSitesFixture sites) : EnrichmentTestBase(sites), IClassFixture<SampleSitesFixture>
{
    [Fact]
    public async Task A_run_scores_tiers_and_briefs_the_account_with_m15_after_m13_and_m14()
    {
        var acme = await CompanyAsync(Northwind, "acme-outdoor.test");
        await using (var scope = Host.Scope(Northwind))
        {
            (await scope.ServiceProvider.GetRequiredService<IcpSettings>().SaveAsync(
                [new(IcpField.TechnologyPresent, ["Shopify", "Magento", "BigCommerce", "Salesforce Commerce Cloud"], 50), new(IcpField.TechnologyAbsent, ["Nonexistent Tech"], 50)],
                new TierPolicy(50, 75, 50, 25), 90)).Succeeded.Should().BeTrue();
        }

        var order = new ConcurrentQueue<(string Module, ModuleOutcome Outcome, DateTime AtUtc)>();
        using var sub = Host.Services.GetRequiredService<IEventBus>().Subscribe<ModuleStateChanged>(Northwind, e =>
        {
            order.Enqueue((e.Module, e.Outcome, e.AtUtc));
            return Task.CompletedTask;
        });
        await RunAsync(Northwind, acme);
        var panel = await PanelAsync(Northwind, acme);

        panel["M13"].Outcome.Should().Be(ModuleOutcome.Ok, panel["M13"].Reason);
        panel["M14"].Outcome.Should().Be(ModuleOutcome.Ok, panel["M14"].Reason);
        panel["M15"].Outcome.Should().Be(ModuleOutcome.Ok, panel["M15"].Reason);
        var fit = panel["M13"].Facts.ToDictionary(f => f.Path);
        fit["fit.factor[Does not use]"].Value.Should().StartWith("+50 does not use");
        panel["M15"].Facts.Select(f => f.Path).Should().Contain("brief.section[why_account]");

        // M15 starts only after M13 and M14 ended (same wave, later step): by the events' own times, since the bus
        // may hand events published from parallel modules to a subscriber in another order.
        await WaitUntilAsync(() => order.Count(o => o.Module == "M15" && o.Outcome.IsFinal()) == 1);
        var events = order.ToList();
        var m15Starts = events.Single(o => o.Module == "M15" && o.Outcome == ModuleOutcome.Running).AtUtc;
        events.Single(o => o.Module == "M13" && o.Outcome.IsFinal()).AtUtc.Should().BeOnOrBefore(m15Starts);
        events.Single(o => o.Module == "M14" && o.Outcome.IsFinal()).AtUtc.Should().BeOnOrBefore(m15Starts);

        var company = await Host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Id == acme));
        company.FitScore.Should().Be(int.Parse(fit["fit.score"].Value, System.Globalization.CultureInfo.InvariantCulture));
        company.SignalScore.Should().Be(int.Parse(panel["M14"].Facts.Single(f => f.Path == "signal.score").Value, System.Globalization.CultureInfo.InvariantCulture));
        company.Tier.Should().NotBeNull();
        (await Host.AsSystemAsync(db => db.TierChanges.IgnoreQueryFilters().CountAsync(t => t.CompanyId == acme))).Should().Be(1);

        // The brief shown on the page cites only facts the account has.
        await using var read = Host.Scope(Northwind);
        var brief = await read.ServiceProvider.GetRequiredService<ScoringQueries>().BriefAsync(acme);
        var stored = panel.Values.SelectMany(p => p.Facts.Select(f => (p.Module, f.Path, f.Value))).ToHashSet();
        brief!.Sources().Should().NotBeEmpty().And.OnlyContain(c => stored.Contains(new(c.Module, c.Path, c.Value)));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().Should().BeTrue();
    }
}
