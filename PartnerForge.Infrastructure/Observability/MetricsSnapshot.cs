using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace PartnerForge.Infrastructure.Observability;

/// <summary>Key figures since the process started, read from the same instruments <c>/metrics</c> exports.</summary>
public sealed record MetricsFigures(
    DateTime SinceUtc,
    long Requests,
    long ServerErrors,
    double RequestSecondsTotal,
    IReadOnlyDictionary<string, long> ModuleRunsByOutcome,
    long ModuleRunsTimed,
    double ModuleSecondsTotal,
    IReadOnlyDictionary<string, long> FetchesByStatus,
    long AlertsRaised,
    IReadOnlyDictionary<string, long> AlertsDeliveredByChannel,
    IReadOnlyDictionary<string, long> ImportRowsByResult,
    long ActiveCircuits)
{
    public long ModuleRuns => ModuleRunsByOutcome.Values.Sum();

    public long Fetches => FetchesByStatus.Values.Sum();

    public double MeanRequestMs => Requests == 0 ? 0 : RequestSecondsTotal * 1000 / Requests;

    public double MeanModuleSeconds => ModuleRunsTimed == 0 ? 0 : ModuleSecondsTotal / ModuleRunsTimed;
}

/// <summary>
/// A <see cref="MeterListener"/> over this host's own meters (those its <see cref="IMeterFactory"/> created:
/// PartnerForge's and ASP.NET Core's request duration), summing what they record for the System page. Another
/// host in the same process (tests) has its own factory, so its measurements are not counted here.
/// </summary>
public sealed class MetricsSnapshot : IHostedService, IDisposable
{
    private const string HostingMeter = "Microsoft.AspNetCore.Hosting";
    private const string RequestDuration = "http.server.request.duration";

    private readonly MeterListener _listener = new();
    private readonly IMeterFactory _meters;
    private readonly DateTime _sinceUtc;
    private readonly ConcurrentDictionary<(string Instrument, string Key), Cell> _cells = new();

    public MetricsSnapshot(IMeterFactory meters, TimeProvider time)
    {
        _meters = meters;
        _sinceUtc = time.GetUtcNow().UtcDateTime;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, _meters)
                && (instrument.Meter.Name == PartnerForgeMetrics.MeterName || (instrument.Meter.Name == HostingMeter && instrument.Name == RequestDuration)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public MetricsFigures Read() => new(
        _sinceUtc,
        Count(RequestDuration),
        Count(RequestDuration, "5xx"),
        Sum(RequestDuration),
        ByKey(PartnerForgeMetrics.ModuleRunsName),
        Count(PartnerForgeMetrics.ModuleDurationName),
        Sum(PartnerForgeMetrics.ModuleDurationName),
        ByKey(PartnerForgeMetrics.FetchesName),
        (long)Sum(PartnerForgeMetrics.AlertsRaisedName),
        ByKey(PartnerForgeMetrics.AlertsDeliveredName),
        ByKey(PartnerForgeMetrics.ImportRowsName),
        (long)Sum(PartnerForgeMetrics.ActiveCircuitsName));

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = instrument.Name switch
        {
            RequestDuration => Tag(tags, "http.response.status_code") is int status && status >= 500 ? "5xx" : string.Empty,
            PartnerForgeMetrics.ModuleRunsName => Tag(tags, "outcome") as string ?? string.Empty,
            PartnerForgeMetrics.FetchesName => Tag(tags, "status") as string ?? string.Empty,
            PartnerForgeMetrics.AlertsDeliveredName => Tag(tags, "channel") as string ?? string.Empty,
            PartnerForgeMetrics.ImportRowsName => Tag(tags, "result") as string ?? string.Empty,
            _ => string.Empty,
        };
        _cells.GetOrAdd((instrument.Name, key), _ => new Cell()).Add(value);
        if (key.Length > 0 && instrument.Name == RequestDuration)
        {
            _cells.GetOrAdd((instrument.Name, string.Empty), _ => new Cell()).Add(value);
        }
    }

    private static object? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value;
            }
        }

        return null;
    }

    private long Count(string instrument, string key = "") => _cells.TryGetValue((instrument, key), out var cell) ? cell.Count : 0;

    private double Sum(string instrument) =>
        _cells.Where(c => c.Key.Instrument == instrument && (instrument != RequestDuration || c.Key.Key.Length == 0)).Sum(c => c.Value.Sum);

    private Dictionary<string, long> ByKey(string instrument) =>
        _cells.Where(c => c.Key.Instrument == instrument).GroupBy(c => c.Key.Key)
            .ToDictionary(g => g.Key, g => (long)g.Sum(c => c.Value.Sum), StringComparer.Ordinal);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    private sealed class Cell
    {
        private readonly Lock _gate = new();

        public long Count { get; private set; }

        public double Sum { get; private set; }

        public void Add(double value)
        {
            lock (_gate)
            {
                Count++;
                Sum += value;
            }
        }
    }
}
