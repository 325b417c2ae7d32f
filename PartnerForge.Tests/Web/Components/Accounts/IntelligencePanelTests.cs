using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Tests.Domain.Changes;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts;

namespace PartnerForge.Tests.Web.Components.Accounts;

/// <summary>The account's Intelligence tab with the real enrichment service over SQLite and the real event bus.</summary>
public sealed class IntelligencePanelTests : DatabaseComponentTest
{
    private Guid _acme;
    private Guid _other;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var companies = await Host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == TenantId).OrderBy(c => c.Name).ToListAsync());
        _acme = companies.Single(c => c.Name == "Acme Outdoor Supply").Id;
        _other = companies.First(c => c.Id != _acme).Id;
    }

    [Fact]
    public void An_account_never_enriched_shows_every_module_pending_and_what_enriching_does()
    {
        RenderPrerendered();
        var cut = Render<IntelligencePanel>(p => p.Add(c => c.CompanyId, _acme));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid^=module-state-]").Should().HaveCount(ModuleCatalog.All.Count));
        cut.FindAll("[data-testid^=module-state-]").Should().OnlyContain(e => e.TextContent == "pending");
        cut.Find("[data-testid=intel-summary]").TextContent.Should().Be("Not enriched yet");
        cut.Find(".pf-empty-title").TextContent.Should().Be("No intelligence yet");
        cut.FindAll("[data-testid=source-badge]").Should().BeEmpty();
    }

    [Fact]
    public async Task A_modules_last_good_snapshot_shows_its_facts_each_with_its_source()
    {
        var runId = Guid.NewGuid();
        await using (var scope = Host.Scope(TenantId))
        {
            var recorded = await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(_acme, "M07", runId,
                ChangeDetectionTests.Snapshot(("trigger.funding[2026-11-20]", "Raises $30M Series B"), ("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse")), 2);
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForge.Infrastructure.Persistence.PartnerForgeDbContext>>().CreateDbContextAsync();
            var status = new EnrichmentStatus(_acme, "M07");
            status.Record(runId, ModuleOutcome.Ok, null, DateTime.UtcNow, recorded.SnapshotId);
            db.EnrichmentStatuses.Add(status);
            await db.SaveChangesAsync();
        }

        RenderPrerendered();
        var cut = Render<IntelligencePanel>(p => p.Add(c => c.CompanyId, _acme));

        cut.WaitForAssertion(() => cut.Find("[data-testid=module-state-M07]").TextContent.Should().Be("ok"));
        cut.Find("[data-testid=intel-summary]").TextContent.Should().Be($"1 of {ModuleCatalog.All.Count} modules with data");
        cut.FindAll(".pf-empty-title").Should().BeEmpty();
        var facts = cut.FindAll("[data-testid=module-M07] .pf-fact");
        facts.Should().HaveCount(2);
        facts.Select(f => f.QuerySelector(".pf-fact-value")!.TextContent).Should().BeEquivalentTo(["Raises $30M Series B", "Opens a Leeds warehouse"]);
        facts.Should().OnlyContain(f => f.QuerySelector("[data-testid=source-badge]")!.GetAttribute("href") == "https://example.com/");
        cut.FindAll("[data-testid=module-M01] .pf-fact").Should().BeEmpty();
    }

    [Fact]
    public async Task A_module_starting_on_this_account_shows_running_live_and_other_accounts_events_change_nothing()
    {
        RenderInteractively();
        var bus = Scoped.GetRequiredService<IEventBus>();
        var subscriptionsBefore = ((InProcessEventBus)bus).Count;
        var cut = Render<IntelligencePanel>(p => p.Add(c => c.CompanyId, _acme));
        cut.WaitForAssertion(() => cut.Find("[data-testid=module-state-M01]").TextContent.Should().Be("pending"));
        ((InProcessEventBus)bus).Count.Should().Be(subscriptionsBefore + 1);

        await bus.PublishAsync(new ModuleStateChanged(TenantId, _other, Guid.NewGuid(), null, "M02", ModuleOutcome.Running, null, DateTime.UtcNow));
        await bus.PublishAsync(new ModuleStateChanged(TenantId, _acme, Guid.NewGuid(), null, "M01", ModuleOutcome.Running, null, DateTime.UtcNow));

        cut.WaitForAssertion(() => cut.Find("[data-testid=module-state-M01]").TextContent.Should().Be("running"), TimeSpan.FromSeconds(10));
        cut.Find("[data-testid=module-state-M02]").TextContent.Should().Be("pending");

        await DisposeComponentsAsync();
        ((InProcessEventBus)bus).Count.Should().Be(subscriptionsBefore, "the panel unsubscribes when it goes away");
    }
}
