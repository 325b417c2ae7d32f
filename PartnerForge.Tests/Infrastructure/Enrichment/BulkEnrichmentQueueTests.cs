using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Enrichment;

/// <summary>
/// The bulk-run queue the nodes share, on PostgreSQL: nodes claiming at the same moment never claim one run twice, a
/// live lease keeps a run with its node, a lease that ran out (a node killed) lets another node claim the run, and a
/// lease given back at shut-down is claimable at once. Each "node" is a queue of its own (its own owner name) over the
/// one database; the host's own worker takes no bulk runs (BulkParallelAccounts 0), so only these queues claim.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BulkEnrichmentQueueTests(PostgresServer postgres) : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private InfrastructureHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await InfrastructureHost.StartAsync(seedDemo: true, postgres: await postgres.CreateDatabaseAsync("pf_bulkqueue"),
            settings: new Dictionary<string, string?> { ["Enrichment:BulkParallelAccounts"] = "0" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Nodes_claiming_at_once_share_the_runs_without_claiming_one_twice()
    {
        var runs = await QueueBulkRunsAsync(120);
        var nodes = Enumerable.Range(0, 4).Select(_ => Node()).ToList();

        var claims = await Task.WhenAll(nodes.Select(async node =>
        {
            var mine = new List<Guid>();
            for (var turn = 0; turn < 20; turn++)
            {
                mine.AddRange((await node.ClaimAsync(5)).Select(c => c.RunId));
            }

            return mine;
        }));

        claims.SelectMany(c => c).Should().OnlyHaveUniqueItems("a run is claimed by one node only").And.BeEquivalentTo(runs);
        claims.Should().OnlyContain(c => c.Count > 0, "every node got a share");
    }

    [Fact]
    public async Task A_live_lease_keeps_the_run_and_one_that_ran_out_lets_another_node_resume_it()
    {
        var runs = await QueueBulkRunsAsync(1);
        var killed = Node();
        var survivor = Node();
        (await killed.ClaimAsync(1)).Should().ContainSingle();

        _time.Advance(TimeSpan.FromSeconds(29));
        (await survivor.ClaimAsync(1)).Should().BeEmpty("the lease (30 s) still holds");
        (await killed.RenewAsync(runs)).Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(29));
        (await survivor.ClaimAsync(1)).Should().BeEmpty("the renewal moved the lease on");

        _time.Advance(TimeSpan.FromSeconds(2)); // the killed node renews no more
        (await survivor.ClaimAsync(1)).Select(c => c.RunId).Should().Equal(runs);
        (await killed.RenewAsync(runs)).Should().Be(0, "the run is the survivor's now");
        (await OwnerAsync(runs[0])).Should().Be(survivor.Name);
    }

    [Fact]
    public async Task A_lease_given_back_at_shut_down_is_claimable_at_once_and_finished_runs_never_are()
    {
        var runs = await QueueBulkRunsAsync(2);
        var stopping = Node();
        var other = Node();
        (await stopping.ClaimAsync(2)).Should().HaveCount(2);
        await _host.AsSystemAsync(async db =>
            await db.EnrichmentRuns.IgnoreQueryFilters().Where(r => r.Id == runs[1]).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Completed)));

        await stopping.ReleaseAsync(runs);

        (await other.ClaimAsync(5)).Select(c => c.RunId).Should().Equal([runs[0]], "the completed run is not work any more");
    }

    private TestNode Node()
    {
        var scope = _host.Services.CreateScope(); // the context factory is scoped; the test's lifetime is enough
        return new TestNode(BulkEnrichmentQueue.NewNodeName(),
            new BulkEnrichmentQueue(scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>(), _time, _host.Services.GetRequiredService<IOptions<EnrichmentOptions>>()));
    }

    /// <summary>One node's view of the queue: its own name on the leases.</summary>
    private sealed record TestNode(string Name, BulkEnrichmentQueue Queue)
    {
        public Task<IReadOnlyList<ClaimedRun>> ClaimAsync(int count) => Queue.ClaimAsync(Name, count, CancellationToken.None);

        public Task<int> RenewAsync(IReadOnlyCollection<Guid> runIds) => Queue.RenewAsync(Name, runIds, CancellationToken.None);

        public Task ReleaseAsync(IReadOnlyCollection<Guid> runIds) => Queue.ReleaseAsync(Name, runIds, CancellationToken.None);
    }

    private async Task<List<Guid>> QueueBulkRunsAsync(int count)
    {
        var tenantId = await _host.AsSystemAsync(db => db.Tenants.Where(t => t.Slug == "northwind").Select(t => t.Id).SingleAsync());
        await using var scope = _host.Scope(tenantId);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        var now = _time.GetUtcNow().UtcDateTime;
        var companies = Enumerable.Range(0, count).Select(i => new Company($"Bulk {i}", DomainName.Parse($"bulk{i}-{Guid.NewGuid():N}.example.com"), now)).ToList();
        db.Companies.AddRange(companies);
        var batchId = Guid.NewGuid();
        var runs = companies.Select((c, i) => new EnrichmentRun(c.Id, batchId, null, now.AddMilliseconds(i), ModuleCatalog.All.Count)).ToList();
        db.EnrichmentRuns.AddRange(runs);
        await db.SaveChangesAsync();
        return runs.Select(r => r.Id).ToList();
    }

    private Task<string?> OwnerAsync(Guid runId) =>
        _host.AsSystemAsync(db => db.EnrichmentRuns.IgnoreQueryFilters().Where(r => r.Id == runId)
            .Select(r => EF.Property<string?>(r, BulkEnrichmentQueue.LeaseOwner)).SingleAsync());
}
