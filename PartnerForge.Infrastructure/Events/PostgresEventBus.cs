using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PartnerForge.Domain.Common;

namespace PartnerForge.Infrastructure.Events;

/// <summary>
/// The event bus for several nodes on one PostgreSQL database. An event is delivered to this node's subscribers at
/// once and sent to the other nodes with <c>NOTIFY</c>; each node <c>LISTEN</c>s on one connection and hands what
/// arrives to its own subscribers (its own notifications it skips: they were delivered already). PostgreSQL caps a
/// notification at 8,000 bytes, so a larger event travels as numbered parts sent in one statement (one transaction:
/// delivered together and in order) and is put back together on arrival. Events published one after another by a node
/// arrive in that order. The envelope and the known-types rule are <see cref="EventEnvelope"/>'s (shared with
/// <see cref="RedisEventBus"/>).
/// </summary>
internal sealed partial class PostgresEventBus(string connectionString, InProcessEventBus local, ILogger<PostgresEventBus> logger)
    : BackgroundService, IEventBus
{
    public const string Channel = "partnerforge_events";

    /// <summary>The listening connection's application_name, so operators (and tests) can find it in pg_stat_activity.</summary>
    public const string ListenerName = "partnerforge-events";

    /// <summary>Room for a part's text within PostgreSQL's 8,000-byte payload, leaving space for the envelope.</summary>
    internal const int PartBytes = 7_500;

    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, string?[]> _partial = new();
    private readonly SemaphoreSlim _sendOrder = new(1, 1);

    /// <summary>True while the listening connection is open (for tests and health).</summary>
    internal bool Listening { get; private set; }

    public async Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken = default)
        where TEvent : ITenantEvent
    {
        await local.PublishAsync(@event, cancellationToken);
        var json = EventEnvelope.Serialize(@event);
        var parts = Split(json);
        var id = Guid.NewGuid().ToString("N");
        var sql = new StringBuilder();
        await using var connection = new NpgsqlConnection(connectionString);
        await using var command = connection.CreateCommand();
        for (var i = 0; i < parts.Count; i++)
        {
            sql.Append(i == 0 ? "SELECT " : ", ").Append("pg_notify(@channel, @p").Append(i).Append(')');
            command.Parameters.AddWithValue("p" + i, new EventEnvelope(_node, id, typeof(TEvent).FullName!, i, parts.Count, parts[i]).ToPayload());
        }

        command.Parameters.AddWithValue("channel", Channel);
        command.CommandText = sql.ToString();
        // One sender at a time: events published one after another leave (and so arrive) in that order.
        await _sendOrder.WaitAsync(cancellationToken);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Live events are a convenience: the other nodes' pages catch up on their next load.
            LogSendFailed(logger, ex, typeof(TEvent).Name);
        }
        finally
        {
            _sendOrder.Release();
        }
    }

    public IDisposable Subscribe<TEvent>(Guid tenantId, Func<TEvent, Task> handler)
        where TEvent : ITenantEvent => local.Subscribe(tenantId, handler);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 15, Pooling = false, ApplicationName = ListenerName }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Listening = true;
                LogListening(logger, Channel);
                delay = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Listening = false;
                LogListenLost(logger, ex, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }

    internal void Receive(string payload)
    {
        var envelope = EventEnvelope.FromOtherNode(payload, _node, out var type);
        if (envelope is null)
        {
            return;
        }

        var json = envelope.Parts == 1 ? envelope.Text : Assemble(envelope);
        if (json is null)
        {
            return;
        }

        try
        {
            if (EventEnvelope.Deserialize(type, json) is { } @event)
            {
                _ = local.PublishAsync(type, @event);
            }
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, ex);
        }
    }

    private string? Assemble(EventEnvelope part)
    {
        var parts = _partial.GetOrAdd(part.Id, _ => new string?[part.Parts]);
        if (part.Index < 0 || part.Index >= parts.Length)
        {
            return null;
        }

        parts[part.Index] = part.Text;
        if (parts.Any(p => p is null) || !_partial.TryRemove(part.Id, out _))
        {
            return null;
        }

        return string.Concat(parts);
    }

    /// <summary>The JSON in pieces of at most <see cref="PartBytes"/> UTF-8 bytes, never splitting a character.</summary>
    internal static List<string> Split(string json)
    {
        var parts = new List<string>();
        var part = new StringBuilder();
        var bytes = 0;
        foreach (var rune in json.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > PartBytes)
            {
                parts.Add(part.ToString());
                part.Clear();
                bytes = 0;
            }

            part.Append(rune.ToString());
            bytes += rune.Utf8SequenceLength;
        }

        parts.Add(part.ToString());
        return parts;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live events: listening on PostgreSQL channel {Channel} (events reach every node)")]
    private static partial void LogListening(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live events: the listening connection was lost; trying again in {Seconds} s")]
    private static partial void LogListenLost(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live events: sending a {EventType} to the other nodes failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live events: an unreadable event from another node was ignored")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
