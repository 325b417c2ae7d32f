using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Enrichment.Modules;

namespace PartnerForge.Infrastructure.Scoring;

/// <summary>ICP, scores, tiers, routing and the strategic brief (issue 5: M13–M15).</summary>
internal static class ScoringSetup
{
    public static IServiceCollection AddPartnerForgeScoring(this IServiceCollection services)
    {
        services.AddScoped<IcpSettings>();
        services.AddScoped<AccountScorer>();
        services.AddScoped<AccountRouter>();
        services.AddScoped<ScoringQueries>();
        services.AddScoped<IEnrichmentModule, IcpFitModule>();
        services.AddScoped<IEnrichmentModule, SignalScoreModule>();
        services.AddScoped<IEnrichmentModule, StrategicBriefModule>();
        return services;
    }
}
