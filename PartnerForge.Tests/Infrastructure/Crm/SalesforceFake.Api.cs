using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PartnerForge.Tests.Infrastructure.Crm;

internal sealed partial class SalesforceFake
{
    private const string Data = "/services/data/{version}";

    private void Map(WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            var api = ctx.Request.Path.StartsWithSegments("/services/data");
            if ((api || ctx.Request.Path.StartsWithSegments("/id")) && Gate(ctx, api) is { } refused)
            {
                await refused.ExecuteAsync(ctx);
                return;
            }

            await next(ctx);
        });
        MapOAuth(app);
        app.MapGet(Data + "/query", (HttpRequest r) => Query(r.Query["q"].ToString(), all: false, BatchSize(r)));
        app.MapGet(Data + "/queryAll", (HttpRequest r) => Query(r.Query["q"].ToString(), all: true, BatchSize(r)));
        app.MapGet(Data + "/query/{locator}", (string locator) => More(locator));
        app.MapPost(Data + "/composite/sobjects", async (HttpRequest r) => Write(await Body(r), WriteMode.Create, null, null));
        app.MapPatch(Data + "/composite/sobjects", async (HttpRequest r) => Write(await Body(r), WriteMode.Update, null, null));
        app.MapPatch(Data + "/composite/sobjects/{type}/{field}", async (string type, string field, HttpRequest r) => Write(await Body(r), WriteMode.Upsert, type, field));
    }

    private static async Task<JsonNode> Body(HttpRequest request) => JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) ?? new JsonObject();

    private int BatchSize(HttpRequest request)
    {
        var options = request.Headers["Sforce-Query-Options"].ToString();
        var asked = options.StartsWith("batchSize=", StringComparison.Ordinal) && int.TryParse(options[10..], CultureInfo.InvariantCulture, out var b) ? b : 2000;
        return Math.Min(Math.Clamp(asked, 200, 2000), MaxBatchSize);
    }

    /// <summary>
    /// Counts an API call and puts <c>Sforce-Limit-Info</c> on the answer; past the daily limit 403 REQUEST_LIMIT_EXCEEDED;
    /// then the session is checked (401 INVALID_SESSION_ID). The identity service is checked but not counted.
    /// </summary>
    private IResult? Gate(HttpContext ctx, bool api)
    {
        lock (_lock)
        {
            if (api)
            {
                Interlocked.Increment(ref _apiCalls);
                Requests.Add($"{ctx.Request.Method} {ctx.Request.Path} {Uri.UnescapeDataString(ctx.Request.Query["q"].ToString())}".TrimEnd());
                if (ApiUsage >= DailyLimit)
                {
                    ctx.Response.Headers["Sforce-Limit-Info"] = $"api-usage={ApiUsage}/{DailyLimit}";
                    return Errors(403, "REQUEST_LIMIT_EXCEEDED", $"TotalRequests Limit exceeded.");
                }

                ApiUsage++;
                ctx.Response.Headers["Sforce-Limit-Info"] = $"api-usage={ApiUsage}/{DailyLimit}";
                if (BusyAnswers > 0)
                {
                    BusyAnswers--;
                    return Errors(503, "SERVER_UNAVAILABLE", "Server is temporarily unavailable to handle this request. Please retry your request later.");
                }
            }

            var header = ctx.Request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
            if (token is null || !_sessions.Contains(token))
            {
                return api ? Errors(401, "INVALID_SESSION_ID", "Session expired or invalid") : Results.Text("Bad_OAuth_Token", "text/plain", statusCode: 403);
            }
        }

        return null;
    }

    private IResult Query(string soql, bool all, int batchSize)
    {
        Soql parsed;
        try
        {
            parsed = Soql.Parse(soql);
        }
        catch (FormatException ex)
        {
            return Errors(400, "MALFORMED_QUERY", ex.Message);
        }

        lock (_lock)
        {
            if (!_objects.TryGetValue(parsed.From, out var objects))
            {
                return Errors(400, "INVALID_TYPE", $"\n{soql}\n^\nERROR at Row:1:Column:1\nsObject type '{parsed.From}' is not supported.");
            }

            var unknown = parsed.Fields.Concat(parsed.Conditions.Select(c => c.Field)).Concat(parsed.OrderBy).FirstOrDefault(f => !_fields[parsed.From].Contains(f));
            if (unknown is not null)
            {
                return Errors(400, "INVALID_FIELD",
                    $"\n{soql}\n^\nERROR at Row:1:Column:1\nNo such column '{unknown}' on entity '{parsed.From}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");
            }

            var rows = objects.Values.Where(r => (all || !r.IsDeleted) && parsed.Conditions.All(c => c.Matches(r))).ToList();
            rows = parsed.Sort(rows);
            var json = rows.Select(r => r.ToJson(parsed.Fields, Version)).ToList();
            return Page(json, 0, batchSize, null);
        }
    }

    private IResult More(string locator)
    {
        var dash = locator.LastIndexOf('-');
        lock (_lock)
        {
            if (dash < 0 || !_cursors.TryGetValue(locator[..dash], out var rows) || !int.TryParse(locator[(dash + 1)..], CultureInfo.InvariantCulture, out var offset))
            {
                return Errors(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
            }

            return Page(rows, offset, MaxBatchSize, locator[..dash]);
        }
    }

    private IResult Page(List<JsonObject> rows, int offset, int batchSize, string? locator)
    {
        var size = Math.Min(batchSize, MaxBatchSize);
        var page = rows.Skip(offset).Take(size).Select(r => (JsonNode)r.DeepClone()).ToArray();
        var body = new JsonObject { ["totalSize"] = rows.Count, ["done"] = offset + size >= rows.Count };
        if (offset + size < rows.Count)
        {
            locator ??= "01gHs0000" + (++_serial).ToString("D9", CultureInfo.InvariantCulture);
            _cursors[locator] = rows;
            body["nextRecordsUrl"] = $"/services/data/{Version}/query/{locator}-{offset + size}";
        }

        body["records"] = new JsonArray(page);
        return Json(body);
    }
}

