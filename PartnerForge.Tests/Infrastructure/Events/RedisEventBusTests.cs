using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerForge.Infrastructure;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Pipeline;
using PartnerForge.Tests.Support;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PartnerForge.Tests.Infrastructure.Events;

/// <summary>
/// Two nodes (the real Infrastructure services, each on its own SQLite file) sharing one real Redis through
/// <c>ConnectionStrings:Redis</c>: what one node publishes reaches the other's subscribers of the same tenant within a
/// second and in order, once on the publishing node, and a message of a type PartnerForge does not define is ignored.
/// </summary>
public sealed class RedisEventBusTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.NewGuid();
    private InfrastructureHost? _a;
    private InfrastructureHost? _b;

    private RedisEventBus BusA => (RedisEventBus)_a!.Services.GetRequiredService<IEventBus>();

    private RedisEventBus BusB => (RedisEventBus)_b!.Services.GetRequiredService<IEventBus>();

    public async Task InitializeAsync()
    {
        _a = await StartNodeAsync();
        _b = await StartNodeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }
    }

    [Fact]
    public async Task Events_published_on_one_node_reach_the_other_within_a_second_in_order_and_the_publisher_once()
    {
        var onA = new ConcurrentQueue<Guid>();
        var onB = new ConcurrentQueue<(Guid Deal, long Ticks)>();
        var otherTenantOnB = 0;
        using var subA = BusA.Subscribe<DealChanged>(_tenant, e =>
        {
            onA.Enqueue(e.DealId);
            return Task.CompletedTask;
        });
        using var subB = BusB.Subscribe<DealChanged>(_tenant, e =>
        {
            onB.Enqueue((e.DealId, Stopwatch.GetTimestamp()));
            return Task.CompletedTask;
        });
        using var other = BusB.Subscribe<DealChanged>(Guid.NewGuid(), _ =>
        {
            Interlocked.Increment(ref otherTenantOnB);
            return Task.CompletedTask;
        });

        // One round trip first: the first message on fresh connections pays for their set-up, which is not delivery time.
        var warmUp = Guid.NewGuid();
        await BusA.PublishAsync(new DealChanged(_tenant, warmUp, null, DealChangeKind.Moved));
        await Eventually.TrueAsync(() => Task.FromResult(onB.Any(r => r.Deal == warmUp)), TimeSpan.FromSeconds(5), "the warm-up event reaching node B");
        onB.Clear();
        onA.Clear();

        var sent = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        var sentAt = new Dictionary<Guid, long>();
        foreach (var deal in sent)
        {
            sentAt[deal] = Stopwatch.GetTimestamp();
            await BusA.PublishAsync(new DealChanged(_tenant, deal, null, DealChangeKind.Moved));
        }

        await Eventually.TrueAsync(() => Task.FromResult(onB.Count >= sent.Count), TimeSpan.FromSeconds(5), "every event reaching node B");
        onB.Select(r => r.Deal).Should().Equal(sent, "one node's events arrive at the other in the order they were published");
        var latencies = onB.Select(r => Stopwatch.GetElapsedTime(sentAt[r.Deal], r.Ticks)).Order().ToList();
        output.WriteLine($"publish on A to handler on B: median {latencies[latencies.Count / 2].TotalMilliseconds:F1} ms, max {latencies[^1].TotalMilliseconds:F1} ms");
        latencies[^1].Should().BeLessThan(TimeSpan.FromSeconds(1));
        await Task.Delay(300);
        onA.Should().Equal(sent, "the publishing node delivers each event once, not again from its own Redis message");
        onB.Should().HaveCount(sent.Count);
        otherTenantOnB.Should().Be(0, "another tenant's subscription hears nothing");
    }

    [Fact]
    public async Task A_message_of_a_type_PartnerForge_does_not_define_is_ignored()
    {
        var received = new ConcurrentQueue<Guid>();
        using var sub = BusB.Subscribe<DealChanged>(_tenant, e =>
        {
            received.Enqueue(e.DealId);
            return Task.CompletedTask;
        });
        var known = Guid.NewGuid();
        var json = EventEnvelope.Serialize(new DealChanged(_tenant, known, null, DealChangeKind.Moved));
        await using var outsider = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var publisher = outsider.GetSubscriber();
        // Same JSON, under a type name that is not PartnerForge's (and one that is not an event at all), then the real one.
        await publisher.PublishAsync(RedisEventBus.Channel, new EventEnvelope("outsider", "1", "Evil.Payload", 0, 1, json).ToPayload());
        await publisher.PublishAsync(RedisEventBus.Channel, new EventEnvelope("outsider", "2", typeof(string).FullName!, 0, 1, json).ToPayload());
        await publisher.PublishAsync(RedisEventBus.Channel, "not an envelope");
        await publisher.PublishAsync(RedisEventBus.Channel, new EventEnvelope("outsider", "3", typeof(DealChanged).FullName!, 0, 1, json).ToPayload());

        await Eventually.TrueAsync(() => Task.FromResult(!received.IsEmpty), TimeSpan.FromSeconds(5), "the known event arriving");
        await Task.Delay(300);
        received.Should().Equal([known], "only the type PartnerForge defines is read back");
    }

    [Fact]
    public void Redis_comes_before_PostgreSQL_notify_when_both_are_set()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true, ContentRootPath = TestEnvironment.NewDirectory("redis-di") });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PostgreSQL"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none",
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
        });
        builder.Services.AddPartnerForgeInfrastructure(builder.Configuration, builder.Environment);
        using var host = builder.Build();

        host.Services.GetRequiredService<IEventBus>().Should().BeOfType<RedisEventBus>();
        host.Services.GetService<PostgresEventBus>().Should().BeNull("PostgreSQL NOTIFY is not used beside Redis");
    }

    private async Task<InfrastructureHost> StartNodeAsync()
    {
        var node = await InfrastructureHost.StartAsync(seedDemo: false, settings: new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.ConnectionString });
        var bus = node.Services.GetRequiredService<IEventBus>().Should().BeOfType<RedisEventBus>().Subject;
        await Eventually.TrueAsync(() => Task.FromResult(bus.Listening), TimeSpan.FromSeconds(10), "the node subscribing to Redis");
        return node;
    }
}
