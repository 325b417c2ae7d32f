using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PartnerForge.Tests.Infrastructure.Crm;

internal sealed partial class HubSpotFake
{
    private const int SearchCap = 10_000;

    private void Map(WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            if (ctx.Request.Path.StartsWithSegments("/crm") && Gate(ctx) is { } refused)
            {
                await refused.ExecuteAsync(ctx);
                return;
            }

            await next(ctx);
        });
        MapOAuth(app);
        app.MapGet("/crm/v3/owners", (HttpRequest r) => OwnersPage(r));
        app.MapGet("/crm/v3/objects/{type}", (string type, HttpRequest r) => List(type, r));
        app.MapPost("/crm/v3/objects/{type}/search", async (string type, HttpRequest r) => Search(type, await Body(r)));
        app.MapPost("/crm/v3/objects/{type}/batch/{action}", async (string type, string action, HttpRequest r) => Batch(type, action, await Body(r)));
        app.MapPost("/crm/v3/associations/deals/companies/batch/read", async (HttpRequest r) => DealCompanies(await Body(r)));
    }

    private static async Task<JsonNode> Body(HttpRequest request) => JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) ?? new JsonObject();

    /// <summary>Counts the call; a rate-limit storm answers every other call with 429; then the bearer token is checked.</summary>
    private IResult? Gate(HttpContext ctx)
    {
        Interlocked.Increment(ref _apiCalls);
        lock (_lock)
        {
            Requests.Add($"{ctx.Request.Method} {ctx.Request.Path}{ctx.Request.QueryString}");
            if (_stormLeft > 0 && _stormTick++ % 2 == 0)
            {
                _stormLeft--;
                RateLimitedAnswers++;
                return Error(429, "RATE_LIMITS", "You have reached your ten_secondly_rolling limit.",
                    new JsonObject { ["errorType"] = "RATE_LIMIT", ["policyName"] = "TEN_SECONDLY_ROLLING", ["groupName"] = $"publicapi:oauth:{HubId}" });
            }

            var header = ctx.Request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
            if (token is null || !_accessTokens.TryGetValue(token, out var expires))
            {
                return Error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication.");
            }

            if (expires <= DateTimeOffset.UtcNow)
            {
                var ago = (int)(DateTimeOffset.UtcNow - expires).TotalSeconds;
                return Error(401, "EXPIRED_AUTHENTICATION", $"The OAuth token used to make this call expired {ago} second(s) ago.");
            }
        }

        return null;
    }

    private IResult OwnersPage(HttpRequest request)
    {
        lock (_lock)
        {
            var after = int.TryParse(request.Query["after"], CultureInfo.InvariantCulture, out var a) ? a : 0;
            var limit = Limit(request.Query["limit"]);
            var page = _owners.Skip(after).Take(limit).Select(o => (JsonNode)o.DeepClone()).ToArray();
            var body = new JsonObject { ["results"] = new JsonArray(page) };
            if (after + limit < _owners.Count)
            {
                body["paging"] = Paging(after + limit, "/crm/v3/owners");
            }

            return Json(body);
        }
    }

    private IResult List(string type, HttpRequest request)
    {
        if (!_objects.TryGetValue(type, out var objects))
        {
            return Error(404, "OBJECT_NOT_FOUND", $"Unable to infer object type from: {type}");
        }

        var limit = Limit(request.Query["limit"]);
        var archived = string.Equals(request.Query["archived"], "true", StringComparison.OrdinalIgnoreCase);
        var properties = request.Query["properties"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        var associations = request.Query["associations"].ToString() == "companies";
        var after = long.TryParse(request.Query["after"], CultureInfo.InvariantCulture, out var a) ? a : 0;
        lock (_lock)
        {
            var matching = From(objects, after).Where(o => o.Value.Archived == archived).Take(limit + 1).ToList();
            var body = new JsonObject
            {
                ["results"] = new JsonArray(matching.Take(limit).Select(o => (JsonNode)o.Value.ToJson(type, properties, associations)).ToArray()),
            };
            if (matching.Count > limit)
            {
                body["paging"] = Paging(matching[limit].Key, $"/crm/v3/objects/{type}");
            }

            return Json(body);
        }
    }

    /// <summary>The objects from id <paramref name="after"/> on, found by binary search (a portal holds hundreds of thousands).</summary>
    private static IEnumerable<KeyValuePair<long, FakeObject>> From(SortedList<long, FakeObject> objects, long after)
    {
        var (low, high) = (0, objects.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = objects.Keys[middle] < after ? (middle + 1, high) : (low, middle);
        }

        for (var i = low; i < objects.Count; i++)
        {
            yield return new KeyValuePair<long, FakeObject>(objects.Keys[i], objects.Values[i]);
        }
    }

    private IResult Search(string type, JsonNode body)
    {
        var limit = Limit(body["limit"]?.ToString());
        var after = int.TryParse(body["after"]?.ToString(), CultureInfo.InvariantCulture, out var a) ? a : 0;
        if (after + limit > SearchCap)
        {
            return Error(400, "VALIDATION_ERROR", $"There was a problem with the request. Paging is limited to {SearchCap} results.");
        }

        var filter = body["filterGroups"]?[0]?["filters"]?[0];
        var modified = FakeObject.ModifiedProperty(type);
        if (filter is not null && (filter["propertyName"]?.ToString() != modified || filter["operator"]?.ToString() != "GTE"))
        {
            return Error(400, "VALIDATION_ERROR", "This fake answers only a GTE filter on the last-modified date.");
        }

        var since = filter is null ? 0 : long.Parse(filter["value"]!.ToString(), CultureInfo.InvariantCulture);
        var properties = (body["properties"]?.AsArray() ?? []).Select(p => p!.ToString()).ToArray();
        lock (_lock)
        {
            var matching = _objects[type].Values.Where(o => !o.Archived && o.UpdatedAt.ToUnixTimeMilliseconds() >= since)
                .OrderBy(o => o.UpdatedAt).ThenBy(o => long.Parse(o.Id, CultureInfo.InvariantCulture)).ToList();
            var page = matching.Skip(after).Take(limit).Select(o => (JsonNode)o.ToJson(type, properties, associations: false)).ToArray();
            var result = new JsonObject { ["total"] = matching.Count, ["results"] = new JsonArray(page) };
            if (after + limit < matching.Count)
            {
                result["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = (after + limit).ToString(CultureInfo.InvariantCulture) } };
            }

            return Json(result);
        }
    }

    private IResult DealCompanies(JsonNode body)
    {
        lock (_lock)
        {
            var results = new JsonArray();
            foreach (var input in body["inputs"]?.AsArray() ?? [])
            {
                if (_objects["deals"].TryGetValue(long.Parse(input!["id"]!.ToString(), CultureInfo.InvariantCulture), out var deal) && deal.Companies.Count > 0)
                {
                    results.Add(new JsonObject
                    {
                        ["from"] = new JsonObject { ["id"] = deal.Id },
                        ["to"] = new JsonArray(deal.Companies.Select(c => (JsonNode)new JsonObject { ["id"] = c, ["type"] = "deal_to_company" }).ToArray()),
                    });
                }
            }

            return Json(new JsonObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = Iso(DateTimeOffset.UtcNow), ["completedAt"] = Iso(DateTimeOffset.UtcNow) });
        }
    }

    private JsonObject Paging(long after, string path)
    {
        var next = after.ToString(CultureInfo.InvariantCulture);
        return new JsonObject { ["next"] = new JsonObject { ["after"] = next, ["link"] = $"{BaseUrl}{path}?after={next}" } };
    }

    private static int Limit(string? text) => Math.Clamp(int.TryParse(text, CultureInfo.InvariantCulture, out var l) ? l : 10, 1, 100);

    internal static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
