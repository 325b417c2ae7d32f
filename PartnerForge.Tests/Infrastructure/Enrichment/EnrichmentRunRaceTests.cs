using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerForge.Domain.Common;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;
using Quartz;

namespace PartnerForge.Tests.Infrastructure.Enrichment;

/// <summary>
/// One active enrichment run per account, however many requests race for it, and no run left "running" when its
/// job throws.
/// </summary>
public sealed class EnrichmentRunRaceTests(SampleSitesFixture sites) : EnrichmentTestBase(sites), IClassFixture<SampleSitesFixture>
{
    [Fact]
    public async Task Parallel_enrich_now_requests_for_one_account_share_one_run_and_it_finishes()
    {
        var acme = await CompanyAsync(Northwind, "acme-outdoor.test");
        var scheduler = await Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Standby(); // the run stays queued while the requests race, as a busy scheduler would keep it
        EnrichRequest[] requests;
        try
        {
            requests = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                await using var scope = Host.Scope(Northwind);
                return await scope.ServiceProvider.GetRequiredService<EnrichmentService>().EnrichNowAsync(acme);
            }));
        }
        finally
        {
            await scheduler.Start();
        }

        requests.Select(r => r.RunId).Distinct().Should().ContainSingle("every request joined the one active run");
        requests.Count(r => !r.Joined).Should().Be(1);
        await Eventually.TrueAsync(async () => await RunsAsync(acme) is [{ State: RunState.Completed }], TimeSpan.FromSeconds(90), "the run's completion");
        (await Host.AsSystemAsync(db => db.EnrichmentStatuses.IgnoreQueryFilters().CountAsync(s => s.CompanyId == acme)))
            .Should().Be(ModuleCatalog.All.Count, "one status row per module");
    }

    [Fact]
    public async Task The_database_refuses_a_second_active_run_of_an_account_but_not_a_finished_one()
    {
        var acme = await CompanyAsync(Northwind, "acme-outdoor.test");
        await using var scope = Host.Scope(Northwind);
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var finished = new EnrichmentRun(acme, null, null, DateTime.UtcNow, 15);
            finished.Fail(DateTime.UtcNow, "test");
            db.EnrichmentRuns.AddRange(finished, new EnrichmentRun(acme, null, null, DateTime.UtcNow, 15));
            await db.SaveChangesAsync();
        }

        await using var second = await contexts.CreateDbContextAsync();
        second.EnrichmentRuns.Add(new EnrichmentRun(acme, null, null, DateTime.UtcNow, 15));
        var write = () => second.SaveChangesAsync();

        (await write.Should().ThrowAsync<DbUpdateException>()).Which.Should().Match<DbUpdateException>(e => DatabaseErrors.IsUniqueViolation(e));
    }

    [Fact]
    public async Task A_bulk_request_leaves_out_accounts_that_already_have_an_active_run()
    {
        var acme = await CompanyAsync(Northwind, "acme-outdoor.test");
        var brightline = await CompanyAsync(Northwind, "brightline-logistics.test");
        var scheduler = await Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Standby();
        try
        {
            await using var scope = Host.Scope(Northwind);
            var service = scope.ServiceProvider.GetRequiredService<EnrichmentService>();
            var single = await service.EnrichNowAsync(acme);
            var batch = await service.EnrichCompaniesAsync([acme, brightline]);

            batch.Should().NotBeNull();
            (await RunsAsync(acme)).Should().ContainSingle().Which.Id.Should().Be(single.RunId);
            (await RunsAsync(brightline)).Should().ContainSingle().Which.BatchId.Should().Be(batch);
            (await service.EnrichCompaniesAsync([acme])).Should().BeNull("the only account asked for is busy already");
        }
        finally
        {
            await scheduler.Start();
        }

        await Eventually.TrueAsync(async () => (await RunsAsync(acme)).Concat(await RunsAsync(brightline)).All(r => r.State == RunState.Completed), TimeSpan.FromSeconds(90));
    }

    private Task<List<EnrichmentRun>> RunsAsync(Guid companyId) =>
        Host.AsSystemAsync(db => db.EnrichmentRuns.IgnoreQueryFilters().AsNoTracking().Where(r => r.CompanyId == companyId).ToListAsync());
}

/// <summary>A run whose work throws outside any module (here: the event bus fails) ends as failed, with its reason.</summary>
public sealed class EnrichmentRunFailureTests(SampleSitesFixture sites) : IClassFixture<SampleSitesFixture>
{
    [Fact]
    public async Task A_run_whose_job_throws_ends_failed_with_a_reason_and_frees_the_account()
    {
        await using var host = await InfrastructureHost.StartAsync(settings: sites.Settings(), services: s =>
            s.AddSingleton<IEventBus>(sp => new FailingOnRunStart(ActivatorUtilities.CreateInstance<InProcessEventBus>(sp))));
        var northwind = await host.AsSystemAsync(db => db.Tenants.Where(t => t.Slug == "northwind").Select(t => t.Id).SingleAsync());
        var acme = await host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == northwind).Select(c => c.Id).FirstAsync());

        await using var scope = host.Scope(northwind);
        var service = scope.ServiceProvider.GetRequiredService<EnrichmentService>();
        var request = await service.EnrichNowAsync(acme);

        await Eventually.TrueAsync(async () => await RunAsync(host, request.RunId) is { State: RunState.Failed }, TimeSpan.FromSeconds(60), "the failed state");
        var run = await RunAsync(host, request.RunId);
        run!.FailureReason.Should().Be("Stopped by an unexpected error (InvalidOperationException); the server log has the details.");
        run.FinishedAtUtc.Should().NotBeNull();
        var next = await service.EnrichNowAsync(acme);
        next.Joined.Should().BeFalse("a failed run no longer holds the account's active slot");
    }

    private static Task<EnrichmentRun?> RunAsync(InfrastructureHost host, Guid runId) =>
        host.AsSystemAsync(db => db.EnrichmentRuns.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId));

    /// <summary>The real bus, except that announcing a run as started throws, as a broken dependency would.</summary>
    private sealed class FailingOnRunStart(IEventBus inner) : IEventBus
    {
        public Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken = default) where TEvent : ITenantEvent =>
            @event is RunStateChanged { State: RunState.Running }
                ? throw new InvalidOperationException("The event transport is down.")
                : inner.PublishAsync(@event, cancellationToken);

        public IDisposable Subscribe<TEvent>(Guid tenantId, Func<TEvent, Task> handler) where TEvent : ITenantEvent => inner.Subscribe(tenantId, handler);
    }
}
