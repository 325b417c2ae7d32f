using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Pipeline;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Events;

/// <summary>
/// Two nodes' event buses on one real PostgreSQL database (LISTEN/NOTIFY): what one node publishes reaches the other's
/// subscribers of the same tenant, in order, whole even past the 8,000-byte notification limit, once on the
/// publishing node, and again after the listening connection is cut.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEventBusTests(PostgresServer postgres) : IAsyncLifetime
{
    private readonly Guid _tenant = Guid.NewGuid();
    private string _database = string.Empty;
    private (PostgresEventBus Bus, InProcessEventBus Local) _a;
    private (PostgresEventBus Bus, InProcessEventBus Local) _b;

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateDatabaseAsync("pf_events");
        _a = await StartNodeAsync();
        _b = await StartNodeAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.Bus.StopAsync(CancellationToken.None);
        await _b.Bus.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_hundred_events_published_on_one_node_reach_the_other_in_order_and_the_publisher_once()
    {
        var onA = new ConcurrentQueue<Guid>();
        var onB = new ConcurrentQueue<Guid>();
        var otherTenantOnA = 0;
        using var subA = _a.Bus.Subscribe<DealChanged>(_tenant, e => Enqueue(onA, e.DealId));
        using var subB = _b.Bus.Subscribe<DealChanged>(_tenant, e => Enqueue(onB, e.DealId));
        using var other = _a.Bus.Subscribe<DealChanged>(Guid.NewGuid(), _ =>
        {
            Interlocked.Increment(ref otherTenantOnA);
            return Task.CompletedTask;
        });

        var sent = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToList();
        foreach (var deal in sent)
        {
            await _b.Bus.PublishAsync(new DealChanged(_tenant, deal, null, DealChangeKind.Moved));
        }

        await Eventually.TrueAsync(() => Task.FromResult(onA.Count == 100), TimeSpan.FromSeconds(10));
        onA.Should().Equal(sent, "one node's events arrive at the other in the order they were published");
        await Task.Delay(300);
        onB.Should().HaveCount(100).And.OnlyHaveUniqueItems("the publishing node delivers each event once, not again from its own notification");
        otherTenantOnA.Should().Be(0, "another tenant's subscription hears nothing");
    }

    [Fact]
    public async Task An_event_larger_than_a_notification_arrives_whole()
    {
        var received = new TaskCompletionSource<ChangesRecorded>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sub = _a.Bus.Subscribe<ChangesRecorded>(_tenant, e =>
        {
            received.TrySetResult(e);
            return Task.CompletedTask;
        });
        var big = string.Concat(Enumerable.Range(0, 3_000).Select(i => $"Zürich-{i}-\"quoted\"-😀 "));
        await _b.Bus.PublishAsync(new ChangesRecorded(_tenant, Guid.NewGuid(), big, 42));

        var arrived = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        System.Text.Encoding.UTF8.GetByteCount(big).Should().BeGreaterThan(8_000 * 5);
        arrived.Module.Should().Be(big);
        arrived.Count.Should().Be(42);
    }

    [Fact]
    public async Task After_its_listening_connection_is_cut_a_node_listens_again_and_receives()
    {
        await using (var admin = new NpgsqlConnection(_database))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name AND datname = current_database()", admin);
            kill.Parameters.AddWithValue("name", PostgresEventBus.ListenerName);
            ((long)(await kill.ExecuteScalarAsync())!).Should().Be(2, "both nodes were listening");
        }

        var received = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sub = _a.Bus.Subscribe<DealChanged>(_tenant, e =>
        {
            received.TrySetResult(e.DealId);
            return Task.CompletedTask;
        });
        var deal = Guid.NewGuid();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!received.Task.IsCompleted && DateTime.UtcNow < deadline)
        {
            await _b.Bus.PublishAsync(new DealChanged(_tenant, deal, null, DealChangeKind.Moved));
            await Task.WhenAny(received.Task, Task.Delay(500));
        }

        (await received.Task.WaitAsync(TimeSpan.FromSeconds(1))).Should().Be(deal, "the node reconnected and listens again");
    }

    [Fact]
    public void Parts_never_exceed_the_limit_nor_split_a_character()
    {
        var text = string.Concat(Enumerable.Repeat("a😀ü", 10_000));
        var parts = PostgresEventBus.Split(text);
        parts.Should().OnlyContain(p => System.Text.Encoding.UTF8.GetByteCount(p) <= PostgresEventBus.PartBytes);
        string.Concat(parts).Should().Be(text);
        parts.Should().OnlyContain(p => !char.IsHighSurrogate(p[p.Length - 1]));
    }

    private async Task<(PostgresEventBus, InProcessEventBus)> StartNodeAsync()
    {
        var local = new InProcessEventBus(NullLogger<InProcessEventBus>.Instance);
        var bus = new PostgresEventBus(_database, local, NullLogger<PostgresEventBus>.Instance);
        await bus.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(bus.Listening), TimeSpan.FromSeconds(10));
        return (bus, local);
    }

    private static Task Enqueue(ConcurrentQueue<Guid> queue, Guid id)
    {
        queue.Enqueue(id);
        return Task.CompletedTask;
    }
}
