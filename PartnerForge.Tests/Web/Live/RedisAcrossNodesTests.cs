using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Live;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PartnerForge.Tests.Web.Live;

/// <summary>
/// Two app nodes (each its own Kestrel on a loopback port) on one new PostgreSQL database with the demo, both with
/// <c>ConnectionStrings:Redis</c> pointing at one real <c>redis-server</c>. Hub clients connect over real HTTP and
/// WebSockets with the cookies of a sign-in on their node: Northwind's rep on node A, Northwind's manager on node B,
/// Globex's rep on node A. What happens on node B reaches the Northwind client on node A, once and within a second,
/// and never the Globex client: hub group messages through SignalR's Redis backplane, events through the Redis bus
/// (the only bus registered: PostgreSQL <c>NOTIFY</c> is not used beside Redis).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RedisAcrossNodesTests(PostgresServer postgres, RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(1);
    private PartnerForgeApp _nodeA = null!;
    private PartnerForgeApp _nodeB = null!;
    private string _urlA = string.Empty;
    private string _urlB = string.Empty;
    private ConnectionMultiplexer _redisClient = null!;

    public async Task InitializeAsync()
    {
        var database = await postgres.CreateDatabaseAsync("pf_redis_nodes");
        _nodeA = Node(database);
        _nodeB = Node(database);
        var urls = await Task.WhenAll(Task.Run(_nodeA.StartKestrel), Task.Run(_nodeB.StartKestrel));
        (_urlA, _urlB) = (urls[0], urls[1]);
        foreach (var node in new[] { _nodeA, _nodeB })
        {
            // Events can only cross through Redis: its bus is the one registered, and the NOTIFY bus is not.
            var bus = node.Services.GetRequiredService<IEventBus>().Should().BeOfType<RedisEventBus>().Subject;
            node.Services.GetService<PostgresEventBus>().Should().BeNull("PostgreSQL NOTIFY is not used beside Redis");
            node.Services.GetRequiredService<HubLifetimeManager<EventsHub>>().Should().BeOfType<RedisHubLifetimeManager<EventsHub>>();
            await Eventually.TrueAsync(() => Task.FromResult(bus.Listening), TimeSpan.FromSeconds(10), "the node subscribing to Redis");
        }

        _redisClient = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _redisClient.DisposeAsync();
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
    }

    [Fact]
    public async Task A_tenant_group_message_sent_on_node_b_reaches_the_tenants_client_on_node_a_through_the_backplane_and_no_other_tenant()
    {
        await using var clients = await ConnectAsync("probe");
        var northwind = await TenantOfAsync("rep@northwind.test");

        // Without the backplane a group is one node's: node B's hub context knows nothing of node A's connections.
        var watch = Stopwatch.StartNew();
        await _nodeB.Services.GetRequiredService<IHubContext<EventsHub>>().Clients.Group(EventsHub.Group(northwind)).SendAsync("probe", new { Marker = "from node B" });

        var onA = await clients.NorthwindOnA.NextAsync(Within);
        output.WriteLine($"Node B's group message reached the client on node A after {watch.Elapsed.TotalMilliseconds:0} ms.");
        onA.GetProperty("marker").GetString().Should().Be("from node B");
        (await clients.NorthwindOnB.NextAsync(Within)).GetProperty("marker").GetString().Should().Be("from node B");
        await Task.Delay(500);
        clients.NorthwindOnA.Received.Should().ContainSingle("one message, delivered once");
        clients.GlobexOnA.Received.Should().BeEmpty("Globex's client is not in Northwind's group");
    }

    [Fact]
    public async Task An_enrichment_event_published_on_node_b_reaches_the_tenants_hub_client_on_node_a_once_within_a_second_and_no_other_tenant()
    {
        await using var clients = await ConnectAsync("runState");
        var northwind = await TenantOfAsync("rep@northwind.test");
        var acme = await _nodeB.QueryAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Domain == "acme-outdoor.test").Select(c => c.Id).SingleAsync());
        var run = Guid.NewGuid();

        var watch = Stopwatch.StartNew();
        await _nodeB.Services.GetRequiredService<IEventBus>().PublishAsync(new RunStateChanged(northwind, acme, run, null, RunState.Running, 0, 0, DateTime.UtcNow));

        var onA = await clients.NorthwindOnA.NextAsync(Within);
        output.WriteLine($"Node B's run event reached the hub client on node A after {watch.Elapsed.TotalMilliseconds:0} ms.");
        onA.GetProperty("runId").GetGuid().Should().Be(run);
        onA.GetProperty("state").GetString().Should().Be("Running");
        (await clients.NorthwindOnB.NextAsync(Within)).GetProperty("runId").GetGuid().Should().Be(run);
        await Task.Delay(500);
        clients.NorthwindOnA.Received.Should().ContainSingle("each node forwards an event to its own connections only, so it arrives once");
        clients.NorthwindOnB.Received.Should().ContainSingle();
        clients.GlobexOnA.Received.Should().BeEmpty("another tenant's event never reaches Globex's client");
    }

    [Fact]
    public async Task A_user_deactivated_by_an_admin_on_node_b_loses_the_hub_connection_held_on_node_a_within_a_second()
    {
        await using var clients = await ConnectAsync("runState");
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        clients.NorthwindOnA.Hub.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        var rep = await _nodeB.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test"));
        var admin = await _nodeB.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "admin@northwind.test"));

        var watch = Stopwatch.StartNew();
        await using (var scope = _nodeB.Services.CreateAsyncScope())
        {
            // The application service the admin page calls, on node B, acting as Northwind's admin.
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(admin.TenantId, admin.Id, "test");
            (await scope.ServiceProvider.GetRequiredService<TenantAdministration>().DeactivateAsync(rep.Id)).Succeeded.Should().BeTrue();
        }

        await closed.Task.WaitAsync(Within);
        output.WriteLine($"The rep's hub connection on node A closed {watch.Elapsed.TotalMilliseconds:0} ms after the deactivation on node B.");
        clients.NorthwindOnA.Hub.State.Should().Be(HubConnectionState.Disconnected);
        clients.NorthwindOnB.Hub.State.Should().Be(HubConnectionState.Connected, "only the deactivated user's connections end");
        clients.GlobexOnA.Hub.State.Should().Be(HubConnectionState.Connected);
    }

    private PartnerForgeApp Node(string database)
    {
        var node = new PartnerForgeApp();
        node.Settings["ConnectionStrings:PostgreSQL"] = database;
        node.Settings["ConnectionStrings:Redis"] = redis.ConnectionString;
        return node;
    }

    /// <summary>The three clients, connected, listening to <paramref name="method"/>, each in its tenant's group on both nodes' view.</summary>
    private async Task<Clients> ConnectAsync(string method)
    {
        var clients = new Clients(
            await ClientAsync(_urlA, "rep@northwind.test", method),
            await ClientAsync(_urlB, "manager@northwind.test", method),
            await ClientAsync(_urlA, "rep@globex.test", method));
        // A connection joins its tenant's groups in OnConnectedAsync, which may end after the client's start: wait until
        // the backplane has subscribed the tenant groups in Redis (node A and node B for Northwind, node A for Globex)
        // and each node's bridge forwards the events of the tenants it holds connections of.
        var northwind = await TenantOfAsync("rep@northwind.test");
        var globex = await TenantOfAsync("rep@globex.test");
        var (bridgeA, bridgeB) = (_nodeA.Services.GetRequiredService<HubEventBridge>(), _nodeB.Services.GetRequiredService<HubEventBridge>());
        await Eventually.TrueAsync(async () => await GroupSubscribersAsync(northwind) == 2 && await GroupSubscribersAsync(globex) == 1
                && bridgeA.Forwards(northwind) && bridgeB.Forwards(northwind) && bridgeA.Forwards(globex),
            TimeSpan.FromSeconds(10), "the tenant groups subscribed in Redis by the nodes holding their connections");
        bridgeB.Forwards(globex).Should().BeFalse("node B holds no Globex connection");
        return clients;
    }

    /// <summary>How many subscribers (nodes) Redis has on the backplane's channel for the tenant's group.</summary>
    private async Task<long> GroupSubscribersAsync(Guid tenant)
    {
        var server = _redisClient.GetServer(_redisClient.GetEndPoints()[0]);
        var channels = await server.SubscriptionChannelsAsync(RedisChannel.Pattern($"partnerforge*:group:{EventsHub.Group(tenant)}"));
        long count = 0;
        foreach (var channel in channels)
        {
            channel.ToString().Should().StartWith("partnerforge", "the backplane's channels carry the prefix");
            count += await server.SubscriptionSubscriberCountAsync(channel);
        }

        return count;
    }

    private Task<Guid> TenantOfAsync(string email) =>
        _nodeA.QueryAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == email).Select(u => u.TenantId).SingleAsync());

    private static async Task<HubClient> ClientAsync(string baseUrl, string email, string method)
    {
        var cookies = new CookieContainer();
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) })
        {
            var response = await PartnerForgeApp.SignInAsync(http, email, DemoWorkspace.DefaultPassword);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, "{0} signs in on {1}", email, baseUrl);
        }

        var hub = new HubConnectionBuilder().WithUrl(baseUrl + EventsHub.Path, o => o.Cookies = cookies).Build();
        var client = new HubClient(hub);
        hub.On<JsonElement>(method, client.Receive);
        await hub.StartAsync();
        return client;
    }

    private sealed record Clients(HubClient NorthwindOnA, HubClient NorthwindOnB, HubClient GlobexOnA) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await NorthwindOnA.Hub.DisposeAsync();
            await NorthwindOnB.Hub.DisposeAsync();
            await GlobexOnA.Hub.DisposeAsync();
        }
    }

    /// <summary>A hub connection and the messages it received, in order.</summary>
    private sealed class HubClient(HubConnection hub)
    {
        private readonly SemaphoreSlim _arrived = new(0);
        private int _taken;

        public HubConnection Hub { get; } = hub;

        public ConcurrentQueue<JsonElement> Received { get; } = new();

        public void Receive(JsonElement message)
        {
            Received.Enqueue(message.Clone());
            _arrived.Release();
        }

        /// <summary>The next message (the first not yet taken), within <paramref name="timeout"/>.</summary>
        public async Task<JsonElement> NextAsync(TimeSpan timeout)
        {
            (await _arrived.WaitAsync(timeout)).Should().BeTrue("a message arrives within {0}", timeout);
            return Received.ElementAt(_taken++);
        }
    }
}
