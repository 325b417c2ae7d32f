using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Web.Admin;
using PartnerForge.Web.Api;
using PartnerForge.Web.Accounts;
using PartnerForge.Web.Auth;
using PartnerForge.Web.Components;
using PartnerForge.Web.Components.Layout;
using PartnerForge.Web.Hosting;
using MudBlazor.Services;

namespace PartnerForge.Web;

public static class DependencyInjection
{
    public static IServiceCollection AddPartnerForgeWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<ThemePreferences>();

        services.AddPartnerForgeSignIn();

        // Every endpoint needs a signed-in user unless it says otherwise (login, health, static assets).
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, TenantCircuitHandler>();

        // The two-factor "remember this browser" cookie: checked against the stamp on every request (the sign-in cookie
        // is checked by SessionCookieValidation).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddPartnerForgeApi(configuration);
        services.AddExceptionHandler<PartnerForgeExceptionHandler>();
        services.AddOptions<SignInThrottleOptions>().Bind(configuration.GetSection(SignInThrottleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        var signalR = services.AddSignalR();
        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            // Several nodes: a hub message sent on one node reaches connections held by the others.
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("partnerforge"));
        }

        services.AddSingleton<Live.HubEventBridge>();
        services.AddPartnerForgeTelemetry(configuration);
        return services;
    }

    /// <summary>
    /// Sign-in: Identity's cookies and the sign-in manager that refuses inactive accounts, as the sign-in pages use
    /// them (also registered by the page tests, so they sign in the way the app does).
    /// </summary>
    public static IServiceCollection AddPartnerForgeSignIn(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        new IdentityBuilder(typeof(PartnerForge.Infrastructure.Identity.ApplicationUser), typeof(PartnerForge.Infrastructure.Identity.ApplicationRole), services).AddSignInManager<PartnerForgeSignInManager>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = AccountEndpoints.LoginPath;
            o.LogoutPath = AccountEndpoints.LogoutPath;
            o.AccessDeniedPath = AccountEndpoints.AccessDeniedPath;
            o.Cookie.Name = "PartnerForge.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            // A hub client is not a person at a page: it gets 401/403, not a redirect to the sign-in form.
            o.Events.OnRedirectToLogin = context => AnswerHubOrRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => AnswerHubOrRedirect(context, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = SessionCookieValidation.ValidateAsync;
        });
        return services;
    }

    /// <summary>The request pipeline and endpoints, in order.</summary>
    public static WebApplication UsePartnerForge(this WebApplication app)
    {
        app.UsePartnerForgeSecurityHeaders();

        // The same in every environment: API problem details, the error page for pages, 4xx without stack traces.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = PartnerForgeExceptionHandler.ErrorPath,
            CreateScopeForErrors = true,
            StatusCodeSelector = ex => PartnerForgeExceptionHandler.Classify(ex).Status,
            SuppressDiagnosticsCallback = c => !PartnerForgeExceptionHandler.ShouldLogDiagnostics(c.Exception),
        });

        app.UsePartnerForgeRequestLogging();
        app.UseStatusCodePagesWithReExecute("/not-found", queryFormat: null, createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<TenantContext>().SetFromPrincipal(context.User, context.Connection.RemoteIpAddress?.ToString());
            return next(context);
        });
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTagName), ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.MapPartnerForgeMetrics();
        app.MapAccountEndpoints();
        app.MapPartnerForgeApi();
        app.MapAdminEndpoints();
        app.MapCrmEndpoints();
        app.MapAccountCsvEndpoints();
        app.MapBriefEndpoints();
        Outreach.TrackingEndpoints.MapTrackingEndpoints(app);
        // Our Content-Security-Policy (Hosting/SecurityHeaders) already forbids framing on every answer.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.MapHub<Live.EventsHub>(Live.EventsHub.Path);
        return app;
    }

    private const string ReadyTagName = Infrastructure.DependencyInjection.ReadyTag;

    /// <summary>"Healthy", or the status followed by what is wrong (e.g. "Unhealthy: database: The database is not writable …").</summary>
    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var problems = report.Entries.Where(e => e.Value.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Description}").ToList();
        return context.Response.WriteAsync(problems.Count == 0 ? report.Status.ToString() : $"{report.Status}: {string.Join("; ", problems)}");
    }

    /// <summary>Runs the app; a database or configuration problem at start-up is one clear log line and exit code 1.</summary>
    public static async Task<int> RunPartnerForgeAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is DatabaseStartupException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            app.Logger.LogCritical("PartnerForge cannot start: {Reason}", ex.Message);
            return 1;
        }
    }

    private static Task AnswerHubOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
            // The bare status for the client, not the not-found page the status-code pages would render in its place.
            if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
