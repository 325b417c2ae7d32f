using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Web.Live;

/// <summary>
/// Streams live events (module state changes, run progress) to signed-in clients of the same tenant only:
/// each connection joins its tenant's group, taken from its own sign-in claims (<see cref="Group"/>: every node's
/// connections of the tenant, through the Redis backplane when there is one), and the tenant's group on this node
/// (<see cref="HubEventBridge.NodeGroup"/>, which the bridge sends events to), and nothing else.
/// Clients receive "moduleState" and "runState" messages. A user whose sessions an admin ended (deactivated, role
/// changed, password reset, workspace suspended) is disconnected at once; reconnecting is refused, since the
/// cookie's security stamp is checked on every request.
/// </summary>
[Authorize]
public sealed class EventsHub(HubEventBridge bridge) : Hub
{
    public const string Path = "/hubs/events";

    public static string Group(Guid tenantId) => $"tenant:{tenantId}";

    public override async Task OnConnectedAsync()
    {
        if (TenantOf(Context) is not { } tenantId)
        {
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, Group(tenantId));
        await Groups.AddToGroupAsync(Context.ConnectionId, bridge.NodeGroup(tenantId));
        bridge.Attach(tenantId, UserOf(Context), Context);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (TenantOf(Context) is { } tenantId)
        {
            bridge.Detach(tenantId, UserOf(Context), Context.ConnectionId);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private static Guid? TenantOf(HubCallerContext context) =>
        Guid.TryParse(context.User?.FindFirst(PartnerForgeClaims.TenantId)?.Value, out var id) ? id : null;

    private static Guid? UserOf(HubCallerContext context) =>
        Guid.TryParse(context.User?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
}

/// <summary>
/// Subscribes to the event bus for each tenant that has hub connections, forwards to that tenant's connections on this
/// node, and ends the connections of a user whose sessions were ended. The bus already brings every node each event, so
/// each node forwards to its own connections only: sent to the tenant-wide group, an event would reach a connection
/// once through every node holding connections of that tenant when the Redis backplane joins the nodes' groups.
/// </summary>
public sealed class HubEventBridge(IEventBus bus, IHubContext<EventsHub> hub) : IDisposable
{
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<Guid, (int Count, IDisposable[] Subscriptions)> _tenants = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _connections = new();
    private readonly Lock _lock = new();

    /// <summary>The group of the tenant's connections held by this node (this bridge's app).</summary>
    public string NodeGroup(Guid tenantId) => $"{EventsHub.Group(tenantId)}:node:{_node}";

    /// <summary>True while this node forwards the tenant's events to its connections (for tests and health).</summary>
    internal bool Forwards(Guid tenantId) => _tenants.ContainsKey(tenantId);

    public void Attach(Guid tenantId, Guid? userId, HubCallerContext connection)
    {
        if (userId is { } user)
        {
            _connections.GetOrAdd(user, _ => new())[connection.ConnectionId] = connection;
        }

        Attach(tenantId);
    }

    public void Detach(Guid tenantId, Guid? userId, string connectionId)
    {
        if (userId is { } user && _connections.TryGetValue(user, out var open))
        {
            open.TryRemove(connectionId, out _);
        }

        Detach(tenantId);
    }

    private void EndSessions(UserSessionsEnded ended)
    {
        if (_connections.TryGetValue(ended.UserId, out var open))
        {
            foreach (var connection in open.Values)
            {
                connection.Abort();
            }
        }
    }

    private void Attach(Guid tenantId)
    {
        lock (_lock)
        {
            if (_tenants.TryGetValue(tenantId, out var entry))
            {
                _tenants[tenantId] = (entry.Count + 1, entry.Subscriptions);
                return;
            }

            var group = hub.Clients.Group(NodeGroup(tenantId));
            _tenants[tenantId] = (1,
            [
                bus.Subscribe<ModuleStateChanged>(tenantId, e => group.SendAsync("moduleState", new
                {
                    e.CompanyId, e.RunId, e.BatchId, e.Module, Outcome = e.Outcome.ToString(), e.Reason, e.AtUtc,
                })),
                bus.Subscribe<RunStateChanged>(tenantId, e => group.SendAsync("runState", new
                {
                    e.CompanyId, e.RunId, e.BatchId, State = e.State.ToString(), e.ModulesOk, e.ModulesFailed, e.AtUtc,
                })),
                bus.Subscribe<UserSessionsEnded>(tenantId, e =>
                {
                    EndSessions(e);
                    return Task.CompletedTask;
                }),
            ]);
        }
    }

    private void Detach(Guid tenantId)
    {
        lock (_lock)
        {
            if (!_tenants.TryGetValue(tenantId, out var entry))
            {
                return;
            }

            if (entry.Count > 1)
            {
                _tenants[tenantId] = (entry.Count - 1, entry.Subscriptions);
                return;
            }

            _tenants.TryRemove(tenantId, out _);
            foreach (var subscription in entry.Subscriptions)
            {
                subscription.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var entry in _tenants.Values.SelectMany(e => e.Subscriptions))
        {
            entry.Dispose();
        }

        _tenants.Clear();
    }
}
