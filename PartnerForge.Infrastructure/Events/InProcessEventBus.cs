using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PartnerForge.Domain.Common;

namespace PartnerForge.Infrastructure.Events;

/// <summary>
/// The event bus for one process (the embedded shape). Delivery is per tenant: an event is handed only to
/// subscriptions made for its <see cref="ITenantEvent.TenantId"/>, each in the order they were published.
/// </summary>
internal sealed partial class InProcessEventBus(ILogger<InProcessEventBus> logger) : IEventBus
{
    private readonly ConcurrentDictionary<(Guid Tenant, Type Event), ConcurrentDictionary<Guid, Func<object, Task>>> _subscriptions = new();

    public Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken = default)
        where TEvent : ITenantEvent
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (!_subscriptions.TryGetValue((@event.TenantId, typeof(TEvent)), out var handlers))
        {
            return Task.CompletedTask;
        }

        foreach (var enqueue in handlers.Values)
        {
            enqueue(@event);
        }

        return Task.CompletedTask;
    }

    /// <summary>Delivers an event of a type known only at run time (one that arrived from another node).</summary>
    internal Task PublishAsync(Type eventType, ITenantEvent @event)
    {
        if (_subscriptions.TryGetValue((@event.TenantId, eventType), out var handlers))
        {
            foreach (var enqueue in handlers.Values)
            {
                enqueue(@event);
            }
        }

        return Task.CompletedTask;
    }

    public IDisposable Subscribe<TEvent>(Guid tenantId, Func<TEvent, Task> handler)
        where TEvent : ITenantEvent
    {
        ArgumentNullException.ThrowIfNull(handler);
        var key = (tenantId, typeof(TEvent));
        var id = Guid.NewGuid();
        // Each subscription has its own queue and reader: it sees events in the order they were published, and a
        // slow handler holds up only itself.
        var queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        _ = Task.Run(async () =>
        {
            await foreach (var @event in queue.Reader.ReadAllAsync())
            {
                await DeliverAsync(e => handler((TEvent)e), @event);
            }
        });
        _subscriptions.GetOrAdd(key, _ => new()).TryAdd(id, e =>
        {
            queue.Writer.TryWrite(e);
            return Task.CompletedTask;
        });
        return new Subscription(() =>
        {
            queue.Writer.TryComplete();
            if (_subscriptions.TryGetValue(key, out var handlers))
            {
                handlers.TryRemove(id, out _);
            }
        });
    }

    /// <summary>Number of live subscriptions (for tests and health).</summary>
    internal int Count => _subscriptions.Values.Sum(h => h.Count);

    private async Task DeliverAsync(Func<object, Task> handler, object @event)
    {
        try
        {
            await handler(@event);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(logger, ex, @event.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An event handler for {EventType} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string eventType);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
