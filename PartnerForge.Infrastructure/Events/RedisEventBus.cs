using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerForge.Domain.Common;
using StackExchange.Redis;

namespace PartnerForge.Infrastructure.Events;

/// <summary>
/// The event bus for several nodes sharing one Redis (<c>ConnectionStrings:Redis</c>), whatever the database. An
/// event is delivered to this node's subscribers at once and published on one Redis channel; every node subscribes to
/// it and hands what arrives to its own subscribers (its own messages it skips: they were delivered already). Same
/// envelope and known-types rule as <see cref="PostgresEventBus"/> (<see cref="EventEnvelope"/>), always in one part:
/// Redis has no 8,000-byte limit. Messages from one node arrive in the order it published them (one connection, and
/// the subscription reads its queue one message at a time). The client reconnects and subscribes again by itself.
/// </summary>
internal sealed partial class RedisEventBus(string connectionString, InProcessEventBus local, ILogger<RedisEventBus> logger)
    : IHostedService, IEventBus, IAsyncDisposable
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("partnerforge.events");

    private readonly string _node = Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer? _connection;
    private ChannelMessageQueue? _queue;

    /// <summary>True while the connection to Redis is up and the channel subscribed (for tests and health).</summary>
    internal bool Listening => _connection is { IsConnected: true } && _queue is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        // Start even while Redis is down: the client keeps trying, and live events are a convenience.
        options.AbortOnConnectFail = false;
        options.ClientName ??= "partnerforge-events";
        _connection = await ConnectionMultiplexer.ConnectAsync(options);
        _queue = await _connection.GetSubscriber().SubscribeAsync(Channel);
        _queue.OnMessage(message =>
        {
            if (!message.Message.IsNullOrEmpty)
            {
                Receive(message.Message!);
            }
        });
        LogListening(logger, Channel.ToString(), string.Join(", ", options.EndPoints.Select(e => e.ToString())));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_queue is { } queue)
        {
            _queue = null;
            await queue.UnsubscribeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await connection.DisposeAsync();
        }
    }

    public async Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken = default)
        where TEvent : ITenantEvent
    {
        await local.PublishAsync(@event, cancellationToken);
        if (_connection is not { } connection)
        {
            return;
        }

        var payload = new EventEnvelope(_node, Guid.NewGuid().ToString("N"), typeof(TEvent).FullName!, 0, 1, EventEnvelope.Serialize(@event)).ToPayload();
        try
        {
            await connection.GetSubscriber().PublishAsync(Channel, payload);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Live events are a convenience: the other nodes' pages catch up on their next load.
            LogSendFailed(logger, ex, typeof(TEvent).Name);
        }
    }

    public IDisposable Subscribe<TEvent>(Guid tenantId, Func<TEvent, Task> handler)
        where TEvent : ITenantEvent => local.Subscribe(tenantId, handler);

    internal void Receive(string payload)
    {
        if (EventEnvelope.FromOtherNode(payload, _node, out var type) is not { Parts: 1 } envelope)
        {
            return;
        }

        try
        {
            if (EventEnvelope.Deserialize(type, envelope.Text) is { } @event)
            {
                _ = local.PublishAsync(type, @event);
            }
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live events: Redis pub/sub on channel {Channel} at {Endpoints} (events reach every node)")]
    private static partial void LogListening(ILogger logger, string channel, string endpoints);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live events: sending a {EventType} to the other nodes through Redis failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live events: an unreadable event from another node was ignored")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
