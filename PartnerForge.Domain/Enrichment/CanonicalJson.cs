using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerForge.Domain.Enrichment;

/// <summary>
/// The canonical form of a module's output: object keys sorted ordinally, no insignificant whitespace,
/// facts ordered by path then value, fetch times left out (a re-fetch of the same content is the same
/// snapshot). Two outputs with the same facts have the same SHA-256 hash, whatever order they were found in.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string FromFacts(IEnumerable<Fact> facts)
    {
        var array = new JsonArray();
        foreach (var fact in facts.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal))
        {
            array.Add(new JsonObject
            {
                ["path"] = fact.Path,
                ["value"] = fact.Value,
                ["source"] = new JsonObject
                {
                    ["url"] = fact.Source.Url,
                    ["method"] = fact.Source.Method,
                    ["excerpt"] = fact.Source.Excerpt,
                },
            });
        }

        return Canonicalize(new JsonObject { ["facts"] = array });
    }

    /// <summary>Re-serializes any JSON with sorted keys and no whitespace.</summary>
    public static string Canonicalize(JsonNode? node) => Sort(node)?.ToJsonString(Options) ?? "null";

    public static string Hash(string canonicalJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray arr => new JsonArray(arr.Select(Sort).ToArray()),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };
}
