using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PartnerForge.Tests.Infrastructure.Crm;

internal sealed partial class HubSpotFake
{
    /// <summary>
    /// batch/read, batch/update, batch/create. An invalid option value refuses the whole batch with 400 VALIDATION_ERROR
    /// (as HubSpot does); unknown ids come back as 207 multi-status errors while the others are written.
    /// </summary>
    private IResult Batch(string type, string action, JsonNode body)
    {
        var inputs = (body["inputs"]?.AsArray() ?? []).Select(i => i!).ToList();
        if (inputs.Count > 100)
        {
            return Error(400, "VALIDATION_ERROR", "Batch input is limited to 100 inputs.");
        }

        lock (_lock)
        {
            if (action != "read" && Invalid(inputs) is { } invalid)
            {
                return invalid;
            }

            var results = new JsonArray();
            var missing = new List<string>();
            foreach (var input in inputs)
            {
                var written = action switch
                {
                    "read" => Read(type, input, (body["properties"]?.AsArray() ?? []).Select(p => p!.ToString()).ToArray()),
                    "update" => Update(type, input),
                    "create" => Insert(type, input),
                    _ => null,
                };
                if (written is null)
                {
                    missing.Add(input["id"]?.ToString() ?? string.Empty);
                }
                else
                {
                    results.Add(written);
                }
            }

            var answer = new JsonObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = Iso(DateTimeOffset.UtcNow), ["completedAt"] = Iso(DateTimeOffset.UtcNow) };
            if (missing.Count == 0)
            {
                return Json(answer, action == "create" ? 201 : 200);
            }

            answer["numErrors"] = missing.Count;
            answer["errors"] = new JsonArray(missing.Select(id => (JsonNode)new JsonObject
            {
                ["status"] = "error",
                ["category"] = "OBJECT_NOT_FOUND",
                ["message"] = "Could not get some " + type + " objects, they may be deleted or not exist. Check that ids are valid.",
                ["context"] = new JsonObject { ["ids"] = new JsonArray(id) },
            }).ToArray());
            return Json(answer, 207);
        }
    }

    private IResult? Invalid(List<JsonNode> inputs)
    {
        foreach (var input in inputs)
        {
            if (input["properties"]?["partnerforge_tier"] is { } tier && !TierOptions.Contains(tier.ToString()))
            {
                var value = tier.ToString();
                return Error(400, "VALIDATION_ERROR", $"Property values were not valid: [{{\"isValid\":false,\"message\":\"{value} was not one of the allowed options\",\"error\":\"INVALID_OPTION\",\"name\":\"partnerforge_tier\"}}]",
                    new JsonObject
                    {
                        ["errors"] = new JsonArray(new JsonObject
                        {
                            ["message"] = $"{value} was not one of the allowed options: [{string.Join(", ", TierOptions.Where(o => o.Length > 0).Order(StringComparer.Ordinal))}]",
                            ["code"] = "INVALID_OPTION",
                            ["context"] = new JsonObject { ["propertyName"] = new JsonArray("partnerforge_tier") },
                        }),
                    });
            }
        }

        return null;
    }

    private JsonObject? Read(string type, JsonNode input, string[] properties) =>
        _objects[type].TryGetValue(long.Parse(input["id"]!.ToString(), CultureInfo.InvariantCulture), out var o) && !o.Archived
            ? o.ToJson(type, properties, associations: false) : null;

    private JsonObject? Update(string type, JsonNode input)
    {
        if (!long.TryParse(input["id"]?.ToString(), CultureInfo.InvariantCulture, out var id) || !_objects[type].TryGetValue(id, out var o) || o.Archived)
        {
            return null;
        }

        var properties = (input["properties"]?.AsObject() ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString(), StringComparer.Ordinal);
        o.Set(type, properties, DateTimeOffset.UtcNow);
        return o.ToJson(type, properties.Keys.ToArray(), associations: false);
    }

    private JsonObject Insert(string type, JsonNode input)
    {
        var id = _nextId++;
        var o = new FakeObject(id.ToString(CultureInfo.InvariantCulture), DateTimeOffset.UtcNow);
        var properties = (input["properties"]?.AsObject() ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString(), StringComparer.Ordinal);
        o.Set(type, properties, DateTimeOffset.UtcNow);
        _objects[type][id] = o;
        var json = o.ToJson(type, properties.Keys.ToArray(), associations: false);
        if (input["objectWriteTraceId"]?.ToString() is { } trace)
        {
            json["objectWriteTraceId"] = trace;
        }

        return json;
    }

    private void MapOAuth(WebApplication app)
    {
        // app.hubspot.com/oauth/authorize: the admin approves; the browser goes back with a code (PKCE challenge recorded).
        app.MapGet("/oauth/authorize", (HttpRequest r) =>
        {
            var q = r.Query;
            if (q["client_id"] != ClientId || string.IsNullOrEmpty(q["redirect_uri"]) || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]))
            {
                return Results.BadRequest("Authorization failed: client_id, redirect_uri and an S256 code_challenge are required.");
            }

            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            lock (_lock)
            {
                _codes[code] = (q["code_challenge"].ToString(), q["redirect_uri"].ToString());
            }

            return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"].ToString())}");
        });
        app.MapPost("/oauth/v1/token", async (HttpRequest r) => Token(await r.ReadFormAsync()));
        app.MapGet("/oauth/v1/access-tokens/{token}", (string token) => KnowsAccessToken(token)
            ? Json(new JsonObject
            {
                ["token"] = token, ["user"] = "admin@northwind.test", ["hub_domain"] = HubDomain, ["scopes"] = new JsonArray("oauth", "crm.objects.companies.read"),
                ["hub_id"] = HubId, ["app_id"] = 2001123, ["expires_in"] = AccessTokenSeconds, ["user_id"] = 9000400, ["token_type"] = "access",
            })
            : Error(404, "OBJECT_NOT_FOUND", "Token not found"));
        app.MapDelete("/oauth/v1/refresh-tokens/{token}", (string token) =>
        {
            lock (_lock)
            {
                return _refreshTokens.Remove(token) ? Results.NoContent() : Error(404, "OBJECT_NOT_FOUND", "Refresh token not found");
            }
        });
    }

    private IResult Token(IFormCollection form)
    {
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Json(new JsonObject { ["status"] = "BAD_CLIENT_ID", ["message"] = "missing or unknown client id", ["correlationId"] = Correlation() }, 400);
        }

        lock (_lock)
        {
            if (form["grant_type"] == "authorization_code")
            {
                if (!_codes.Remove(form["code"].ToString(), out var issued) || issued.RedirectUri != form["redirect_uri"] || Challenge(form["code_verifier"].ToString()) != issued.Challenge)
                {
                    return Json(new JsonObject { ["status"] = "BAD_AUTH_CODE", ["message"] = "missing or unknown auth code", ["correlationId"] = Correlation() }, 400);
                }

                return Issue(refresh: null);
            }

            if (form["grant_type"] == "refresh_token" && _refreshTokens.Contains(form["refresh_token"].ToString()))
            {
                TokenRefreshes++;
                return Issue(form["refresh_token"].ToString());
            }

            return Json(new JsonObject { ["status"] = "BAD_REFRESH_TOKEN", ["message"] = "missing or unknown refresh token", ["correlationId"] = Correlation() }, 400);
        }
    }

    private IResult Issue(string? refresh)
    {
        var access = $"CJ{Interlocked.Increment(ref _tokenSerial)}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(12))}";
        refresh ??= $"na1-{Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}";
        _accessTokens[access] = DateTimeOffset.UtcNow.AddSeconds(AccessTokenSeconds);
        _refreshTokens.Add(refresh);
        LastAccessToken = access;
        LastRefreshToken = refresh;
        return Json(new JsonObject { ["token_type"] = "bearer", ["refresh_token"] = refresh, ["access_token"] = access, ["expires_in"] = AccessTokenSeconds });
    }
}

