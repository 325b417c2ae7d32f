using System.Diagnostics;
using PartnerForge.Infrastructure.Tenancy;
using Serilog;
using Serilog.Events;

namespace PartnerForge.Web.Hosting;

internal static class SerilogSetup
{
    /// <summary>
    /// Serilog from the "Serilog" section of appsettings.json (readable console, compact JSON rolling file).
    /// Relative file paths are resolved under the content root so logs land in the same place whatever the
    /// working directory. The logger is built when the host is, from its final configuration.
    /// </summary>
    public static void AddPartnerForgeLogging(this WebApplicationBuilder builder)
    {
        foreach (var sink in builder.Configuration.GetSection("Serilog:WriteTo").GetChildren())
        {
            var path = sink["Args:path"];
            if (!string.IsNullOrEmpty(path) && !Path.IsPathRooted(path))
            {
                builder.Configuration[$"{sink.Path}:Args:path"] = Path.Combine(builder.Environment.ContentRootPath, path);
            }
        }

        builder.Logging.ClearProviders();
        // The static Log.Logger is left alone: several hosts (the tests) may share one process.
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
                .ReadFrom.Services(services)
                .Enrich.FromLogContext(),
            preserveStaticLogger: true);
    }

    /// <summary>
    /// One event per request (method, path, status, elapsed) carrying the tenant, the user and the trace id,
    /// written when the request completes (so the signed-in user and the API key's tenant are known).
    /// </summary>
    public static WebApplication UsePartnerForgeRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            // The host's logger (the static Log.Logger is not set: see AddPartnerForgeLogging).
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.EnrichDiagnosticContext = EnrichFromRequest;
            o.GetLevel = (context, _, exception) => exception is not null || context.Response.StatusCode >= 500
                ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/metrics")
                    ? LogEventLevel.Debug
                    : LogEventLevel.Information;
        });
        return app;
    }

    internal static void EnrichFromRequest(IDiagnosticContext diagnostics, HttpContext context)
    {
        var tenant = context.RequestServices.GetService<TenantContext>();
        diagnostics.Set("TenantId", tenant?.TenantId?.ToString() ?? "-");
        diagnostics.Set("UserId", tenant?.UserId?.ToString() ?? "-");
        diagnostics.Set("TraceId", Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier);
    }
}
