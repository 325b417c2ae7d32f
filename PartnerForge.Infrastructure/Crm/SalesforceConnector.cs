using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Crm;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>The CRM's daily API allowance is (nearly) used up: the sync stops before it takes what other tools need.</summary>
public sealed class CrmApiLimitException(string message) : Exception(message);

/// <summary>
/// Salesforce's REST API for an org (its <c>instance_url</c>): SOQL queries paged by <c>nextRecordsUrl</c>, incremental
/// pulls on <c>SystemModstamp</c>, deleted and merged records through <c>queryAll</c> (<c>IsDeleted</c>,
/// <c>MasterRecordId</c>), writes through the sObject collections API (200 records a call, each record's refusal on its
/// own), active users as owners. Every answer's <c>Sforce-Limit-Info</c> is kept on the session and a sync stops before
/// the org's remaining daily calls fall below <see cref="SalesforceOptions.MinRemainingApiCalls"/>; a 401
/// INVALID_SESSION_ID renews the token once; a 503 waits and tries again.
/// </summary>
public sealed partial class SalesforceConnector(HttpClient http, IOptions<CrmOptions> options) : ICrmConnector
{
    /// <summary>Ids per <c>WHERE Id IN (...)</c> query (keeps the query's URL well under Salesforce's limit).</summary>
    public const int IdsPerQuery = 200;

    private SalesforceOptions Sf => options.Value.Salesforce;

    public CrmProvider Provider => CrmProvider.Salesforce;

    public static string SObject(CrmObjectKind kind) => kind switch
    {
        CrmObjectKind.Company => "Account",
        CrmObjectKind.Contact => "Contact",
        CrmObjectKind.Deal => "Opportunity",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Salesforce objects are accounts, contacts and opportunities."),
    };

    public Task<CrmPage> ReadAsync(CrmSession session, CrmObjectKind kind, IReadOnlyCollection<string> properties, string? cursor, bool archived, CancellationToken cancellationToken)
    {
        if (cursor is not null)
        {
            return PageAsync(session, cursor, cancellationToken);
        }

        if (archived)
        {
            // Opportunities cannot be merged, so they have no MasterRecordId.
            var fields = kind == CrmObjectKind.Deal ? "Id, SystemModstamp" : "Id, MasterRecordId, SystemModstamp";
            return QueryAsync(session, "queryAll", $"SELECT {fields} FROM {SObject(kind)} WHERE IsDeleted = true", cancellationToken);
        }

        return QueryAsync(session, "query", $"SELECT {Fields(kind, properties)} FROM {SObject(kind)} ORDER BY Id", cancellationToken);
    }

