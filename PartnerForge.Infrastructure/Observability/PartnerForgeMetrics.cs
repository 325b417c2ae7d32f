using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Enrichment.Fetching;

namespace PartnerForge.Infrastructure.Observability;

/// <summary>
/// PartnerForge's own instruments, all on one meter (<see cref="MeterName"/>), created through
/// <see cref="IMeterFactory"/> so each host (and each test host) has its own. Exported at <c>/metrics</c>
/// (Prometheus names: dots become underscores, counters end in <c>_total</c>, seconds in <c>_seconds</c>)
/// and read back for the System page by <see cref="MetricsSnapshot"/>.
/// </summary>
public sealed class PartnerForgeMetrics
{
    public const string MeterName = "PartnerForge";
    public const string ModuleRunsName = "partnerforge.enrichment.module.runs";
    public const string ModuleDurationName = "partnerforge.enrichment.module.duration";
    public const string FetchesName = "partnerforge.fetches";
    public const string AlertsRaisedName = "partnerforge.alerts.raised";
    public const string AlertsDeliveredName = "partnerforge.alerts.delivered";
    public const string ImportRowsName = "partnerforge.import.rows";
    public const string ActiveCircuitsName = "partnerforge.circuits.active";

    private static readonly ConcurrentDictionary<Enum, string> TagValues = new();

    private readonly Counter<long> _moduleRuns;
    private readonly Histogram<double> _moduleDuration;
    private readonly Counter<long> _fetches;
    private readonly Counter<long> _alertsRaised;
    private readonly Counter<long> _alertsDelivered;
    private readonly Counter<long> _importRows;
    private readonly UpDownCounter<long> _activeCircuits;

    public PartnerForgeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _moduleRuns = meter.CreateCounter<long>(ModuleRunsName, "{run}", "Enrichment module runs by module and outcome.");
        _moduleDuration = meter.CreateHistogram<double>(ModuleDurationName, "s", "How long an enrichment module ran, by module and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        _fetches = meter.CreateCounter<long>(FetchesName, "{fetch}", "Web fetches by source and status.");
        _alertsRaised = meter.CreateCounter<long>(AlertsRaisedName, "{alert}", "Alerts created by matching alert rules.");
        _alertsDelivered = meter.CreateCounter<long>(AlertsDeliveredName, "{alert}", "Alerts delivered, by channel (in_app, email, digest).");
        _importRows = meter.CreateCounter<long>(ImportRowsName, "{row}", "CSV import rows by result (created, updated, unchanged, error).");
        _activeCircuits = meter.CreateUpDownCounter<long>(ActiveCircuitsName, "{circuit}", "Open Blazor circuits (signed-in browser tabs).");
    }

    /// <summary>A module finished (or was skipped: <paramref name="duration"/> is null then).</summary>
    public void ModuleRun(string module, ModuleOutcome outcome, TimeSpan? duration)
    {
        var tags = new TagList { { "module", module }, { "outcome", Tag(outcome) } };
        _moduleRuns.Add(1, tags);
        if (duration is { } elapsed)
        {
            _moduleDuration.Record(elapsed.TotalSeconds, tags);
        }
    }

    public void Fetched(string source, FetchStatus status) =>
        _fetches.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("status", Tag(status)));

    public void AlertsRaised(int count)
    {
        if (count > 0)
        {
            _alertsRaised.Add(count);
        }
    }

    public void AlertsDelivered(string channel, int count)
    {
        if (count > 0)
        {
            _alertsDelivered.Add(count, new KeyValuePair<string, object?>("channel", channel));
        }
    }

    public void ImportRows(string result, long count)
    {
        if (count > 0)
        {
            _importRows.Add(count, new KeyValuePair<string, object?>("result", result));
        }
    }

    public void CircuitOpened() => _activeCircuits.Add(1);

    public void CircuitClosed() => _activeCircuits.Add(-1);

    /// <summary>An enum value as a tag: <c>SkippedDependency</c> becomes <c>skipped_dependency</c>.</summary>
    public static string Tag(Enum value) => TagValues.GetOrAdd(value, v =>
    {
        var name = v.ToString();
        var snake = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(name[i]));
        }

        return snake.ToString();
    });
}
