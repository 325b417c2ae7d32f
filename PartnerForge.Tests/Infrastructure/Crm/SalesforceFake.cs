using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnerForge.Tests.Infrastructure.Crm;

/// <summary>
/// A faithful Salesforce org on loopback (a real Kestrel app on 127.0.0.1, port 0) that is also its own login server:
/// the OAuth web server flow with PKCE (authorize, token with authorization_code and refresh_token, revoke), the identity
/// service, SOQL <c>query</c>/<c>queryAll</c> with <c>nextRecordsUrl</c> paging, the sObject collections API (create,
/// update, upsert on an external id; one result per record in order, per-record errors), <c>Sforce-Limit-Info</c> on
/// every API answer and 403 REQUEST_LIMIT_EXCEEDED past the daily limit, 401 INVALID_SESSION_ID for an expired session.
/// Seeded from recorded payloads in Fixtures/Crm/Salesforce. Every API request is counted.
/// </summary>
internal sealed partial class SalesforceFake : IAsyncDisposable
{
    public const string ClientId = "3MVG9fakeConsumerKey.Northwind_PartnerForge_0123456789";
    public const string ClientSecret = "F4K3C0N5UM3R53CR3T";
    public const string OrgId = "00DHs000000NwTdMAG";
    public const string OrgName = "Northwind Traders";
    public const string Version = "v61.0";

    private static readonly Dictionary<string, string> Prefixes = new(StringComparer.Ordinal)
    {
        ["Account"] = "001", ["Contact"] = "003", ["Opportunity"] = "006", ["User"] = "005", ["Organization"] = "00D",
    };

