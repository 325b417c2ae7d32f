using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PartnerForge.Infrastructure.Observability;

public static class ObservabilitySetup
{
    /// <summary>
    /// PartnerForge's meter and the snapshot the System page reads. Exporting (OpenTelemetry, /metrics) is the
    /// web host's part: the instruments record whether or not anything listens.
    /// </summary>
    public static IServiceCollection AddPartnerForgeMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<PartnerForgeMetrics>();
        services.TryAddSingleton<MetricsSnapshot>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsSnapshot>());
        return services;
    }
}
