using PartnerForge.Domain.Common;
using PartnerForge.Infrastructure.Events;

namespace PartnerForge.Web.Live;

/// <summary>
/// The one way a component stays live (the pattern of the Aspire dashboard): it subscribes to the tenant's
/// event bus, coalesces a burst into at most one refresh per interval, runs every callback on the component's
/// dispatcher (its <c>InvokeAsync</c>) followed by a render, hands a callback's exception to the component
/// (<c>DispatchExceptionAsync</c>: the error boundary shows it) and, disposed with the component, unsubscribes
/// and drops whatever is still pending.
/// <code>
/// live = new LiveUpdates(InvokeAsync, StateHasChanged, DispatchExceptionAsync)
///     .Throttle(TimeSpan.FromMilliseconds(300), ReloadAsync)
///     .Refresh&lt;DealChanged&gt;(Events, tenantId, e => e.CompanyId == CompanyId);
/// </code>
/// </summary>
public sealed class LiveUpdates(
    Func<Func<Task>, Task> invokeAsync,
    Action stateHasChanged,
    Func<Exception, Task> dispatchException,
    TimeProvider? time = null) : IDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _lock = new();
    private Func<Task>? _refresh;
    private TimeSpan _interval;
    private bool _scheduled;
    private Task _lastRun = Task.CompletedTask;
    private long _lastRunEnded;
    private volatile bool _disposed;

    /// <summary>What <see cref="Request"/> runs (then a render), at most once per <paramref name="interval"/>; without it a request only renders.</summary>
    public LiveUpdates Throttle(TimeSpan interval, Func<Task>? refresh = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(interval.Ticks, nameof(interval));
        (_interval, _refresh) = (interval, refresh);
        return this;
    }

    /// <summary>
    /// Every <typeparamref name="TEvent"/> of the tenant that passes <paramref name="when"/> (checked on the bus's
    /// thread: keep it a pure test of the event) requests the throttled refresh. <paramref name="apply"/>, when
    /// given, first takes the event's data into the component, on its dispatcher and in the order events arrive.
    /// </summary>
    public LiveUpdates Refresh<TEvent>(IEventBus bus, Guid tenantId, Func<TEvent, bool>? when = null, Action<TEvent>? apply = null)
        where TEvent : ITenantEvent
    {
        Add(bus.Subscribe<TEvent>(tenantId, async e =>
        {
            if (_disposed || (when is not null && !when(e)))
            {
                return;
            }

            if (apply is not null)
            {
                await OnDispatcherAsync(() => { apply(e); return Task.CompletedTask; }, render: false);
            }

            Request();
        }));
        return this;
    }

    /// <summary>
    /// Every <typeparamref name="TEvent"/> that passes <paramref name="when"/> runs <paramref name="handle"/> on the
    /// component's dispatcher, then renders: for what each event must do (a toast, a navigation), not throttled.
    /// </summary>
    public LiveUpdates Handle<TEvent>(IEventBus bus, Guid tenantId, Func<TEvent, Task> handle, Func<TEvent, bool>? when = null)
        where TEvent : ITenantEvent
    {
        Add(bus.Subscribe<TEvent>(tenantId, e =>
            _disposed || (when is not null && !when(e)) ? Task.CompletedTask : OnDispatcherAsync(() => handle(e), render: true)));
        return this;
    }

    /// <summary>Asks for the throttled refresh and render (also for progress that does not come from the bus); safe from any thread.</summary>
    public void Request()
    {
        lock (_lock)
        {
            if (_disposed || _scheduled)
            {
                return; // the scheduled run has not started yet: it covers this request too
            }

            _scheduled = true;
            var previous = _lastRun;
            _lastRun = Task.Run(() => RunAfterAsync(previous));
        }
    }

    /// <summary>One run at a time, each at least the interval after the previous one ended.</summary>
    private async Task RunAfterAsync(Task previous)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // its failure went to the component already
        long lastEnded;
        lock (_lock)
        {
            lastEnded = _lastRunEnded;
        }

        if (lastEnded != 0 && _time.GetElapsedTime(lastEnded) is var since && since < _interval)
        {
            await Task.Delay(_interval - since, _time);
        }

        lock (_lock)
        {
            _scheduled = false; // requests from here on schedule the next run: this one may miss what they announce
        }

        await OnDispatcherAsync(_refresh, render: true);
        lock (_lock)
        {
            _lastRunEnded = _time.GetTimestamp();
        }
    }

    private async Task OnDispatcherAsync(Func<Task>? work, bool render)
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await invokeAsync(async () =>
            {
                if (work is not null && !_disposed)
                {
                    await work();
                }

                if (render && !_disposed)
                {
                    stateHasChanged();
                }
            });
        }
        catch (Exception ex) when (!_disposed)
        {
            await dispatchException(ex);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The component (or its circuit) went away while the callback ran: nothing left to update.
        }
    }

    private void Add(IDisposable subscription)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _subscriptions.Add(subscription);
                return;
            }
        }

        subscription.Dispose();
    }

    public void Dispose()
    {
        IDisposable[] subscriptions;
        lock (_lock)
        {
            _disposed = true;
            subscriptions = [.. _subscriptions];
            _subscriptions.Clear();
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }
    }
}
