using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Crm;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// HubSpot's CRM v3 API: objects listed with <c>after</c> paging, the search API on the last-modified date for
/// incremental pulls (moving the filter forward at the search's 10,000-result cap), batch update and create with per-record
/// errors (207 multi-status; a 400 validation error of a batch is retried record by record so only the bad one fails),
/// owners, and the associations of deals to companies. A 429 waits (Retry-After, else the 10-second window) and tries
/// again; a 401 renews the token once and tries again.
/// </summary>
public sealed class HubSpotConnector(HttpClient http, IOptions<CrmOptions> options) : ICrmConnector
{
    /// <summary>HubSpot's search returns at most this many results for one query.</summary>
    public const int SearchCap = 10_000;

    private HubSpotOptions Hub => options.Value.HubSpot;

    public CrmProvider Provider => CrmProvider.HubSpot;

    public static string ObjectType(CrmObjectKind kind) => kind switch
    {
        CrmObjectKind.Company => "companies",
        CrmObjectKind.Contact => "contacts",
        CrmObjectKind.Deal => "deals",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "HubSpot objects are companies, contacts and deals."),
    };

    /// <summary>The property that holds a record's last change (contacts have their own name for it).</summary>
    public static string ModifiedProperty(CrmObjectKind kind) => kind == CrmObjectKind.Contact ? "lastmodifieddate" : "hs_lastmodifieddate";

    public async Task<CrmPage> ReadAsync(CrmSession session, CrmObjectKind kind, IReadOnlyCollection<string> properties, string? cursor, bool archived, CancellationToken cancellationToken)
    {
        var query = new Dictionary<string, string?>
        {
            ["limit"] = Hub.PageSize.ToString(CultureInfo.InvariantCulture),
            ["properties"] = string.Join(',', WithSystemProperties(kind, properties)),
            ["archived"] = archived ? "true" : "false",
        };
        if (cursor is not null)
        {
            query["after"] = cursor;
        }

        if (kind == CrmObjectKind.Deal && !archived)
        {
            query["associations"] = "companies";
        }

        var url = QueryHelpers.AddQueryString(Url($"/crm/v3/objects/{ObjectType(kind)}"), query);
        var json = await SendJsonAsync(session, () => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
        return new CrmPage(Records(json), json["paging"]?["next"]?["after"]?.GetValue<string>());
    }

    public async Task<CrmPage> ChangedSinceAsync(CrmSession session, CrmObjectKind kind, IReadOnlyCollection<string> properties, DateTime sinceUtc, string? cursor, CancellationToken cancellationToken)
    {
        var (sinceMs, after) = ReadCursor(cursor, sinceUtc);
        var modified = ModifiedProperty(kind);
        var body = new JsonObject
        {
            ["filterGroups"] = new JsonArray(new JsonObject
            {
                ["filters"] = new JsonArray(new JsonObject { ["propertyName"] = modified, ["operator"] = "GTE", ["value"] = sinceMs.ToString(CultureInfo.InvariantCulture) }),
            }),
            ["sorts"] = new JsonArray(new JsonObject { ["propertyName"] = modified, ["direction"] = "ASCENDING" }),
            ["properties"] = new JsonArray(WithSystemProperties(kind, properties).Select(p => (JsonNode)p!).ToArray()),
            ["limit"] = Hub.PageSize,
            ["after"] = after.ToString(CultureInfo.InvariantCulture),
        };
        var json = await SendJsonAsync(session, () => Post($"/crm/v3/objects/{ObjectType(kind)}/search", body), cancellationToken);
        var records = Records(json).ToList();
        if (kind == CrmObjectKind.Deal && records.Count > 0)
        {
            records = await WithCompaniesAsync(session, records, cancellationToken);
        }

        return new CrmPage(records, NextCursor(json, records, sinceMs, after, modified));
    }

    public async Task<IReadOnlyList<CrmRecord>> ReadByIdsAsync(CrmSession session, CrmObjectKind kind, IReadOnlyCollection<string> properties, IReadOnlyList<string> ids,
        CancellationToken cancellationToken)
    {
        var records = new List<CrmRecord>();
        foreach (var chunk in ids.Chunk(Hub.PageSize))
        {
            var body = new JsonObject
            {
                ["properties"] = new JsonArray(WithSystemProperties(kind, properties).Select(p => (JsonNode)p!).ToArray()),
                ["inputs"] = new JsonArray(chunk.Select(id => (JsonNode)new JsonObject { ["id"] = id }).ToArray()),
            };
            using var response = await SendAsync(session, () => Post($"/crm/v3/objects/{ObjectType(kind)}/batch/read", body), cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            EnsureSuccess(response, text); // 207: the ids it no longer has are in "errors"; the others come back
            records.AddRange(Records(JsonNode.Parse(text)!));
        }

        return kind == CrmObjectKind.Deal && records.Count > 0 ? await WithCompaniesAsync(session, records, cancellationToken) : records;
    }

    public async Task<IReadOnlyList<CrmOwner>> OwnersAsync(CrmSession session, CancellationToken cancellationToken)
    {
        var owners = new List<CrmOwner>();
        string? after = null;
        do
        {
            var query = new Dictionary<string, string?> { ["limit"] = "100" };
            if (after is not null)
            {
                query["after"] = after;
            }

            var url = QueryHelpers.AddQueryString(Url("/crm/v3/owners"), query);
            var json = await SendJsonAsync(session, () => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
            foreach (var o in json["results"]?.AsArray() ?? [])
            {
                var name = $"{o?["firstName"]?.GetValue<string>()} {o?["lastName"]?.GetValue<string>()}".Trim();
                owners.Add(new CrmOwner(Text(o?["id"])!, o?["email"]?.GetValue<string>(), name.Length == 0 ? null : name));
            }

            after = json["paging"]?["next"]?["after"]?.GetValue<string>();
        }
        while (after is not null);

        return owners;
    }

    public Task<IReadOnlyList<CrmWriteResult>> UpdateAsync(CrmSession session, CrmObjectKind kind, IReadOnlyList<CrmWrite> writes, CancellationToken cancellationToken) =>
        WriteAsync(session, kind, "update", writes, cancellationToken);

    public Task<IReadOnlyList<CrmWriteResult>> CreateAsync(CrmSession session, CrmObjectKind kind, IReadOnlyList<CrmWrite> writes, CancellationToken cancellationToken) =>
        WriteAsync(session, kind, "create", writes, cancellationToken);

    private async Task<IReadOnlyList<CrmWriteResult>> WriteAsync(CrmSession session, CrmObjectKind kind, string action, IReadOnlyList<CrmWrite> writes, CancellationToken cancellationToken)
    {
        var results = new List<CrmWriteResult>(writes.Count);
        foreach (var batch in writes.Chunk(Hub.PageSize))
        {
            results.AddRange(await WriteBatchAsync(session, kind, action, batch, cancellationToken));
        }

        return results;
    }

    private async Task<IReadOnlyList<CrmWriteResult>> WriteBatchAsync(CrmSession session, CrmObjectKind kind, string action, CrmWrite[] batch, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["inputs"] = new JsonArray(batch.Select(w => (JsonNode)Input(w, action)).ToArray()) };
        using var response = await SendAsync(session, () => Post($"/crm/v3/objects/{ObjectType(kind)}/batch/{action}", body), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest && batch.Length > 1)
        {
            // HubSpot refuses a whole batch for one record's invalid value: write them one by one, so only that one fails.
            var single = new List<CrmWriteResult>(batch.Length);
            foreach (var write in batch)
            {
                single.AddRange(await WriteBatchAsync(session, kind, action, [write], cancellationToken));
            }

            return single;
        }

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            return [new CrmWriteResult(batch[0].Key, batch[0].CrmId, ErrorMessage(JsonNode.Parse(text)) ?? "HubSpot refused the record.")];
        }

        EnsureSuccess(response, text);
        return BatchResults(JsonNode.Parse(text)!, batch, action);
    }

    private static JsonObject Input(CrmWrite write, string action)
    {
        var properties = new JsonObject();
        foreach (var (key, value) in write.Properties)
        {
            properties[key] = value;
        }

        var input = new JsonObject { ["properties"] = properties };
        if (action == "update")
        {
            input["id"] = write.CrmId;
        }
        else
        {
            // Creates come back in any order: HubSpot echoes objectWriteTraceId so each answer finds its record.
            input["objectWriteTraceId"] = write.Key;
        }

        return input;
    }

    private static List<CrmWriteResult> BatchResults(JsonNode json, IReadOnlyList<CrmWrite> batch, string action)
    {
        var byCrmId = batch.Where(w => w.CrmId is not null).ToDictionary(w => w.CrmId!, StringComparer.Ordinal);
        var results = new List<CrmWriteResult>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in json["results"]?.AsArray() ?? [])
        {
            var id = Text(r?["id"]);
            var key = action == "create" ? r?["objectWriteTraceId"]?.GetValue<string>() : id is not null && byCrmId.TryGetValue(id, out var w) ? w.Key : null;
            if (key is not null && done.Add(key))
            {
                results.Add(new CrmWriteResult(key, id, null));
            }
        }

        foreach (var error in json["errors"]?.AsArray() ?? [])
        {
            var message = ErrorMessage(error) ?? "HubSpot refused the record.";
            foreach (var id in ContextIds(error))
            {
                var write = batch.FirstOrDefault(w => w.CrmId == id || w.Key == id);
                if (write is not null && done.Add(write.Key))
                {
                    results.Add(new CrmWriteResult(write.Key, write.CrmId, message));
                }
            }
        }

        // A record HubSpot named nowhere did not get written.
        results.AddRange(batch.Where(w => !done.Contains(w.Key)).Select(w => new CrmWriteResult(w.Key, w.CrmId, "HubSpot did not confirm this record.")));
        return results;
    }

    private static IEnumerable<string> ContextIds(JsonNode? error)
    {
        var context = error?["context"];
        foreach (var name in new[] { "ids", "id", "objectWriteTraceId" })
        {
            foreach (var id in context?[name]?.AsArray() ?? [])
            {
                if (Text(id) is { } text)
                {
                    yield return text;
                }
            }
        }
    }

    private static string? ErrorMessage(JsonNode? error)
    {
        var message = error?["message"]?.GetValue<string>();
        var details = (error?["errors"]?.AsArray() ?? []).Select(e => e?["message"]?.GetValue<string>()).Where(m => !string.IsNullOrEmpty(m)).ToList();
        return details.Count > 0 ? $"{message} {string.Join(" ", details)}".Trim() : message;
    }

    private async Task<List<CrmRecord>> WithCompaniesAsync(CrmSession session, List<CrmRecord> deals, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["inputs"] = new JsonArray(deals.Select(d => (JsonNode)new JsonObject { ["id"] = d.Id }).ToArray()) };
        var json = await SendJsonAsync(session, () => Post("/crm/v3/associations/deals/companies/batch/read", body), cancellationToken);
        var map = (json["results"]?.AsArray() ?? []).ToDictionary(
            r => Text(r?["from"]?["id"])!,
            r => (IReadOnlyList<string>)(r?["to"]?.AsArray() ?? []).Select(t => Text(t?["id"])!).ToList(),
            StringComparer.Ordinal);
        return deals.Select(d => d with { CompanyIds = map.GetValueOrDefault(d.Id) ?? [] }).ToList();
    }

    private static IEnumerable<string> WithSystemProperties(CrmObjectKind kind, IEnumerable<string> properties)
    {
        var all = new List<string>(properties) { ModifiedProperty(kind), "hs_merged_object_ids", "hubspot_owner_id" };
        if (kind == CrmObjectKind.Contact)
        {
            all.Add("associatedcompanyid");
        }

        return all.Distinct(StringComparer.Ordinal);
    }

    private static (long SinceMs, int After) ReadCursor(string? cursor, DateTime sinceUtc)
    {
        if (cursor is not null && cursor.Split('|') is [var since, var after]
            && long.TryParse(since, CultureInfo.InvariantCulture, out var s) && int.TryParse(after, CultureInfo.InvariantCulture, out var a))
        {
            return (s, a);
        }

        return (new DateTimeOffset(DateTime.SpecifyKind(sinceUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds(), 0);
    }

    /// <summary>
    /// The next search page; at the search's cap the filter moves to the last record's change time and paging restarts
    /// (records changed in that same millisecond come again, which an upsert takes in its stride).
    /// </summary>
    private static string? NextCursor(JsonNode json, List<CrmRecord> records, long sinceMs, int after, string modified)
    {
        if (json["paging"]?["next"]?["after"]?.GetValue<string>() is not { } next || records.Count == 0)
        {
            return null;
        }

        var nextAfter = int.Parse(next, CultureInfo.InvariantCulture);
        if (nextAfter + records.Count <= SearchCap)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{sinceMs}|{nextAfter}");
        }

        var last = records[^1].UpdatedAtUtc ?? Parse(records[^1][modified]);
        var lastMs = last is { } l ? new DateTimeOffset(l).ToUnixTimeMilliseconds() : sinceMs;
        if (lastMs <= sinceMs)
        {
            // The filter cannot move: more than the cap changed within one millisecond.
            throw new HttpRequestException($"More than {SearchCap} HubSpot records changed at the same instant; run an initial sync instead.");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{lastMs}|0");
    }

    private static List<CrmRecord> Records(JsonNode json) =>
        (json["results"]?.AsArray() ?? []).Where(r => r is not null).Select(r => Record(r!)).ToList();

    private static CrmRecord Record(JsonNode r)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in r["properties"]?.AsObject() ?? [])
        {
            properties[key] = Text(value);
        }

        var companies = (r["associations"]?["companies"]?["results"]?.AsArray() ?? []).Select(a => Text(a?["id"])).OfType<string>().Distinct().ToList();
        return new CrmRecord(Text(r["id"])!, properties, Parse(Text(r["updatedAt"])), r["archived"]?.GetValue<bool>() ?? false, companies);
    }

    internal static DateTime? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value, CultureInfo.InvariantCulture, out var ms))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : null;
    }

    private static string? Text(JsonNode? node) => node is null ? null
        : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>()
        : node.ToJsonString();

    private HttpRequestMessage Post(string path, JsonNode body) =>
        new(HttpMethod.Post, Url(path)) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    private string Url(string path) => HubSpotAuthClient.Combine(Hub.ApiBaseUrl, path);

    private async Task<JsonNode> SendJsonAsync(CrmSession session, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(session, request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        EnsureSuccess(response, text);
        return JsonNode.Parse(text) ?? new JsonObject();
    }

    private static void EnsureSuccess(HttpResponseMessage response, string text)
    {
        if (!response.IsSuccessStatusCode)
        {
            JsonNode? json = null;
            try
            {
                json = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
            }

            var message = ErrorMessage(json) ?? text[..Math.Min(text.Length, 300)];
            throw new HttpRequestException($"HubSpot answered {(int)response.StatusCode}: {message}", null, response.StatusCode);
        }
    }

    /// <summary>
    /// Sends with the session's token. A 429 waits and sends again (up to the configured number of times); a 401 renews
    /// the token once and sends again; a 502/503/504 is tried again twice.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(CrmSession session, Func<HttpRequestMessage> make, CancellationToken cancellationToken)
    {
        var token = await session.AccessTokenAsync(cancellationToken);
        var (limited, renewed, failed) = (0, false, 0);
        while (true)
        {
            using var request = make();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            session.CountCall();
            var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && ++limited <= Hub.MaxRateLimitRetries)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? Hub.RateLimitBackoff;
                response.Dispose();
                await session.WaitAsync(wait, cancellationToken);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && !renewed)
            {
                response.Dispose();
                renewed = true;
                token = await session.RenewAsync(token, cancellationToken);
                continue;
            }

            if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout && ++failed <= 2)
            {
                response.Dispose();
                await session.WaitAsync(Hub.RateLimitBackoff / 10 * failed, cancellationToken);
                continue;
            }

            return response;
        }
    }
}
