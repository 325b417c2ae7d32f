using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerForge.Domain.Common;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Live;

namespace PartnerForge.Tests.Web.Live;

/// <summary>
/// The live-subscription helper over the real in-process event bus and a real Blazor dispatcher (the one a
/// circuit's renderer uses): what runs, how often, on which thread, and what disposing stops.
/// </summary>
public sealed class LiveUpdatesTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly InProcessEventBus _bus = new(NullLogger<InProcessEventBus>.Instance);
    private readonly Dispatcher _dispatcher = Dispatcher.CreateDefault();
    private readonly Guid _tenant = Guid.NewGuid();
    private readonly ManualTimeProvider _time = new();
    private readonly ConcurrentQueue<Exception> _dispatched = new();
    private int _renders;
    private int _offDispatcher;

    [Fact]
    public async Task A_burst_of_events_within_the_interval_becomes_one_refresh_when_it_has_passed_run_on_the_dispatcher_then_rendered()
    {
        var refreshes = 0;
        var seen = 0;
        using var live = Create().Throttle(Interval, () => { Check(); Interlocked.Increment(ref refreshes); return Task.CompletedTask; })
            .Refresh<Ping>(_bus, _tenant, e => Interlocked.Increment(ref seen) > 0);

        await _bus.PublishAsync(new Ping(_tenant, 0));
        await Eventually(() => Volatile.Read(ref refreshes) == 1 && Volatile.Read(ref _renders) == 1);

        for (var i = 1; i <= 100; i++)
        {
            await _bus.PublishAsync(new Ping(_tenant, i));
        }

        await Eventually(() => Volatile.Read(ref seen) == 101);
        await Task.Delay(100);
        refreshes.Should().Be(1, "nothing runs again before the interval has passed");
        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        await Task.Delay(100);
        refreshes.Should().Be(1);

        _time.Advance(TimeSpan.FromMilliseconds(1));

        await Eventually(() => Volatile.Read(ref refreshes) == 2);
        _time.Advance(Interval * 3);
        await Task.Delay(100);
        refreshes.Should().Be(2, "100 events within one interval are one refresh");
        _renders.Should().Be(2, "each refresh is followed by one render");
        _offDispatcher.Should().Be(0, "refreshes and renders run through the dispatcher (InvokeAsync)");
        _dispatched.Should().BeEmpty();
    }

    [Fact]
    public async Task Requests_without_a_bus_are_coalesced_the_same_way()
    {
        var refreshes = 0;
        using var live = Create().Throttle(Interval, () => { Check(); Interlocked.Increment(ref refreshes); return Task.CompletedTask; });
        live.Request();
        await Eventually(() => Volatile.Read(ref refreshes) == 1);

        Parallel.For(0, 200, _ => live.Request());
        await Task.Delay(100);
        refreshes.Should().Be(1);
        _time.Advance(Interval);

        await Eventually(() => Volatile.Read(ref refreshes) == 2);
        _time.Advance(Interval * 3);
        await Task.Delay(100);
        refreshes.Should().Be(2);
        _offDispatcher.Should().Be(0);
    }

    [Fact]
    public async Task The_filter_drops_other_events_and_apply_takes_every_matching_event_in_on_the_dispatcher()
    {
        var applied = new List<int>();
        var refreshes = 0;
        using var live = Create().Throttle(Interval, () => { Interlocked.Increment(ref refreshes); return Task.CompletedTask; })
            .Refresh<Ping>(_bus, _tenant, e => e.N % 2 == 0, e => { Check(); applied.Add(e.N); });

        for (var i = 0; i < 20; i++)
        {
            await _bus.PublishAsync(new Ping(_tenant, i));
        }

        await _bus.PublishAsync(new Ping(Guid.NewGuid(), 100));
        await Eventually(() => Volatile.Read(ref refreshes) >= 1 && _dispatcher.InvokeAsync(() => applied.Count).Result == 10);
        _time.Advance(Interval);
        await Task.Delay(100);
        (await _dispatcher.InvokeAsync(() => applied.ToList())).Should().BeEquivalentTo(Enumerable.Range(0, 10).Select(i => i * 2),
            "odd numbers fail the filter; another tenant's event never arrives");
        refreshes.Should().BeInRange(1, 2);
        _offDispatcher.Should().Be(0);
    }

    [Fact]
    public async Task Handle_runs_for_every_matching_event_on_the_dispatcher_and_renders_after_each()
    {
        var handled = new ConcurrentBag<int>();
        using var live = Create().Handle<Ping>(_bus, _tenant, e => { Check(); handled.Add(e.N); return Task.CompletedTask; }, e => e.N != 3);

        for (var i = 0; i < 5; i++)
        {
            await _bus.PublishAsync(new Ping(_tenant, i));
        }

        await Eventually(() => handled.Count == 4 && Volatile.Read(ref _renders) == 4);
        handled.Should().BeEquivalentTo([0, 1, 2, 4]);
        _offDispatcher.Should().Be(0);
    }

    [Fact]
    public async Task Dispose_unsubscribes_and_drops_the_pending_refresh()
    {
        var refreshes = 0;
        var handled = 0;
        var live = Create().Throttle(Interval, () => { Interlocked.Increment(ref refreshes); return Task.CompletedTask; })
            .Refresh<Ping>(_bus, _tenant)
            .Handle<Pong>(_bus, _tenant, _ => { Interlocked.Increment(ref handled); return Task.CompletedTask; });
        _bus.Count.Should().Be(2);

        live.Request();
        await Eventually(() => Volatile.Read(ref refreshes) == 1);
        live.Request(); // the next run, due one interval after the first
        await Task.Delay(50);
        live.Dispose();

        _bus.Count.Should().Be(0, "disposing unsubscribes from the bus");
        await _bus.PublishAsync(new Ping(_tenant, 1));
        await _bus.PublishAsync(new Pong(_tenant));
        live.Request();
        _time.Advance(Interval * 2);
        await Task.Delay(100);
        refreshes.Should().Be(1, "the pending refresh and later requests are dropped");
        handled.Should().Be(0);
        _renders.Should().Be(1);
    }

    [Fact]
    public async Task A_failing_refresh_goes_to_the_component_as_its_exception()
    {
        using var live = Create().Throttle(TimeSpan.Zero, () => throw new InvalidOperationException("reload failed"))
            .Refresh<Ping>(_bus, _tenant);

        await _bus.PublishAsync(new Ping(_tenant, 1));

        await Eventually(() => !_dispatched.IsEmpty);
        _dispatched.Should().ContainSingle().Which.Message.Should().Be("reload failed");
        _renders.Should().Be(0, "nothing renders after a failed refresh");
    }

    private LiveUpdates Create() => new(
        work => _dispatcher.InvokeAsync(work),
        () => { Check(); Interlocked.Increment(ref _renders); },
        ex => { _dispatched.Enqueue(ex); return Task.CompletedTask; },
        _time);

    private void Check()
    {
        if (!_dispatcher.CheckAccess())
        {
            Interlocked.Increment(ref _offDispatcher);
        }
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the condition should hold by now");
            await Task.Delay(10);
        }
    }

    private sealed record Ping(Guid TenantId, int N) : ITenantEvent;

    private sealed record Pong(Guid TenantId) : ITenantEvent;
}
