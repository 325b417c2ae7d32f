using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PartnerForge.Infrastructure.Crm;

public static class CrmSetup
{
    /// <summary>
    /// CRM connections (OAuth, encrypted tokens), the HubSpot connector over its typed HTTP client, the sync engine and
    /// its job. Settings under <c>Crm</c>, validated at start.
    /// </summary>
    public static IServiceCollection AddPartnerForgeCrm(this IServiceCollection services)
    {
        services.AddOptions<CrmOptions>().BindConfiguration(CrmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CrmOptions>, CrmOptionsValidator>();
        services.AddHttpClient<HubSpotAuthClient>(c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient<HubSpotConnector>(c => c.Timeout = TimeSpan.FromSeconds(60));
        services.AddHttpClient<SalesforceAuthClient>(c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient<SalesforceConnector>(c => c.Timeout = TimeSpan.FromSeconds(120));
        // One connector and one auth client per provider; the engine picks them by the connection's provider.
        services.AddTransient<ICrmConnector>(sp => sp.GetRequiredService<HubSpotConnector>());
        services.AddTransient<ICrmConnector>(sp => sp.GetRequiredService<SalesforceConnector>());
        services.AddTransient<ICrmAuthClient>(sp => sp.GetRequiredService<HubSpotAuthClient>());
        services.AddTransient<ICrmAuthClient>(sp => sp.GetRequiredService<SalesforceAuthClient>());
        services.AddScoped<CrmTokens>();
        services.AddScoped<CrmOAuth>();
        services.AddScoped<CrmConnections>();
        services.AddScoped<CrmDealWriter>();
        services.AddScoped<CrmPullWriter>();
        services.AddScoped<CrmPusher>();
        services.AddScoped<CrmSyncService>();
        return services;
    }

    /// <summary>The nested HubSpot and Salesforce settings, which data annotations on the outer options do not reach.</summary>
    private sealed class CrmOptionsValidator : IValidateOptions<CrmOptions>
    {
        public ValidateOptionsResult Validate(string? name, CrmOptions options)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options.HubSpot, new ValidationContext(options.HubSpot), results, validateAllProperties: true);
            Validator.TryValidateObject(options.Salesforce, new ValidationContext(options.Salesforce), results, validateAllProperties: true);
            return results.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(results.Select(r => r.ErrorMessage ?? "Crm settings are not valid."));
        }
    }
}
