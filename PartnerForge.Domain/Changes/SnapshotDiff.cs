using System.Text.Json;

namespace PartnerForge.Domain.Changes;

public enum ChangeKind
{
    Added = 0,
    Removed = 1,
    Changed = 2,
}

/// <summary>One difference between two consecutive snapshots of one module, before significance is scored.</summary>
public sealed record FactDifference(string Module, string Path, ChangeKind Kind, string? OldValue, string? NewValue);

/// <summary>A difference with its significance (0–100) and the name of the rule that scored it.</summary>
public sealed record DetectedChange(string Module, string Path, ChangeKind Kind, string? OldValue, string? NewValue, int Significance, string Rule, string? Technology);

/// <summary>
/// The difference between two snapshots' canonical JSON. A snapshot of the enrichment form
/// (<c>{"facts":[{"path":..,"value":..,"source":..}]}</c>) is compared fact by fact: a path holding one value
/// on both sides is "changed" when the value differs; a path holding several values (a list, e.g. social links)
/// is compared as a set, each value added or removed. Sources are ignored: a re-fetch from another URL with the
/// same facts is no change. Any other JSON is flattened to leaf paths (<c>a.b[0].c</c>) and compared the same way.
/// </summary>
public static class SnapshotDiff
{
    public static IReadOnlyList<FactDifference> Compare(string module, string? previousJson, string currentJson)
    {
        var before = previousJson is null ? [] : Facts(previousJson);
        var after = Facts(currentJson);
        var result = new List<FactDifference>();

        // Both lists are ordered by path (then value): walk them together one path group at a time.
        int i = 0, j = 0;
        while (i < before.Count || j < after.Count)
        {
            var order = i >= before.Count ? 1 : j >= after.Count ? -1 : string.CompareOrdinal(before[i].Path, after[j].Path);
            var path = order <= 0 ? before[i].Path : after[j].Path;
            var oldEnd = i;
            while (order <= 0 && oldEnd < before.Count && string.Equals(before[oldEnd].Path, path, StringComparison.Ordinal))
            {
                oldEnd++;
            }

            var newEnd = j;
            while (order >= 0 && newEnd < after.Count && string.Equals(after[newEnd].Path, path, StringComparison.Ordinal))
            {
                newEnd++;
            }

            CompareGroup(module, path, before, i, oldEnd, after, j, newEnd, result);
            i = oldEnd;
            j = newEnd;
        }

        return result;
    }

    private static void CompareGroup(string module, string path, List<(string Path, string Value)> before, int oldStart, int oldEnd,
        List<(string Path, string Value)> after, int newStart, int newEnd, List<FactDifference> result)
    {
        if (oldEnd - oldStart == 1 && newEnd - newStart == 1)
        {
            if (!string.Equals(before[oldStart].Value, after[newStart].Value, StringComparison.Ordinal))
            {
                result.Add(new(module, path, ChangeKind.Changed, before[oldStart].Value, after[newStart].Value));
            }

            return;
        }

        // Values within a group are sorted: a merge gives the set difference.
        int i = oldStart, j = newStart;
        while (i < oldEnd || j < newEnd)
        {
            var order = i >= oldEnd ? 1 : j >= newEnd ? -1 : string.CompareOrdinal(before[i].Value, after[j].Value);
            if (order == 0)
            {
                i++;
                j++;
            }
            else if (order < 0)
            {
                if (i == oldStart || before[i - 1].Value != before[i].Value)
                {
                    result.Add(new(module, path, ChangeKind.Removed, before[i].Value, null));
                }

                i++;
            }
            else
            {
                if (j == newStart || after[j - 1].Value != after[j].Value)
                {
                    result.Add(new(module, path, ChangeKind.Added, null, after[j].Value));
                }

                j++;
            }
        }
    }

    /// <summary>The (path, value) pairs of a snapshot ordered by path then value.</summary>
    public static List<(string Path, string Value)> Facts(string json)
    {
        var list = ReadFactForm(json) ?? Flatten(json).SelectMany(p => p.Value.Select(v => (p.Key, v))).ToList();
        for (var k = 1; k < list.Count; k++)
        {
            if (Compare(list[k - 1], list[k]) > 0)
            {
                list.Sort(Compare);
                break;
            }
        }

        return list;
    }

    private static int Compare((string Path, string Value) a, (string Path, string Value) b)
    {
        var order = string.CompareOrdinal(a.Path, b.Path);
        return order != 0 ? order : string.CompareOrdinal(a.Value, b.Value);
    }

    /// <summary>Streams <c>{"facts":[{"path":..,"value":..}]}</c> without building a document; null if the JSON has another shape.</summary>
    private static List<(string Path, string Value)>? ReadFactForm(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !reader.Read()
            || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("facts")
            || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var list = new List<(string, string)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? path = null, value = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("path") && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    path = reader.GetString();
                }
                else if (reader.ValueTextEquals("value") && reader.Read())
                {
                    value = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString(),
                        JsonTokenType.Null => string.Empty,
                        JsonTokenType.StartObject or JsonTokenType.StartArray => null,
                        _ => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                    };
                    if (value is null)
                    {
                        return null;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (path is null || value is null)
            {
                return null;
            }

            list.Add((path, value));
        }

        return reader.TokenType == JsonTokenType.EndArray && reader.Read() && reader.TokenType == JsonTokenType.EndObject ? list : null;
    }

    /// <summary>Path → values of a snapshot (values in document order).</summary>
    public static Dictionary<string, List<string>> Flatten(string json)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("facts", out var facts)
            && facts.ValueKind == JsonValueKind.Array
            && facts.EnumerateArray().All(IsFact))
        {
            foreach (var fact in facts.EnumerateArray())
            {
                Add(map, fact.GetProperty("path").GetString()!, Scalar(fact.GetProperty("value")));
            }

            return map;
        }

        Walk(root, string.Empty, map);
        return map;
    }

    private static bool IsFact(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String && e.TryGetProperty("value", out _);

    private static void Walk(JsonElement element, string path, Dictionary<string, List<string>> map)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, map);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        Walk(item, $"{path}[{index}]", map);
                    }
                    else
                    {
                        // A list of scalars is a set under one path.
                        Add(map, path, Scalar(item));
                    }

                    index++;
                }

                break;
            default:
                Add(map, path.Length == 0 ? "$" : path, Scalar(element));
                break;
        }
    }

    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Null => string.Empty,
        _ => e.GetRawText(),
    };

    private static void Add(Dictionary<string, List<string>> map, string path, string value)
    {
        if (!map.TryGetValue(path, out var list))
        {
            map[path] = list = new List<string>(1);
        }

        list.Add(value);
    }
}
