using System.Text.Json.Nodes;
using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Domain.Changes;

/// <summary>
/// A technology counts as removed only after two runs in a row miss it. When a tech-stack (M02) run misses a
/// technology the previous snapshot had found, its facts are carried into this snapshot with a marker fact
/// <c>tech[Name].missed</c>: the diff sees no removal. When the next run misses it again (the previous snapshot
/// holds the marker), it is not carried: the diff sees it removed. A technology found again after one miss loses
/// only its marker, and marker differences are no change (<see cref="IsMarker"/>), so a blip raises nothing.
/// </summary>
public static class TechnologyPresence
{
    public const string MarkerSuffix = ".missed";

    public static bool IsMarker(string path) =>
        path.EndsWith("]" + MarkerSuffix, StringComparison.Ordinal) && TechnologyName(path) is not null;

    /// <summary>The current snapshot's canonical JSON with the technologies missed for the first time carried over.</summary>
    public static string Carry(string? previousJson, string currentJson)
    {
        if (previousJson is null
            || JsonNode.Parse(previousJson) is not JsonObject { } previous || previous["facts"] is not JsonArray before
            || JsonNode.Parse(currentJson) is not JsonObject { } current || current["facts"] is not JsonArray after)
        {
            return currentJson;
        }

        var present = Names(after, markers: false);
        var missedBefore = Names(before, markers: true);
        var carried = new List<JsonNode>();
        foreach (var fact in before.OfType<JsonObject>())
        {
            var path = (string?)fact["path"];
            if (path is null || TechnologyName(path) is not { } name || present.Contains(name) || missedBefore.Contains(name) || IsMarker(path))
            {
                continue;
            }

            carried.Add(fact.DeepClone());
            if (path == $"tech[{name}]")
            {
                carried.Add(new JsonObject { ["path"] = path + MarkerSuffix, ["value"] = "1", ["source"] = fact["source"]?.DeepClone() });
            }
        }

        if (carried.Count == 0)
        {
            return currentJson;
        }

        var all = after.Select(f => f!.DeepClone()).Concat(carried)
            .OrderBy(f => (string?)f["path"], StringComparer.Ordinal).ThenBy(f => f["value"]?.ToJsonString(), StringComparer.Ordinal).ToArray();
        current["facts"] = new JsonArray(all);
        return CanonicalJson.Canonicalize(current);
    }

    private static HashSet<string> Names(JsonArray facts, bool markers)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fact in facts.OfType<JsonObject>())
        {
            if ((string?)fact["path"] is { } path && TechnologyName(path) is { } name && IsMarker(path) == markers)
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The technology of a <c>tech[Name]…</c> path (M02 only), or null.</summary>
    private static string? TechnologyName(string path)
    {
        if (!path.StartsWith("tech[", StringComparison.Ordinal))
        {
            return null;
        }

        var end = path.IndexOf(']', 5);
        return end > 5 ? path[5..end] : null;
    }
}