/// <summary>One CRM object as the fake keeps it.</summary>
internal sealed class FakeObject(string id, DateTimeOffset createdAt)
{
    private static readonly Dictionary<string, string[]> Defaults = new(StringComparer.Ordinal)
    {
        ["companies"] = ["createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"],
        ["contacts"] = ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
        ["deals"] = ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"],
    };

    public string Id { get; } = id;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; private set; } = createdAt;

    public bool Archived { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    public Dictionary<string, string?> Properties { get; } = new(StringComparer.Ordinal);

    public List<string> Companies { get; } = [];

    public static string ModifiedProperty(string type) => type == "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate";

    public static FakeObject FromRecorded(JsonNode r)
    {
        var o = new FakeObject(r["id"]!.ToString(), DateTimeOffset.Parse(r["createdAt"]!.ToString(), CultureInfo.InvariantCulture))
        {
            UpdatedAt = DateTimeOffset.Parse(r["updatedAt"]!.ToString(), CultureInfo.InvariantCulture),
            Archived = r["archived"]?.GetValue<bool>() ?? false,
        };
        foreach (var (key, value) in r["properties"]!.AsObject())
        {
            o.Properties[key] = value?.ToString();
        }

        o.Companies.AddRange((r["associations"]?["companies"]?["results"]?.AsArray() ?? []).Select(a => a!["id"]!.ToString()));
        return o;
    }

    public void Set(string type, IReadOnlyDictionary<string, string?> values, DateTimeOffset at)
    {
        foreach (var (key, value) in values)
        {
            Properties[key] = value;
        }

        UpdatedAt = at;
        Properties["hs_object_id"] = Id;
        Properties[ModifiedProperty(type)] = HubSpotFake.Iso(at);
        Properties.TryAdd("createdate", HubSpotFake.Iso(CreatedAt));
    }

    public JsonObject ToJson(string type, string[] requested, bool associations)
    {
        var properties = new JsonObject();
        foreach (var name in (requested.Length == 0 ? Defaults[type] : requested.Concat(["hs_object_id", "createdate", ModifiedProperty(type)])).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            properties[name] = Properties.GetValueOrDefault(name);
        }

        var json = new JsonObject
        {
            ["id"] = Id,
            ["properties"] = properties,
            ["createdAt"] = HubSpotFake.Iso(CreatedAt),
            ["updatedAt"] = HubSpotFake.Iso(UpdatedAt),
            ["archived"] = Archived,
        };
        if (ArchivedAt is { } archivedAt)
        {
            json["archivedAt"] = HubSpotFake.Iso(archivedAt);
        }

        if (associations && Companies.Count > 0)
        {
            json["associations"] = new JsonObject
            {
                ["companies"] = new JsonObject { ["results"] = new JsonArray(Companies.Select(c => (JsonNode)new JsonObject { ["id"] = c, ["type"] = "deal_to_company" }).ToArray()) },
            };
        }

        return json;
    }
}
