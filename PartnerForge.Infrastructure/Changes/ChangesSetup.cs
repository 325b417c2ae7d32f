using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PartnerForge.Infrastructure.Changes;

public static class ChangesSetup
{
    /// <summary>Snapshot recording, change detection, alerts and the alert centre's services.</summary>
    public static IServiceCollection AddPartnerForgeChanges(this IServiceCollection services)
    {
        services.TryAddScoped<ICompetitorProductSource, NoCompetitorProducts>();
        services.TryAddScoped<IAccountProfileSource, CompanyProfileSource>();
        services.AddScoped<SnapshotRecorder>();
        services.AddScoped<AlertCentre>();
        services.AddScoped<ChangeTimeline>();
        return services;
    }
}
