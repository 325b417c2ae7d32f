using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Accounts.Export;

namespace PartnerForge.Infrastructure.Accounts.Import;

internal static class ImportSetup
{
    public static IServiceCollection AddPartnerForgeAccountImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportSettings>()
            .Bind(configuration.GetSection(ImportSettings.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ImportFiles>();
        services.AddScoped<ImportRunner>();
        services.AddScoped<ImportService>();
        services.AddScoped<AccountExporter>();
        return services;
    }
}
