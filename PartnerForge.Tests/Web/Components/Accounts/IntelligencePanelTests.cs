using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Tests.Domain.Changes;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts;
using PartnerForge.Web.Components.Pages.Accounts.Intelligence;

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
        cut.FindAll("[data-testid^=module-state-]").Should().OnlyContain(e => e.TextContent.Trim() == "pending");
        cut.FindAll(".pf-intel-card h3").Select(h => h.TextContent).Should().Contain(["Technologies on their website", "Buying committee", "News and strategic triggers"]);
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

        cut.WaitForAssertion(() => cut.Find("[data-testid=module-state-M07]").TextContent.Trim().Should().Be("ok"));
        cut.Find("[data-testid=intel-summary]").TextContent.Should().Be($"1 of {ModuleCatalog.All.Count} modules with data");
        cut.FindAll(".pf-empty-title").Should().BeEmpty();
        var facts = cut.FindAll("[data-testid=module-M07] [data-testid=fact]");
        facts.Should().HaveCount(2);
        facts.Select(f => f.QuerySelector(".pf-fact-title")!.TextContent.Trim()).Should().BeEquivalentTo(["Raises $30M Series B", "Opens a Leeds warehouse"]);
        facts.Select(f => f.QuerySelector(".pf-fact-line")!.TextContent).Should().Contain(t => t.Contains("Funding") && t.Contains("2026-11-20"));
        facts.Should().OnlyContain(f => f.QuerySelector("[data-testid=source-badge]")!.GetAttribute("href") == "https://example.com/");
        cut.Find("[data-testid=module-M07]").TextContent.Should().NotContainAny("trigger.", "[", "]");
        cut.FindAll("[data-testid=module-M01] [data-testid=fact]").Should().BeEmpty();
    }

    [Fact]
    public async Task A_module_starting_on_this_account_shows_running_live_and_other_accounts_events_change_nothing()
    {
        RenderInteractively();
        var bus = Scoped.GetRequiredService<IEventBus>();
        var subscriptionsBefore = ((InProcessEventBus)bus).Count;
        var cut = Render<IntelligencePanel>(p => p.Add(c => c.CompanyId, _acme));
        cut.WaitForAssertion(() => cut.Find("[data-testid=module-state-M01]").TextContent.Trim().Should().Be("pending"));
        ((InProcessEventBus)bus).Count.Should().Be(subscriptionsBefore + 1);

        await bus.PublishAsync(new ModuleStateChanged(TenantId, _other, Guid.NewGuid(), null, "M02", ModuleOutcome.Running, null, DateTime.UtcNow));
        await bus.PublishAsync(new ModuleStateChanged(TenantId, _acme, Guid.NewGuid(), null, "M01", ModuleOutcome.Running, null, DateTime.UtcNow));

        cut.WaitForAssertion(() => cut.Find("[data-testid=module-state-M01]").TextContent.Trim().Should().Be("running"), TimeSpan.FromSeconds(10));
        cut.Find("[data-testid=module-state-M02]").TextContent.Trim().Should().Be("pending");

        await DisposeComponentsAsync();
        ((InProcessEventBus)bus).Count.Should().Be(subscriptionsBefore, "the panel unsubscribes when it goes away");
    }

    [Fact]
    public async Task Technologies_read_by_category_with_their_version_and_evidence_is_a_short_plain_text_quote()
    {
        var at = new DateTime(2026, 11, 3, 9, 30, 0, DateTimeKind.Utc);
        var script = new SourceRef("https://acme-outdoor.test/", at, "script-src", "<script src=\"https://cdn.algolia.net/algoliasearch/4.20.0/algoliasearch.min.js\"></script>");
        var meta = new SourceRef("https://acme-outdoor.test/", at, "html-meta", "<meta name=\"generator\" content=\"Shopify &amp; friends\">");
        var longHtml = new SourceRef("https://acme-outdoor.test/about", at, "html", "<div onclick=\"alert(1)\"><b>React</b> " + new string('x', 280) + "</div>");
        var dns = new SourceRef("dns:acme-outdoor.test", at, "dns", "MX aspmx.l.google.com");
        await StoreAsync("M02",
            new Fact("tech[Algolia]", "Search; confidence 90; version 4.20.0", script),
            new Fact("tech[Shopify]", "Ecommerce; confidence 100", meta),
            new Fact("tech[React]", "JavaScript frameworks; confidence 80; version 18.2", longHtml),
            new Fact("tech[Google Workspace]", "Email; confidence 70", dns));

        RenderPrerendered();
        var cut = Render<IntelligencePanel>(p => p.Add(c => c.CompanyId, _acme));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=module-M02] [data-testid=fact]").Should().HaveCount(4));
        var card = cut.Find("[data-testid=module-M02]");
        card.QuerySelectorAll("h4").Select(h => h.TextContent).Should().Equal("Ecommerce", "Email", "JavaScript frameworks", "Search");
        var algolia = card.QuerySelectorAll("[data-testid=fact]").Single(f => f.QuerySelector(".pf-fact-title")!.TextContent == "Algolia");
        algolia.TextContent.Should().Contain("version 4.20.0").And.Contain("90% sure");
        algolia.QuerySelector("[data-testid=evidence-quote]")!.TextContent.Should().Be("https://cdn.algolia.net/algoliasearch/4.20.0/algoliasearch.min.js");
        algolia.QuerySelector("[data-testid=source-badge]")!.TextContent.Should().Contain("acme-outdoor.test").And.Contain("script on the page");

        var quotes = card.QuerySelectorAll("[data-testid=evidence-quote]").Select(q => q.TextContent).ToList();
        quotes.Should().Contain("Shopify & friends");
        quotes.Should().OnlyContain(q => !q.Contains('<') && !q.Contains('>') && q.Length <= FactEvidence.MaxQuote);
        quotes.Should().Contain(q => q.StartsWith("React xxx", StringComparison.Ordinal) && q.EndsWith('…'));
        card.InnerHtml.Should().NotContain("<script").And.NotContain("alert(1)");
        var google = card.QuerySelectorAll("[data-testid=fact]").Single(f => f.QuerySelector(".pf-fact-title")!.TextContent == "Google Workspace");
        google.QuerySelector("[data-testid=source-badge]")!.TagName.Should().Be("SPAN", "a dns: source links nowhere");
        card.TextContent.Should().NotContainAny("tech[", "confidence 90");
    }

    [Fact]
    public async Task The_buying_committee_reads_as_people_with_their_role_in_words_and_long_cards_start_collapsed()
    {
        var source = new SourceRef("https://acme-outdoor.test/leadership", DateTime.UtcNow, "title-rule", "Chief Technology Officer");
        var people = new[] { ("Ada Lovelace", "technical_buyer", "CTO"), ("Dana Reyes", "economic_buyer", "CFO"), ("Sam Hill", "champion", "Head of Ecommerce"),
            ("Lee Park", "user", "Merchandiser"), ("Kim Ode", "user", "Analyst"), ("Jo Marsh", "user", "Buyer") };
        await StoreAsync("M10", people.SelectMany(p => new[] { new Fact($"committee[{p.Item1}].role", p.Item2, source), new Fact($"committee[{p.Item1}].title", p.Item3, source) }).ToArray());

        RenderPrerendered();
        var cut = Render<IntelligencePanel>(p => p.Add(c => c.CompanyId, _acme));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=module-M10] [data-testid=fact]").Should().HaveCount(5, "six people, five shown until expanded"));
        var rows = cut.FindAll("[data-testid=module-M10] [data-testid=fact]");
        rows[0].QuerySelector(".pf-fact-title")!.TextContent.Should().Be("Dana Reyes", "economic buyers first");
        rows[0].TextContent.Should().Contain("Economic buyer").And.Contain("CFO");
        rows[1].TextContent.Should().Contain("Ada Lovelace").And.Contain("Technical buyer");
        cut.Find("[data-testid=module-M10]").TextContent.Should().NotContainAny("technical_buyer", "committee[", ".role");

        cut.Find("[data-testid=module-toggle-M10]").Click();

        cut.FindAll("[data-testid=module-M10] [data-testid=fact]").Should().HaveCount(6);
        cut.Find("[data-testid=module-toggle-M10]").GetAttribute("aria-expanded").Should().Be("true");
    }

    private async Task StoreAsync(string module, params Fact[] facts)
    {
        var runId = Guid.NewGuid();
        await using var scope = Host.Scope(TenantId);
        var recorded = await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(_acme, module, runId, CanonicalJson.FromFacts(facts), facts.Length);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForge.Infrastructure.Persistence.PartnerForgeDbContext>>().CreateDbContextAsync();
        var status = new EnrichmentStatus(_acme, module);
        status.Record(runId, ModuleOutcome.Ok, null, DateTime.UtcNow, recorded.SnapshotId);
        db.EnrichmentStatuses.Add(status);
        await db.SaveChangesAsync();
    }
}
