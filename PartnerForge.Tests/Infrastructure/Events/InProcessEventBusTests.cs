using Microsoft.Extensions.Logging.Abstractions;
using PartnerForge.Domain.Common;
using PartnerForge.Infrastructure.Events;

namespace PartnerForge.Tests.Infrastructure.Events;

public sealed class InProcessEventBusTests
{
    private sealed record Ping(Guid TenantId, int Number) : ITenantEvent;

    private sealed record Pong(Guid TenantId) : ITenantEvent;

    [Fact]
    public async Task An_event_reaches_only_subscribers_of_its_tenant_and_type()
    {
        var bus = new InProcessEventBus(NullLogger<InProcessEventBus>.Instance);
        var tenantA = Guid.NewGuid();
        var tenantB = Guid.NewGuid();
        var receivedA = new TaskCompletionSource<Ping>();
        var receivedB = new List<Ping>();
        var pongs = new List<Pong>();
        using var a = bus.Subscribe<Ping>(tenantA, p => { receivedA.TrySetResult(p); return Task.CompletedTask; });
        using var b = bus.Subscribe<Ping>(tenantB, p => { lock (receivedB) { receivedB.Add(p); } return Task.CompletedTask; });
        using var c = bus.Subscribe<Pong>(tenantA, p => { lock (pongs) { pongs.Add(p); } return Task.CompletedTask; });

        await bus.PublishAsync(new Ping(tenantA, 7));

        (await receivedA.Task.WaitAsync(TimeSpan.FromSeconds(5))).Number.Should().Be(7);
        await Task.Delay(100);
        receivedB.Should().BeEmpty();
        pongs.Should().BeEmpty();
    }

    [Fact]
    public async Task Disposing_a_subscription_stops_delivery_and_a_failing_handler_does_not_stop_others()
    {
        var bus = new InProcessEventBus(NullLogger<InProcessEventBus>.Instance);
        var tenant = Guid.NewGuid();
        var count = 0;
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        var subscription = bus.Subscribe<Ping>(tenant, _ => { Interlocked.Increment(ref count); first.TrySetResult(); return Task.CompletedTask; });
        using var failing = bus.Subscribe<Ping>(tenant, _ => throw new InvalidOperationException("boom"));
        using var other = bus.Subscribe<Ping>(tenant, p => { if (p.Number == 2) { second.TrySetResult(); } return Task.CompletedTask; });

        await bus.PublishAsync(new Ping(tenant, 1));
        await first.Task.WaitAsync(TimeSpan.FromSeconds(5)); // delivery is fire-and-forget: wait for it, not for a fixed time
        subscription.Dispose();
        await bus.PublishAsync(new Ping(tenant, 2));
        await second.Task.WaitAsync(TimeSpan.FromSeconds(5));

        count.Should().Be(1);
        bus.Count.Should().Be(2);
    }
}