/// <summary>The SOQL the connector sends: SELECT fields FROM type [WHERE a AND b] [ORDER BY f, g].</summary>
internal sealed partial record Soql(string From, IReadOnlyList<string> Fields, IReadOnlyList<SoqlCondition> Conditions, IReadOnlyList<string> OrderBy)
{
    public static Soql Parse(string soql)
    {
        var m = Shape().Match(soql.Trim());
        if (!m.Success)
        {
            throw new FormatException($"unexpected token: '{soql.Split(' ').FirstOrDefault()}'");
        }

        var fields = m.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var where = m.Groups["where"].Success ? And().Split(m.Groups["where"].Value).Select(SoqlCondition.Parse).ToList() : [];
        var order = m.Groups["order"].Success ? m.Groups["order"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
        return new Soql(m.Groups["from"].Value, fields, where, order);
    }

    public List<SfRecord> Sort(List<SfRecord> rows)
    {
        IOrderedEnumerable<SfRecord>? sorted = null;
        foreach (var field in OrderBy)
        {
            string Key(SfRecord r) => SfRecord.Text(r.Fields.GetValueOrDefault(field)) ?? string.Empty;
            sorted = sorted is null ? rows.OrderBy(Key, StringComparer.Ordinal) : sorted.ThenBy(Key, StringComparer.Ordinal);
        }

        return sorted?.ToList() ?? rows;
    }

    [GeneratedRegex(@"^SELECT\s+(?<fields>.+?)\s+FROM\s+(?<from>\w+)(?:\s+WHERE\s+(?<where>.+?))?(?:\s+ORDER\s+BY\s+(?<order>.+?))?$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Shape();

    [GeneratedRegex(@"\s+AND\s+", RegexOptions.IgnoreCase)]
    private static partial Regex And();
}

internal sealed partial record SoqlCondition(string Field, string Operator, IReadOnlyList<string> Values)
{
    public static SoqlCondition Parse(string text)
    {
        var m = Condition().Match(text.Trim());
        if (!m.Success)
        {
            throw new FormatException($"unexpected token: '{text}'");
        }

        var values = m.Groups["list"].Success
            ? m.Groups["list"].Value.Split(',', StringSplitOptions.TrimEntries).Select(v => v.Trim('\'')).ToList()
            : [m.Groups["value"].Value.Trim('\'')];
        return new SoqlCondition(m.Groups["field"].Value, m.Groups["op"].Value.ToUpperInvariant(), values);
    }

    public bool Matches(SfRecord record)
    {
        var actual = SfRecord.Text(record.Fields.GetValueOrDefault(Field));
        if (Operator == "IN")
        {
            return actual is not null && Values.Contains(actual, StringComparer.Ordinal);
        }

        var expected = Values[0];
        if (DateTimeOffset.TryParse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && expected.Contains('T', StringComparison.Ordinal))
        {
            var mine = DateTimeOffset.Parse(actual!.Replace("+0000", "+00:00", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            return Operator switch { ">=" => mine >= at, ">" => mine > at, "<" => mine < at, "<=" => mine <= at, _ => mine == at };
        }

        var equal = string.Equals(actual ?? "null", expected, StringComparison.OrdinalIgnoreCase);
        return Operator == "!=" ? !equal : equal;
    }

    [GeneratedRegex(@"^(?<field>\w+)\s*(?:(?<op>IN)\s*\((?<list>[^)]*)\)|(?<op>>=|<=|!=|=|>|<)\s*(?<value>\S+))$", RegexOptions.IgnoreCase)]
    private static partial Regex Condition();
}
