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
/// A faithful HubSpot on loopback (a real Kestrel app on 127.0.0.1, port 0): the OAuth endpoints (authorize with PKCE
/// S256, token with authorization_code and refresh_token, access-token info, refresh-token revoke), CRM v3 objects with
/// <c>after</c> paging, search (capped at 10,000 results per query), batch read/update/create (207 multi-status,
/// 400 VALIDATION_ERROR for an invalid option), associations, owners; HubSpot's error bodies for an expired token
/// (EXPIRED_AUTHENTICATION) and for rate limits (TEN_SECONDLY_ROLLING). Seeded from recorded payloads in
/// Fixtures/Crm/HubSpot. Every API request is counted.
/// </summary>
internal sealed partial class HubSpotFake : IAsyncDisposable
{
    public const string ClientId = "6f1e2d3c-4b5a-4987-a6b5-c4d3e2f1a0b9";
    public const string ClientSecret = "fake-client-secret-7f3a9c";
    public const long HubId = 4417221;
    public const string HubDomain = "northwind-demo.hubspot.com";

    private static readonly string[] Types = ["companies", "contacts", "deals"];

    private readonly Lock _lock = new();
    private readonly WebApplication _app;
    private readonly Dictionary<string, SortedList<long, FakeObject>> _objects = Types.ToDictionary(t => t, _ => new SortedList<long, FakeObject>());
    private readonly List<JsonObject> _owners = [];
    private readonly Dictionary<string, (string Challenge, string RedirectUri)> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refreshTokens = new(StringComparer.Ordinal);
    private long _nextId = 30_000_000_001;
    private int _tokenSerial;
    private int _apiCalls;
    private int _stormLeft;
    private int _stormTick;