    private readonly Lock _lock = new();
    private readonly WebApplication _app;
    private readonly Dictionary<string, Dictionary<string, SfRecord>> _objects = Prefixes.Keys.ToDictionary(k => k, _ => new Dictionary<string, SfRecord>(StringComparer.Ordinal));
    private readonly Dictionary<string, HashSet<string>> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Challenge, string RedirectUri)> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> _cursors = new(StringComparer.Ordinal);
    private JsonObject _identity = new();
    private long _serial = 100_000;
    private int _apiCalls;

    private SalesforceFake(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>API requests served (OAuth requests not counted), refusals included.</summary>
    public int ApiCalls => Volatile.Read(ref _apiCalls);

    /// <summary>The org's API calls used today (starts where a busy org would be) and its daily allowance.</summary>
    public int ApiUsage { get; set; } = 1200;

    public int DailyLimit { get; set; } = 15_000;

    /// <summary>The most records a query page holds (Salesforce may return fewer than the requested batch size).</summary>
    public int MaxBatchSize { get; set; } = 2000;

    public int TokenRefreshes { get; private set; }

    /// <summary>The next this many API requests are answered 503 SERVER_UNAVAILABLE (a busy pod, or too many concurrent requests).</summary>
    public int BusyAnswers { get; set; }

    public string? LastAccessToken { get; private set; }

    public string? LastRefreshToken { get; private set; }

    /// <summary>The token requests as received (form fields), to check the PKCE verifier was sent.</summary>
    public List<Dictionary<string, string>> TokenRequests { get; } = [];

    /// <summary>A validation rule on Account (its error message when it refuses a record's new values, else null).</summary>
    public Func<IReadOnlyDictionary<string, JsonNode?>, string?>? AccountValidationRule { get; set; }

    /// <summary>"METHOD path decoded-query", in order.</summary>
    public List<string> Requests { get; } = [];

    public static async Task<SalesforceFake> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new SalesforceFake(app);
        fake.Map(app);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First().TrimEnd('/');
        fake.SeedFromFixtures();
        return fake;
    }

    private void SeedFromFixtures()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Crm", "Salesforce");
        foreach (var (file, type) in new[] { ("accounts", "Account"), ("contacts", "Contact"), ("opportunities", "Opportunity"), ("users", "User"), ("organization", "Organization") })
        {
            _fields[type] = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Id", "IsDeleted", "SystemModstamp" };
            foreach (var r in JsonNode.Parse(File.ReadAllText(Path.Combine(folder, file + ".json")))!["records"]!.AsArray())
            {
                var record = SfRecord.FromRecorded(type, r!.AsObject());
                _objects[type][record.Id] = record;
                _fields[type].UnionWith(record.Fields.Keys);
            }
        }

        _fields["User"].Add("IsActive");
        _identity = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "identity.json")))!.AsObject();
    }

    /// <summary>Adds <paramref name="count"/> accounts (with a website each) as if created in the org; their ids.</summary>
    public IReadOnlyList<string> AddAccounts(int count, string prefix = "bulk")
    {
        var ids = new List<string>();
        var from = DateTimeOffset.UtcNow.AddDays(-20);
        for (var i = 0; i < count; i++)
        {
            ids.Add(Create("Account", new Dictionary<string, JsonNode?>
            {
                ["Name"] = $"{prefix} account {i:D4}",
                ["Website"] = $"https://{prefix}-{i:D4}.example",
                ["Industry"] = "Technology",
                ["BillingCountry"] = "Germany",
            }, from.AddSeconds(i)));
        }

        return ids;
    }

    public string Create(string type, IReadOnlyDictionary<string, JsonNode?> fields, DateTimeOffset? at = null)
    {
        lock (_lock)
        {
            var record = new SfRecord(type, NewId(type), at ?? DateTimeOffset.UtcNow);
            foreach (var (key, value) in fields)
            {
                record.Fields[key] = value?.DeepClone();
            }

            _objects[type][record.Id] = record;
            return record.Id;
        }
    }

    /// <summary>An edit made in Salesforce: the values, a new SystemModstamp.</summary>
    public void Edit(string type, string id, IReadOnlyDictionary<string, JsonNode?> fields)
    {
        lock (_lock)
        {
            var record = _objects[type][id];
            foreach (var (key, value) in fields)
            {
                record.Fields[key] = value?.DeepClone();
            }

            record.Touch(DateTimeOffset.UtcNow);
        }
    }

    public string? Field(string type, string id, string field)
    {
        lock (_lock)
        {
            return _objects[type].TryGetValue(id, out var r) && r.Fields.GetValueOrDefault(field) is { } v ? SfRecord.Text(v) : null;
        }
    }

    /// <summary>Deleted in Salesforce: in the recycle bin (IsDeleted, seen by queryAll only).</summary>
    public void Delete(string type, string id)
    {
        lock (_lock)
        {
            _objects[type][id].Delete(null, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>Merged in Salesforce: the loser is deleted with MasterRecordId = the master, which changes too.</summary>
    public void Merge(string type, string masterId, string loserId)
    {
        lock (_lock)
        {
            _objects[type][loserId].Delete(masterId, DateTimeOffset.UtcNow);
            _objects[type][masterId].Touch(DateTimeOffset.UtcNow);
        }
    }

    /// <summary>Every session (access token) issued so far has timed out: the next API call gets 401 INVALID_SESSION_ID.</summary>
    public void ExpireSessions()
    {
        lock (_lock)
        {
            _sessions.Clear();
        }
    }

    /// <summary>The admin revoked the app's access in Salesforce (Connected Apps OAuth Usage): refresh tokens stop working.</summary>
    public void RevokeAllRefreshTokens()
    {
        lock (_lock)
        {
            _refreshTokens.Clear();
        }
    }

    public bool KnowsRefreshToken(string token)
    {
        lock (_lock)
        {
            return _refreshTokens.Contains(token);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private string NewId(string type)
    {
        // 18-character ids as Salesforce's: key prefix, pod, serial, checksum-like suffix.
        var serial = (++_serial).ToString("D9", CultureInfo.InvariantCulture);
        return $"{Prefixes[type]}Hs0{serial}ZZZ";
    }

    private static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static IResult Json(JsonNode body, int status = 200) => Results.Text(body.ToJsonString(), "application/json", Encoding.UTF8, status);

    /// <summary>Salesforce's REST error body: an array of {message, errorCode}.</summary>
    private static IResult Errors(int status, string code, string message) =>
        Json(new JsonArray(new JsonObject { ["message"] = message, ["errorCode"] = code }), status);
}

/// <summary>One sObject record in the fake org.</summary>
internal sealed class SfRecord(string type, string id, DateTimeOffset modstamp)
{
    public string Type { get; } = type;

    public string Id { get; } = id;

    public Dictionary<string, JsonNode?> Fields { get; } = new(StringComparer.OrdinalIgnoreCase) { ["Id"] = id, ["SystemModstamp"] = Stamp(modstamp), ["IsDeleted"] = false };

    public bool IsDeleted => Fields.GetValueOrDefault("IsDeleted")?.GetValue<bool>() == true;

    public static SfRecord FromRecorded(string type, JsonObject recorded)
    {
        var record = new SfRecord(type, recorded[nameof(Id)]!.GetValue<string>(), DateTimeOffset.UtcNow);
        foreach (var (key, value) in recorded)
        {
            if (key != "attributes")
            {
                record.Fields[key] = value?.DeepClone();
            }
        }

        return record;
    }

    public void Touch(DateTimeOffset at)
    {
        Fields["SystemModstamp"] = Stamp(at);
        Fields["LastModifiedDate"] = Stamp(at);
    }

    public void Delete(string? masterId, DateTimeOffset at)
    {
        Fields["IsDeleted"] = true;
        Fields["MasterRecordId"] = masterId;
        Touch(at);
    }

    public JsonObject ToJson(IEnumerable<string> fields, string version)
    {
        var json = new JsonObject { ["attributes"] = new JsonObject { ["type"] = Type, ["url"] = $"/services/data/{version}/sobjects/{Type}/{Id}" } };
        foreach (var field in fields)
        {
            var key = Fields.Keys.FirstOrDefault(k => string.Equals(k, field, StringComparison.OrdinalIgnoreCase)) ?? field;
            json[key] = Fields.GetValueOrDefault(field)?.DeepClone();
        }

        return json;
    }

    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    public static string? Text(JsonNode? node) => node is null ? null
        : node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
}
