using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Tests.Domain.Scoring;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts;

namespace PartnerForge.Tests.Web.Components.Accounts;

/// <summary>The account's strategic brief over the real scoring queries and event bus (SQLite).</summary>
public sealed class BriefPanelTests : DatabaseComponentTest
{
    private Guid _acme;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _acme = await Host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == TenantId && c.Name == "Acme Outdoor Supply").Select(c => c.Id).SingleAsync());
    }

    [Fact]
    public void An_account_without_facts_says_how_the_brief_comes_about()
    {
        RenderPrerendered();
        var cut = Render<BriefPanel>(p => p.Add(c => c.CompanyId, _acme));

        cut.WaitForAssertion(() => cut.Find(".pf-empty-title").TextContent.Should().Be("No brief yet"));
        cut.FindAll("[data-testid=brief]").Should().BeEmpty();
    }

    [Fact]
    public async Task The_brief_appears_live_as_modules_finish_every_sentence_cited_in_words()
    {
        RenderInteractively();
        var cut = Render<BriefPanel>(p => p.Add(c => c.CompanyId, _acme));
        cut.WaitForAssertion(() => cut.Find(".pf-empty-title").TextContent.Should().Be("No brief yet"));

        foreach (var (module, facts) in BriefBuilderTests.FullFacts().Where(m => m.Key is not ("M13" or "M14")))
        {
            await StoreAsync(module, facts);
        }

        var bus = Scoped.GetRequiredService<IEventBus>();
        await bus.PublishAsync(new ModuleStateChanged(TenantId, _acme, Guid.NewGuid(), null, ModuleCatalog.Triggers, ModuleOutcome.Running, null, DateTime.UtcNow));
        await Task.Delay(800);
        cut.FindAll("[data-testid=brief]").Should().BeEmpty("a module that only started changes no fact");

        await bus.PublishAsync(new ModuleStateChanged(TenantId, _acme, Guid.NewGuid(), null, ModuleCatalog.Triggers, ModuleOutcome.Ok, null, DateTime.UtcNow));

        cut.WaitForAssertion(() => cut.Find("[data-testid=brief-why_now]").TextContent.Should().Contain("Acme raises $40M Series C"), TimeSpan.FromSeconds(10));
        cut.Find("[data-testid=brief-whom]").TextContent.Should().Contain("Dana Reyes, Chief Digital Officer");
        var citations = cut.FindAll("[data-testid=brief] li sup a");
        citations.Should().HaveCountGreaterThan(10);
        citations.Select(c => c.GetAttribute("title")!).Should().OnlyContain(t => !t.Contains('[') && !t.Contains("trigger.") && t.Contains(": "));
        citations.Select(c => c.GetAttribute("title")!).Should().Contain(t => t.StartsWith("News and strategic triggers: Trigger Funding", StringComparison.Ordinal));
    }

    private async Task StoreAsync(string module, IReadOnlyList<Fact> facts)
    {
        var runId = Guid.NewGuid();
        await using var scope = Host.Scope(TenantId);
        var recorded = await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(_acme, module, runId, CanonicalJson.FromFacts(facts), facts.Count);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForge.Infrastructure.Persistence.PartnerForgeDbContext>>().CreateDbContextAsync();
        var status = new EnrichmentStatus(_acme, module);
        status.Record(runId, ModuleOutcome.Ok, null, DateTime.UtcNow, recorded.SnapshotId);
        db.EnrichmentStatuses.Add(status);
        await db.SaveChangesAsync();
    }
}
