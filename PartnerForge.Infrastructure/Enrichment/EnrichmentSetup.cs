using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Technologies;
using PartnerForge.Infrastructure.Enrichment.Fetching;
using PartnerForge.Infrastructure.Enrichment.Modules;
using PartnerForge.Infrastructure.Demo;
using PartnerForge.Infrastructure.Enrichment.Technologies;
using Quartz;

namespace PartnerForge.Infrastructure.Enrichment;

internal static class EnrichmentSetup
{
    public static IServiceCollection AddPartnerForgeEnrichment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.Section)).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.SandboxEndpoint) || o.AllowLoopback, "Enrichment:Fetch:SandboxEndpoint needs Enrichment:Fetch:AllowLoopback=true.")
            .ValidateOnStart();
        services.AddOptions<EnrichmentOptions>().Bind(configuration.GetSection(EnrichmentOptions.Section)).ValidateDataAnnotations()
            .Validate(o => ValidCron(o.RefreshCron), "Enrichment:RefreshCron is not a valid cron expression.")
            .ValidateOnStart();
        services.AddOptions<SampleSitesOptions>().Bind(configuration.GetSection(SampleSitesOptions.Section))
            .Validate(o => !o.Enabled || configuration.GetValue<bool>("Enrichment:Fetch:AllowLoopback"), "Enrichment:SampleSites:Enabled needs Enrichment:Fetch:AllowLoopback=true.")
            .Validate<IHostEnvironment>((o, env) => !o.Enabled || env.IsDevelopment() || env.IsEnvironment("Demo"),
                "Enrichment:SampleSites:Enabled (the offline demo's sample sites) is only for the Demo and Development environments.")
            .ValidateOnStart();

        services.AddSingleton<SandboxRouting>();
        services.AddSingleton<IWebFetcher, WebFetcher>();
        services.AddSingleton(_ => FingerprintCatalogLoader.Default);
        services.AddSingleton(sp => new TechnologyDetector(sp.GetRequiredService<FingerprintCatalog>()));
        services.AddSingleton<IDnsRecordResolver>(sp =>
        {
            var samples = sp.GetRequiredService<IOptions<SampleSitesOptions>>().Value;
            return samples.Enabled || !string.IsNullOrEmpty(samples.Path) ? new SampleDnsResolver(samples.Path ?? SampleSitesServer.DefaultRoot()) : new NoDnsResolver();
        });
        services.AddScoped<IEnrichmentModule, CompanyContextModule>();
        services.AddScoped<IEnrichmentModule, TechStackModule>();
        services.AddScoped<IEnrichmentModule, TrafficModule>();
        services.AddScoped<IEnrichmentModule, FinancialsModule>();
        services.AddScoped<IEnrichmentModule, CompetitorsModule>();
        services.AddScoped<IEnrichmentModule, HiringModule>();
        services.AddScoped<IEnrichmentModule, TriggersModule>();
        services.AddScoped<BudgetGuard>();
        services.AddScoped<BudgetNotifier>();
        services.AddScoped<EnrichmentBudgets>();
        services.AddScoped<SourceCostAdministration>();
        services.AddScoped<TopSitesImport>();
        services.AddScoped<EnrichmentOrchestrator>();
        services.AddScoped<EnrichmentService>();
        services.AddScoped<EnrichmentRunQueries>();
        services.AddScoped<TrafficRankImporter>();
        services.AddHostedService<EnrichmentInitializer>();
        services.AddScoped<BulkEnrichmentQueue>();
        services.AddSingleton<BulkEnrichmentWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<BulkEnrichmentWorker>());

        var cron = configuration.GetSection(EnrichmentOptions.Section).Get<EnrichmentOptions>()?.RefreshCron ?? new EnrichmentOptions().RefreshCron;
        // Adds the refresh sweep to the scheduler JobsSetup configures (AddQuartz accumulates configuration).
        services.AddQuartz(q =>
        {
            q.AddJob<ScheduledRefreshJob>(j => j.WithIdentity(ScheduledRefreshJob.JobKey).StoreDurably());
            q.AddTrigger(t => t.ForJob(ScheduledRefreshJob.JobKey).WithIdentity("enrichment-refresh", "enrichment")
                .WithCronSchedule(ValidCron(cron) ? cron : new EnrichmentOptions().RefreshCron, c => c.InTimeZone(TimeZoneInfo.Utc)));
        });
        return services;
    }

    private static bool ValidCron(string cron)
    {
        try
        {
            _ = new CronExpression(cron);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>DNS records the sample sites declare (offline demo and tests: there is no MX/TXT resolver in .NET).</summary>
public sealed class SampleDnsResolver(string root) : IDnsRecordResolver
{
    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ResolveAsync(string domain, CancellationToken cancellationToken) =>
        Task.FromResult(SampleSitesServer.DnsFor(root, domain));
}