    public Task<CrmPage> ChangedSinceAsync(CrmSession session, CrmObjectKind kind, IReadOnlyCollection<string> properties, DateTime sinceUtc, string? cursor,
        CancellationToken cancellationToken)
    {
        if (cursor is not null)
        {
            return PageAsync(session, cursor, cancellationToken);
        }

        var since = DateTime.SpecifyKind(sinceUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return QueryAsync(session, "query", $"SELECT {Fields(kind, properties)} FROM {SObject(kind)} WHERE SystemModstamp >= {since} ORDER BY SystemModstamp, Id",
            cancellationToken);
    }

    public async Task<IReadOnlyList<CrmRecord>> ReadByIdsAsync(CrmSession session, CrmObjectKind kind, IReadOnlyCollection<string> properties, IReadOnlyList<string> ids,
        CancellationToken cancellationToken)
    {
        var records = new List<CrmRecord>();
        foreach (var chunk in ids.Where(IsId).Distinct(StringComparer.Ordinal).Chunk(IdsPerQuery))
        {
            var list = string.Join(", ", chunk.Select(id => $"'{id}'"));
            var page = await QueryAsync(session, "query", $"SELECT {Fields(kind, properties)} FROM {SObject(kind)} WHERE Id IN ({list})", cancellationToken);
            records.AddRange(page.Records);
            for (var next = page.Next; next is not null;)
            {
                var more = await PageAsync(session, next, cancellationToken);
                records.AddRange(more.Records);
                next = more.Next;
            }
        }

        return records;
    }

    public async Task<IReadOnlyList<CrmOwner>> OwnersAsync(CrmSession session, CancellationToken cancellationToken)
    {
        var owners = new List<CrmOwner>();
        var page = await QueryAsync(session, "query", "SELECT Id, Email, Name FROM User WHERE IsActive = true", cancellationToken);
        while (true)
        {
            owners.AddRange(page.Records.Select(r => new CrmOwner(r.Id, r["Email"], r["Name"])));
            if (page.Next is null)
            {
                return owners;
            }

            page = await PageAsync(session, page.Next, cancellationToken);
        }
    }

    public Task<IReadOnlyList<CrmWriteResult>> UpdateAsync(CrmSession session, CrmObjectKind kind, IReadOnlyList<CrmWrite> writes, CancellationToken cancellationToken) =>
        WriteAsync(session, kind, writes, upsert: false, cancellationToken);

    /// <summary>Creates records; accounts are upserted on the external id field (the write's key), so a repeated create makes no duplicate.</summary>
    public Task<IReadOnlyList<CrmWriteResult>> CreateAsync(CrmSession session, CrmObjectKind kind, IReadOnlyList<CrmWrite> writes, CancellationToken cancellationToken) =>
        WriteAsync(session, kind, writes, upsert: kind == CrmObjectKind.Company, cancellationToken);

    private async Task<IReadOnlyList<CrmWriteResult>> WriteAsync(CrmSession session, CrmObjectKind kind, IReadOnlyList<CrmWrite> writes, bool upsert,
        CancellationToken cancellationToken)
    {
        var results = new List<CrmWriteResult>(writes.Count);
        foreach (var batch in writes.Chunk(Sf.PageSize))
        {
            var update = batch[0].CrmId is not null && !upsert;
            var body = new JsonObject
            {
                ["allOrNone"] = false,
                ["records"] = new JsonArray(batch.Select(w => (JsonNode)Input(kind, w, upsert)).ToArray()),
            };
            var path = upsert ? $"composite/sobjects/{SObject(kind)}/{Sf.ExternalIdField}" : "composite/sobjects";
            var method = update || upsert ? HttpMethod.Patch : HttpMethod.Post;
            var json = await SendJsonAsync(session, instance => Request(method, $"{instance}/services/data/{Sf.ApiVersion}/{path}", body), cancellationToken);
            results.AddRange(WriteResults(json, batch));
        }

        return results;
    }

    private JsonObject Input(CrmObjectKind kind, CrmWrite write, bool upsert)
    {
        var record = new JsonObject { ["attributes"] = new JsonObject { ["type"] = SObject(kind) } };
        if (write.CrmId is not null && !upsert)
        {
            record["id"] = write.CrmId;
        }

        if (upsert)
        {
            record[Sf.ExternalIdField] = write.Key;
        }

        foreach (var (field, value) in write.Properties)
        {
            // An empty value clears the field (Salesforce takes null, not "", for a number or picklist).
            record[field] = string.IsNullOrEmpty(value) ? null : value;
        }

        return record;
    }

    /// <summary>The collections API answers one result per record, in the order sent.</summary>
    private static List<CrmWriteResult> WriteResults(JsonNode json, CrmWrite[] batch)
    {
        var answers = json as JsonArray ?? [];
        var results = new List<CrmWriteResult>(batch.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            var answer = i < answers.Count ? answers[i] : null;
            if (answer is null)
            {
                results.Add(new CrmWriteResult(batch[i].Key, batch[i].CrmId, "Salesforce did not confirm this record."));
                continue;
            }

            var id = answer["id"]?.GetValue<string>() ?? batch[i].CrmId;
            results.Add(answer["success"]?.GetValue<bool>() == true
                ? new CrmWriteResult(batch[i].Key, id, null)
                : new CrmWriteResult(batch[i].Key, id, RecordErrors(answer["errors"] as JsonArray)));
        }

        return results;
    }

    private static string RecordErrors(JsonArray? errors)
    {
        var texts = (errors ?? []).Select(e =>
        {
            var fields = (e?["fields"] as JsonArray ?? []).Select(f => f?.GetValue<string>()).Where(f => !string.IsNullOrEmpty(f)).ToList();
            var message = e?["message"]?.GetValue<string>() ?? "refused";
            var code = e?["statusCode"]?.GetValue<string>();
            return $"{message}{(fields.Count > 0 ? $" ({string.Join(", ", fields)})" : string.Empty)}{(code is null ? string.Empty : $" [{code}]")}";
        }).ToList();
        return texts.Count > 0 ? string.Join(" ", texts) : "Salesforce refused the record.";
    }

    private static string Fields(CrmObjectKind kind, IEnumerable<string> properties)
    {
        var all = new List<string> { "Id", "SystemModstamp", "OwnerId" };
        if (kind != CrmObjectKind.Company)
        {
            all.Add("AccountId");
        }

        all.AddRange(properties.Where(p => FieldName().IsMatch(p)));
        return string.Join(", ", all.Distinct(StringComparer.OrdinalIgnoreCase));
    }

    private Task<CrmPage> QueryAsync(CrmSession session, string resource, string soql, CancellationToken cancellationToken) =>
        PageAsync(session, $"/services/data/{Sf.ApiVersion}/{resource}?q={Uri.EscapeDataString(soql)}", cancellationToken);

    /// <summary>A query's page; <paramref name="path"/> is the query or a <c>nextRecordsUrl</c> (the cursor of the next page).</summary>
    private async Task<CrmPage> PageAsync(CrmSession session, string path, CancellationToken cancellationToken)
    {
        if (!path.StartsWith("/services/data/", StringComparison.Ordinal))
        {
            throw new ArgumentException("A Salesforce cursor is a path of its own API.", nameof(path));
        }

        var json = await SendJsonAsync(session, instance =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, instance + path);
            request.Headers.Add("Sforce-Query-Options", "batchSize=2000");
            return request;
        }, cancellationToken);
        var records = (json["records"] as JsonArray ?? []).Where(r => r is not null).Select(r => Record(r!)).ToList();
        var done = json["done"]?.GetValue<bool>() ?? true;
        return new CrmPage(records, done ? null : json["nextRecordsUrl"]?.GetValue<string>());
    }

    private static CrmRecord Record(JsonNode r)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in r.AsObject())
        {
            if (key != "attributes" && value is not JsonObject)
            {
                properties[key] = Text(value);
            }
        }

        var account = properties.GetValueOrDefault("AccountId");
        return new CrmRecord(properties["Id"]!, properties, Parse(properties.GetValueOrDefault("SystemModstamp")), false, account is null ? [] : [account])
        {
            OwnerId = properties.GetValueOrDefault("OwnerId"),
            CompanyId = account,
            MergedIntoId = properties.GetValueOrDefault("MasterRecordId"),
        };
    }

    /// <summary>Salesforce's date-times (<c>2026-11-20T09:30:41.000+0000</c>) in UTC.</summary>
    public static DateTime? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = OffsetWithoutColon().Replace(value, "$1:$2");
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : null;
    }

    private static string? Text(JsonNode? node) => node is null ? null
        : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>()
        : node.ToJsonString();

    private static bool IsId(string id) => SalesforceId().IsMatch(id);

    private static HttpRequestMessage Request(HttpMethod method, string url, JsonNode body) =>
        new(method, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,79}$")]
    private static partial Regex FieldName();

    [GeneratedRegex("^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$")]
    private static partial Regex SalesforceId();

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex OffsetWithoutColon();
}
