using PartnerForge.Domain.Common;

namespace PartnerForge.Infrastructure.Events;

/// <summary>
/// Live events inside PartnerForge (enrichment progress, new alerts, deal moves). A subscription is for one
/// tenant and one event type; disposing it stops delivery. Handlers run off the publisher's thread, so a
/// slow or failing subscriber never holds up the one publishing.
/// </summary>
public interface IEventBus
{
    Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken = default)
        where TEvent : ITenantEvent;

    IDisposable Subscribe<TEvent>(Guid tenantId, Func<TEvent, Task> handler)
        where TEvent : ITenantEvent;
}
