using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Accounts.Import;
using PartnerForge.Infrastructure.Auditing;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Jobs;
using PartnerForge.Infrastructure.Health;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Infrastructure;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddPartnerForgeInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.TryAddSingleton(TimeProvider.System);
        Observability.ObservabilitySetup.AddPartnerForgeMetrics(services);

        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .PostConfigure(o =>
            {
                o.PostgreSqlConnectionString ??= configuration.GetConnectionString("PostgreSQL");
                o.SqlServerConnectionString ??= configuration.GetConnectionString("SqlServer");
            })
            .ValidateDataAnnotations()
            .Validate(o => o.HasOneProvider, "Set ConnectionStrings:PostgreSQL or ConnectionStrings:SqlServer, not both.")
            .ValidateOnStart();
        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.Section))
            .Validate(o => !o.Seed || o.Password.Length >= 10, "Demo:Password must have at least 10 characters.")
            .ValidateOnStart();

        services.AddScoped<TenantContext>();
        services.AddScoped<ICurrentTenant>(sp => sp.GetRequiredService<TenantContext>());
        services.AddScoped<TenantStampInterceptor>();
        services.AddScoped<AuditInterceptor>();
        services.AddSingleton<StorageState>();
        services.AddSingleton<StorageStateInterceptor>();
        services.AddDbContextFactory<PartnerForgeDbContext>(
            (sp, builder) =>
            {
                var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                DatabaseProviderSetup.Configure(builder, options, sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
                // Order matters: rows get their tenant before they are audited.
                builder.AddInterceptors(sp.GetRequiredService<TenantStampInterceptor>(), sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<StorageStateInterceptor>());
            },
            ServiceLifetime.Scoped);

        // Hosted services start in this order: the database is ready before the scheduler starts.
        services.AddHostedService<DatabaseInitializer>();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        database.PostgreSqlConnectionString ??= configuration.GetConnectionString("PostgreSQL");
        database.SqlServerConnectionString ??= configuration.GetConnectionString("SqlServer");
        services.AddPartnerForgeJobs(database, environment.ContentRootPath);
        services.AddSingleton<InProcessEventBus>();
        AddEventBus(services, configuration.GetConnectionString("Redis"), database);
        services.AddScoped<DemoSeeder>();
        services.AddHealthChecks().AddCheck<DatabaseReadyHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag]);

        // Sign-in cookies, antiforgery tokens and Identity's two-factor and reset tokens: one key ring, in the
        // database, so every node reads the same keys and they survive restarts.
        services.AddDataProtection()
            .SetApplicationName("PartnerForge")
            .PersistKeysToDbContext<PartnerForgeDbContext>();
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.SignIn.RequireConfirmedEmail = false;
            })
            .AddRoles<ApplicationRole>()
            .AddEntityFrameworkStores<PartnerForgeDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PartnerForgeClaimsPrincipalFactory>();

        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = PasswordReset.LinkLifetime);
        services.AddScoped<TwoFactorSetup>();
        services.AddScoped<TwoFactorPolicy>();
        services.AddScoped<SessionValidity>();
        services.AddScoped<Api.ApiRateCounter>();
        services.AddScoped<PasswordReset>();
        services.AddScoped<AccountQueries>();
        services.AddScoped<AccountEditor>();
        services.AddScoped<Contacts.ContactService>();
        services.AddScoped<Contacts.ContactDirectory>();
        services.AddScoped<Contacts.ContactPrivacy>();
        services.AddScoped<AccountDirectory>();
        services.AddScoped<AccountBulkActions>();
        services.AddScoped<AccountMerger>();
        services.AddScoped<SavedViews>();
        services.AddScoped<Pipeline.PipelineService>();
        services.AddScoped<Pipeline.DashboardService>();
        services.AddScoped<Pipeline.PipelineAdministration>();

        // Administration, plans and billing, job runs (issue 8).
        services.AddScoped<Administration.TenantAdministration>();
        services.AddScoped<Tenancy.UserPreferences>();
        services.AddScoped<Administration.InvitationAcceptance>();
        services.AddScoped<Administration.ApiKeyService>();
        services.AddScoped<Administration.AuditLog>();
        services.AddScoped<Administration.PlatformAdministration>();
        services.TryAddSingleton<Administration.IInvitationSender, Administration.EmailInvitationSender>();
        services.TryAddSingleton<Billing.IPaymentProvider, Billing.ManualPaymentProvider>();
        services.AddScoped<Billing.IUsageMeter, Billing.UsageMeter>();
        services.AddScoped<Billing.UsageReport>();
        services.AddScoped<Billing.InvoiceService>();
        services.AddScoped<JobAdministration>();
        services.AddSingleton<JobExecutionRecorder>();
        services.AddHostedService<Administration.AdministrationStartup>();
        services.AddPartnerForgeAccountImport(configuration);
        services.AddPartnerForgeEnrichment(configuration);
        Playbook.PlaybookSetup.AddPartnerForgePlaybook(services);
        Scoring.ScoringSetup.AddPartnerForgeScoring(services);
        Changes.ChangesSetup.AddPartnerForgeChanges(services, configuration);
        Outreach.OutreachSetup.AddPartnerForgeOutreach(services, configuration);
        Crm.CrmSetup.AddPartnerForgeCrm(services);
        return services;
    }

    /// <summary>
    /// Live events between nodes: Redis pub/sub when <c>ConnectionStrings:Redis</c> is set (with any database; it comes
    /// before PostgreSQL), else PostgreSQL's LISTEN/NOTIFY on PostgreSQL, else this process only.
    /// </summary>
    private static void AddEventBus(IServiceCollection services, string? redis, DatabaseOptions database)
    {
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // A malformed setting stops the start here, with the client's own message.
            var endpoints = string.Join(", ", StackExchange.Redis.ConfigurationOptions.Parse(redis).EndPoints.Select(e => e.ToString()));
            services.AddSingleton(sp => new RedisEventBus(redis, sp.GetRequiredService<InProcessEventBus>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RedisEventBus>>()));
            services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<RedisEventBus>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisEventBus>());
            AddEventBusNotice(services, $"Redis pub/sub at {endpoints} (ConnectionStrings:Redis; PostgreSQL NOTIFY is not used)");
        }
        else if (database.Provider == DatabaseProvider.PostgreSql)
        {
            // Several nodes: live events reach every node through PostgreSQL's LISTEN/NOTIFY.
            services.AddSingleton(sp => new PostgresEventBus(database.PostgreSqlConnectionString!, sp.GetRequiredService<InProcessEventBus>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PostgresEventBus>>()));
            services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<PostgresEventBus>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresEventBus>());
            AddEventBusNotice(services, "PostgreSQL LISTEN/NOTIFY (set ConnectionStrings:Redis to use Redis instead)");
        }
        else
        {
            services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<InProcessEventBus>());
            AddEventBusNotice(services, "in this process only (set ConnectionStrings:Redis, or use PostgreSQL, for several nodes)");
        }
    }

    private static void AddEventBusNotice(IServiceCollection services, string description) =>
        services.AddHostedService(sp => new EventBusNotice(description, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<EventBusNotice>>()));
}
