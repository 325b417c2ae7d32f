using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PartnerForge.Infrastructure.Observability;

namespace PartnerForge.Web.Hosting;

/// <summary>
/// OpenTelemetry: metrics of ASP.NET Core, HttpClient, the runtime, EF Core, Npgsql, Quartz and PartnerForge's
/// own meter, exported for Prometheus at <see cref="Path"/> (allowed networks only); traces to an OTLP collector
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class TelemetrySetup
{
    public const string Path = "/metrics";

    public static IServiceCollection AddPartnerForgeTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CircuitHandler, MetricsCircuitHandler>();
        var metrics = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!metrics.Enabled && !otlp)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("PartnerForge"));
        if (metrics.Enabled)
        {
            telemetry.WithMetrics(m => ((IDeferredMeterProviderBuilder)m).Configure(DropOtherHostsInstruments)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PartnerForgeMetrics.MeterName, "Microsoft.EntityFrameworkCore", "Npgsql", "Quartz*", "Microsoft.AspNetCore.Components*")
                .AddPrometheusExporter());
        }

        if (otlp)
        {
            // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _PROTOCOL, _HEADERS) itself.
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments(Path))
                .AddHttpClientInstrumentation()
                .AddSource("Quartz*", "Npgsql")
                .AddOtlpExporter());
        }

        return services;
    }

    /// <summary>
    /// Meters are matched by name across the whole process, so another host in it (the in-process sample sites of
    /// the demo, test hosts) would show up here: an instrument made by another host's <see cref="IMeterFactory"/> is
    /// dropped. Meters made without a factory (EF Core, Npgsql, Quartz, the runtime) are kept.
    /// </summary>
    private static void DropOtherHostsInstruments(IServiceProvider services, MeterProviderBuilder builder) =>
        builder.AddView(OwnInstrumentsOnly(services.GetRequiredService<IMeterFactory>()));

    internal static Func<Instrument, MetricStreamConfiguration?> OwnInstrumentsOnly(IMeterFactory own) =>
        instrument => instrument.Meter.Scope is IMeterFactory other && !ReferenceEquals(other, own) ? MetricStreamConfiguration.Drop : null;

    /// <summary>Maps <c>/metrics</c> (anonymous; refused with 404 outside <c>Metrics:AllowedNetworks</c>) when metrics are on.</summary>
    public static WebApplication MapPartnerForgeMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: b => b.UseMiddleware<MetricsAccessMiddleware>(), optionsName: null)
                .AllowAnonymous();
        }

        return app;
    }
}

/// <summary>Answers 404 to a client outside the allowed networks, as if there were no endpoint.</summary>
internal sealed class MetricsAccessMiddleware(RequestDelegate next, IOptions<MetricsOptions> options)
{
    private readonly IReadOnlyList<IPNetwork> _networks = options.Value.Networks();

    public Task InvokeAsync(HttpContext context)
    {
        if (!Allowed(context.Connection.RemoteIpAddress, _networks))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }

    internal static bool Allowed(IPAddress? remote, IReadOnlyList<IPNetwork> networks)
    {
        if (remote is null)
        {
            return false;
        }

        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return networks.Any(n => n.Contains(address));
    }
}

/// <summary>Counts open Blazor circuits (partnerforge.circuits.active).</summary>
internal sealed class MetricsCircuitHandler(PartnerForgeMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
