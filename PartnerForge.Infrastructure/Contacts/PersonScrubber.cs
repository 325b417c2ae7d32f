using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Infrastructure.Contacts;

/// <summary>
/// Takes one person's name and e-mail address out of stored text: plain text, HTML (the name HTML-encoded too) and JSON
/// (parsed, so every string value and property name is scrubbed and the document stays valid). A mention is replaced by
/// <see cref="Erased"/>, in any letter case, as a whole word (erasing "Ann" leaves "Anna" alone).
/// </summary>
internal sealed class PersonScrubber
{
    public const string Erased = "[erased]";

    /// <summary>The stand-in inside a fact or change path, where brackets hold keys (<c>executive[(erased)].title</c>).</summary>
    public const string ErasedInPath = "(erased)";

    private static readonly JsonSerializerOptions DefaultJson = new();
    private readonly Regex pattern;

    public PersonScrubber(string name, string? email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var names = Spellings(name.Trim());
        var addresses = string.IsNullOrWhiteSpace(email) ? [] : Spellings(email.Trim());
        var alternatives = new List<string>
        {
            $@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', names.OrderByDescending(n => n.Length).Select(Regex.Escape))})(?![\p{{L}}\p{{N}}])",
        };
        if (addresses.Count > 0)
        {
            alternatives.Add($@"(?<![\w.+-])(?:{string.Join('|', addresses.OrderByDescending(a => a.Length).Select(Regex.Escape))})(?![\w-]|\.\w)");
        }

        pattern = new Regex(string.Join('|', alternatives), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        Needles = names.Concat(addresses)
            .SelectMany(s => new[] { s, s.ToLowerInvariant(), s.ToUpperInvariant() })
            .Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The spellings to look for in the database (a first, case-sensitive sieve; <see cref="Mentions"/> decides).</summary>
    public IReadOnlyList<string> Needles { get; }

    public bool Mentions(string? text) => !string.IsNullOrEmpty(text) && pattern.IsMatch(text);

    public string? Text(string? text) => string.IsNullOrEmpty(text) ? text : pattern.Replace(text, Erased);

    /// <summary>A fact or change path (<c>outreach[Ada Lovelace].replied</c>) with the person's name taken out and its brackets intact.</summary>
    public string Path(string path) => pattern.Replace(path, ErasedInPath);

    /// <summary>Scrubs JSON as JSON; text that does not parse is scrubbed as text.</summary>
    /// <param name="canonical">Write the result in <see cref="CanonicalJson"/> form (snapshots); else as System.Text.Json writes by default (audit entries).</param>
    public string Json(string json, bool canonical)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return Text(json)!;
        }

        var scrubbed = Walk(node, null);
        return canonical ? CanonicalJson.Canonicalize(scrubbed) : scrubbed?.ToJsonString(DefaultJson) ?? "null";
    }

    private JsonNode? Walk(JsonNode? node, string? property)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var name = Text(key)!;
                    for (var n = 2; copy.ContainsKey(name); n++)
                    {
                        name = $"{Text(key)} ({n})";
                    }

                    copy[name] = Walk(value, key);
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(item => Walk(item, null)).ToArray());
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                return JsonValue.Create(property == "path" ? Path(text) : Text(text));
            default:
                return node.DeepClone();
        }
    }

    /// <summary>
    /// The ways a value is written in storage: as typed, as an outreach path writes it (brackets as parentheses), HTML-encoded
    /// (digests), and JSON-escaped inside JSON held in a string (an audit entry's serialized filter).
    /// </summary>
    private static List<string> Spellings(string value)
    {
        var escaped = JsonSerializer.Serialize(value, DefaultJson)[1..^1];
        return new[] { value, value.Replace('[', '(').Replace(']', ')'), WebUtility.HtmlEncode(value), escaped }
            .Distinct(StringComparer.Ordinal).ToList();
    }
}
