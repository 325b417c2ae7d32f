using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PartnerForge.Infrastructure.Events;

/// <summary>Says at start which event bus carries live events (Redis, PostgreSQL NOTIFY, or this process only).</summary>
internal sealed partial class EventBusNotice(string description, ILogger<EventBusNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogBus(logger, description);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Live events: {Description}")]
    private static partial void LogBus(ILogger logger, string description);
}
