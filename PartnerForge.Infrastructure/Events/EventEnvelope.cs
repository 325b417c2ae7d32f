using System.Globalization;
using System.Text.Json;
using PartnerForge.Domain.Common;

namespace PartnerForge.Infrastructure.Events;

/// <summary>
/// One event (or one numbered part of it) as it travels between nodes, whatever carries it (PostgreSQL
/// <c>NOTIFY</c>, Redis pub/sub): <c>node|id|type|index|parts|</c> and then the text as it is (no escaping to grow
/// it). Only the event types PartnerForge defines are read back, and a node skips what it sent itself.
/// </summary>
internal sealed record EventEnvelope(string Node, string Id, string Type, int Index, int Parts, string Text)
{
    private static readonly Dictionary<string, Type> KnownTypes = typeof(ITenantEvent).Assembly.GetTypes()
        .Concat(typeof(EventEnvelope).Assembly.GetTypes())
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITenantEvent).IsAssignableFrom(t))
        .ToDictionary(t => t.FullName!, StringComparer.Ordinal);

    /// <summary>The event's JSON, to be sent whole or in parts.</summary>
    public static string Serialize<TEvent>(TEvent @event)
        where TEvent : ITenantEvent => JsonSerializer.Serialize(@event);

    public string ToPayload() => string.Create(CultureInfo.InvariantCulture, $"{Node}|{Id}|{Type}|{Index}|{Parts}|{Text}");

    public static EventEnvelope? FromPayload(string payload)
    {
        var fields = payload.Split('|', 6);
        return fields.Length == 6
               && int.TryParse(fields[3], CultureInfo.InvariantCulture, out var index)
               && int.TryParse(fields[4], CultureInfo.InvariantCulture, out var parts)
            ? new EventEnvelope(fields[0], fields[1], fields[2], index, parts, fields[5])
            : null;
    }

    /// <summary>
    /// What arrived from another node, with the event type it names; null when it is unreadable, this node's own
    /// (<paramref name="node"/>), of an impossible number of parts, or of a type PartnerForge does not define.
    /// </summary>
    public static EventEnvelope? FromOtherNode(string payload, string node, out Type type)
    {
        type = typeof(object);
        var envelope = FromPayload(payload);
        if (envelope is null || envelope.Node == node || envelope.Parts is < 1 or > 1_000 || !KnownTypes.TryGetValue(envelope.Type, out var known))
        {
            return null;
        }

        type = known;
        return envelope;
    }

    /// <summary>The event from its whole JSON (throws <see cref="JsonException"/> when it is not one).</summary>
    public static ITenantEvent? Deserialize(Type type, string json) => JsonSerializer.Deserialize(json, type) as ITenantEvent;
}