    private HubSpotFake(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>API requests served (OAuth requests not counted), 429s included.</summary>
    public int ApiCalls => Volatile.Read(ref _apiCalls);

    public int RateLimitedAnswers { get; private set; }

    public int TokenRefreshes { get; private set; }

    /// <summary>The access token issued last (to look for it where it must not be).</summary>
    public string? LastAccessToken { get; private set; }

    public string? LastRefreshToken { get; private set; }

    /// <summary>Seconds an issued access token lives (HubSpot's are 1800).</summary>
    public int AccessTokenSeconds { get; set; } = 1800;

    /// <summary>Options of the enumeration property <c>partnerforge_tier</c>, as defined in the portal.</summary>
    public HashSet<string> TierOptions { get; } = new(StringComparer.Ordinal) { "A", "B", "C", "D", string.Empty };

    public List<string> Requests { get; } = [];

    public static async Task<HubSpotFake> StartAsync(bool seed = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new HubSpotFake(app);
        fake.Map(app);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First().TrimEnd('/');
        if (seed)
        {
            fake.SeedFromFixtures();
        }

        return fake;
    }

    public void SeedFromFixtures()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Crm", "HubSpot");
        foreach (var type in Types)
        {
            foreach (var r in JsonNode.Parse(File.ReadAllText(Path.Combine(folder, type + ".json")))!["results"]!.AsArray())
            {
                var o = FakeObject.FromRecorded(r!);
                lock (_lock)
                {
                    _objects[type][long.Parse(o.Id, CultureInfo.InvariantCulture)] = o;
                }
            }
        }

        foreach (var o in JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "owners.json")))!["results"]!.AsArray())
        {
            _owners.Add(o!.AsObject());
        }
    }

    /// <summary>Adds <paramref name="count"/> companies (with a domain each) as if created in the portal; their ids.</summary>
    public IReadOnlyList<string> AddCompanies(int count, string prefix = "bulk", DateTimeOffset? changedFrom = null)
    {
        var ids = new List<string>();
        var from = changedFrom ?? DateTimeOffset.UtcNow.AddDays(-20);
        for (var i = 0; i < count; i++)
        {
            ids.Add(Create("companies", new Dictionary<string, string?>
            {
                ["name"] = $"{prefix} company {i:D4}",
                ["domain"] = $"{prefix}-{i:D4}.example",
                ["industry"] = "COMPUTER_SOFTWARE",
                ["country"] = "Germany",
            }, from.AddMilliseconds(i)));
        }

        return ids;
    }

    public string Create(string type, IReadOnlyDictionary<string, string?> properties, DateTimeOffset? at = null, string? companyId = null)
    {
        lock (_lock)
        {
            var id = _nextId++;
            var o = new FakeObject(id.ToString(CultureInfo.InvariantCulture), at ?? DateTimeOffset.UtcNow);
            o.Set(type, properties, at ?? DateTimeOffset.UtcNow);
            if (companyId is not null)
            {
                o.Companies.Add(companyId);
            }

            _objects[type][id] = o;
            return o.Id;
        }
    }

    /// <summary>An edit made in HubSpot: the values, a new modification time.</summary>
    public void Edit(string type, string id, IReadOnlyDictionary<string, string?> properties)
    {
        lock (_lock)
        {
            _objects[type][long.Parse(id, CultureInfo.InvariantCulture)].Set(type, properties, DateTimeOffset.UtcNow);
        }
    }

    public string? Property(string type, string id, string property)
    {
        lock (_lock)
        {
            return _objects[type].TryGetValue(long.Parse(id, CultureInfo.InvariantCulture), out var o) ? o.Properties.GetValueOrDefault(property) : null;
        }
    }

    /// <summary>Deleted in HubSpot: the record is archived (listed with archived=true).</summary>
    public void Archive(string type, string id)
    {
        lock (_lock)
        {
            var o = _objects[type][long.Parse(id, CultureInfo.InvariantCulture)];
            o.Archived = true;
            o.ArchivedAt = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>Merged in HubSpot: the merged record is gone and the primary lists it in hs_merged_object_ids.</summary>
    public void Merge(string type, string primaryId, string mergedId)
    {
        lock (_lock)
        {
            var map = _objects[type];
            var merged = map[long.Parse(mergedId, CultureInfo.InvariantCulture)];
            map.Remove(long.Parse(mergedId, CultureInfo.InvariantCulture));
            var primary = map[long.Parse(primaryId, CultureInfo.InvariantCulture)];
            var before = primary.Properties.GetValueOrDefault("hs_merged_object_ids");
            primary.Set(type, new Dictionary<string, string?> { ["hs_merged_object_ids"] = string.IsNullOrEmpty(before) ? merged.Id : $"{before};{merged.Id}" }, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>The next <paramref name="rateLimited"/> answers to every other API request are 429 TEN_SECONDLY_ROLLING.</summary>
    public void StartRateLimitStorm(int rateLimited)
    {
        lock (_lock)
        {
            _stormLeft = rateLimited;
            _stormTick = 0;
        }
    }

    /// <summary>Every access token issued so far has expired (the next API call gets 401 EXPIRED_AUTHENTICATION).</summary>
    public void ExpireAccessTokens()
    {
        lock (_lock)
        {
            foreach (var token in _accessTokens.Keys.ToList())
            {
                _accessTokens[token] = DateTimeOffset.UtcNow.AddSeconds(-2);
            }
        }
    }

    /// <summary>The portal's admin uninstalled the app: refresh tokens no longer work.</summary>
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

    public bool KnowsAccessToken(string token)
    {
        lock (_lock)
        {
            return _accessTokens.ContainsKey(token);
        }
    }

    public int Count(string type, bool archived = false)
    {
        lock (_lock)
        {
            return _objects[type].Values.Count(o => o.Archived == archived);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string Correlation() => Guid.NewGuid().ToString();

    private static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static IResult Json(JsonNode body, int status = 200) => Results.Text(body.ToJsonString(), "application/json", Encoding.UTF8, status);

    private static IResult Error(int status, string category, string message, JsonObject? extra = null)
    {
        var body = new JsonObject { ["status"] = "error", ["message"] = message, ["correlationId"] = Correlation(), ["category"] = category };
        foreach (var (k, v) in extra ?? [])
        {
            body[k] = v?.DeepClone();
        }

        return Json(body, status);
    }
}
