using Serilog;

namespace PartnerForge.Web.Hosting;

internal static class SerilogSetup
{
    /// <summary>
    /// Serilog from the "Serilog" section of appsettings.json (console and rolling file). Relative file paths
    /// are resolved under the content root so logs land in the same place whatever the working directory.
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

        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);

        // Request logging: one line per request (method, path, status, duration).
        builder.Services.AddHttpLogging(o =>
        {
            o.LoggingFields = Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestMethod
                | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestPath
                | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.ResponseStatusCode
                | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
    }
}
