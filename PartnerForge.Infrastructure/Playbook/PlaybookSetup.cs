using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Enrichment.Modules;

namespace PartnerForge.Infrastructure.Playbook;

public static class PlaybookSetup
{
    /// <summary>Title rules, competitive list, evidence library, buying committee and modules M08–M12.</summary>
    public static IServiceCollection AddPartnerForgePlaybook(this IServiceCollection services)
    {
        services.AddScoped<TitleRuleService>();
        services.AddScoped<CompetitiveList>();
        services.AddScoped<EvidenceLibrary>();
        services.AddScoped<BuyingCommittee>();

        // The tenant's competitive list is the one source of competitor products (M05, M11, change detection).
        services.RemoveAll<ICompetitorProducts>();
        services.RemoveAll<ICompetitorProductSource>();
        services.AddScoped<TenantCompetitorProducts>();
        services.AddScoped<ICompetitorProducts>(sp => sp.GetRequiredService<TenantCompetitorProducts>());
        services.AddScoped<ICompetitorProductSource>(sp => sp.GetRequiredService<TenantCompetitorProducts>());

        services.AddScoped<IEnrichmentModule, InvestorsModule>();
        services.AddScoped<IEnrichmentModule, ExecutivesModule>();
        services.AddScoped<IEnrichmentModule, BuyingCommitteeModule>();
        services.AddScoped<IEnrichmentModule, DisplacementModule>();
        services.AddScoped<IEnrichmentModule, EvidenceMatchModule>();
        return services;
    }
}
