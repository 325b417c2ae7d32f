using Microsoft.EntityFrameworkCore;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Persistence;

/// <summary>
/// Nodes started together on one new PostgreSQL database: start-up's migrate-and-seed runs once, under the
/// database's advisory lock, and every node starts.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StartupLockTests(PostgresServer postgres)
{
    [Fact]
    public async Task Three_nodes_starting_at_once_on_a_new_database_all_start_and_seed_the_demo_once()
    {
        var database = await postgres.CreateDatabaseAsync("pf_startlock");
        var starts = Enumerable.Range(0, 3).Select(_ => Task.Run(() => InfrastructureHost.StartAsync(postgres: database))).ToList();
        var hosts = await Task.WhenAll(starts);
        try
        {
            var (tenants, users, companies) = await hosts[0].AsSystemAsync(async db => (
                await db.Tenants.IgnoreQueryFilters().CountAsync(),
                await db.Users.IgnoreQueryFilters().CountAsync(),
                await db.Companies.IgnoreQueryFilters().CountAsync()));

            await using var single = await InfrastructureHost.StartAsync(postgres: await postgres.CreateDatabaseAsync("pf_startone"));
            var once = await single.AsSystemAsync(async db => (
                await db.Tenants.IgnoreQueryFilters().CountAsync(),
                await db.Users.IgnoreQueryFilters().CountAsync(),
                await db.Companies.IgnoreQueryFilters().CountAsync()));
            tenants.Should().BeGreaterThan(0);
            (tenants, users, companies).Should().Be(once, "three nodes seed what one node seeds, not three times that");
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_node_waits_while_another_holds_the_lock_and_goes_on_when_it_is_released()
    {
        var database = await postgres.CreateDatabaseAsync("pf_lockwait");
        var options = new PartnerForge.Infrastructure.Persistence.DatabaseOptions { PostgreSqlConnectionString = database };
        var first = await PartnerForge.Infrastructure.Persistence.StartupLock.AcquireAsync(options, CancellationToken.None);
        var second = PartnerForge.Infrastructure.Persistence.StartupLock.AcquireAsync(options, CancellationToken.None);
        await Task.Delay(500);
        second.IsCompleted.Should().BeFalse("the first node still holds the lock");
        await first.DisposeAsync();
        await using var held = await second.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
