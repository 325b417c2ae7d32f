using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Enrichment;

namespace PartnerForge.Tests.Web.Components.Enrichment;

/// <summary>The enrichment runs page over SQLite: live progress of a bulk run and a failed run's reason in words.</summary>
public sealed class RunsPageTests : DatabaseComponentTest
{
    private const string Reason = "The server's storage is full, so the run could not save its results.";

    [Fact]
    public async Task A_failed_run_says_why_and_a_bulk_run_shows_its_progress_live()
    {
        var companies = await QueryAsync(db => db.Companies.OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).Take(2).ToListAsync());
        var batch = Guid.NewGuid();
        var (failedId, runningId) = await WriteAsync(db =>
        {
            var failed = new EnrichmentRun(companies[0].Id, batch, null, DateTime.UtcNow.AddMinutes(-2), ModuleCatalog.All.Count);
            failed.Start(DateTime.UtcNow.AddMinutes(-2));
            failed.Fail(DateTime.UtcNow.AddMinutes(-1), Reason);
            var running = new EnrichmentRun(companies[1].Id, batch, null, DateTime.UtcNow.AddMinutes(-2), ModuleCatalog.All.Count);
            running.Start(DateTime.UtcNow.AddMinutes(-2));
            db.EnrichmentRuns.AddRange(failed, running);
            return (failed.Id, running.Id);
        });
        RenderInteractively();

        var cut = Render<Runs>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=run-failure]").TextContent.Should().Be(Reason));
        var failedRow = cut.FindAll("[data-testid=run-row]").Single(r => r.TextContent.Contains(companies[0].Name, StringComparison.Ordinal));
        failedRow.QuerySelector("[data-testid=run-state]")!.TextContent.Trim().Should().Be("Failed");
        cut.FindAll("[data-testid=run-state]").Select(s => s.TextContent.Trim()).Should().Contain("Running");
        cut.Find("[data-testid=batch-done]").TextContent.Should().Be("1 / 2");
        cut.Find("[data-testid=batch-bar]").GetAttribute("aria-valuenow").Should().Be("50");

        // The second run finishes: the page follows through LiveUpdates, without a reload.
        await WriteAsync(db =>
        {
            var run = db.EnrichmentRuns.Single(r => r.Id == runningId);
            run.Finish(DateTime.UtcNow, ModuleCatalog.All.Count, 0);
            return 0;
        });
        await Scoped.GetRequiredService<IEventBus>().PublishAsync(
            new RunStateChanged(TenantId, companies[1].Id, runningId, batch, RunState.Completed, ModuleCatalog.All.Count, 0, DateTime.UtcNow));

        cut.WaitForAssertion(() => cut.Find("[data-testid=batch-done]").TextContent.Should().Be("2 / 2"), TimeSpan.FromSeconds(10));
        cut.Find("[data-testid=batch-bar]").GetAttribute("aria-valuenow").Should().Be("100");
        cut.FindAll("[data-testid=run-state]").Select(s => s.TextContent.Trim()).Should().BeEquivalentTo(["Failed", "Done"]);
        failedId.Should().NotBeEmpty();
    }

    [Fact]
    public void A_failed_run_without_a_recorded_reason_still_reads_as_words()
    {
        var run = new RunSummary(Guid.NewGuid(), Guid.NewGuid(), "Acme", null, RunState.Failed, DateTime.UtcNow, null, DateTime.UtcNow, 0, 0, 16, 1);

        var cut = Render<RunTable>(p => p.Add(t => t.Runs, [run]));

        cut.Find("[data-testid=run-failure]").TextContent.Should().Contain("without a recorded reason");
        cut.Find("[data-testid=run-state]").TextContent.Trim().Should().Be("Failed");
    }

    private async Task<T> WriteAsync<T>(Func<PartnerForge.Infrastructure.Persistence.PartnerForgeDbContext, T> change)
    {
        await using var db = await Scoped.GetRequiredService<IDbContextFactory<PartnerForge.Infrastructure.Persistence.PartnerForgeDbContext>>().CreateDbContextAsync();
        var result = change(db);
        await db.SaveChangesAsync();
        return result;
    }
}
