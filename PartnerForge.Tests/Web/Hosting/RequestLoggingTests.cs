using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web.Hosting;

/// <summary>The app with its compact JSON log file in a folder of its own.</summary>
public sealed class LoggingApp : PartnerForgeApp
{
    public string LogDirectory { get; } = TestEnvironment.NewDirectory("logs");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Added last, so it wins over the process-wide test log folder (TestEnvironment's environment variable).
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(LogDirectory, "partnerforge-.json"),
        }));
    }

    /// <summary>Every event of the rolling file(s), parsed.</summary>
    public IReadOnlyList<JsonElement> Events()
    {
        var events = new List<JsonElement>();
        foreach (var file in Directory.GetFiles(LogDirectory, "partnerforge-*.json"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    events.Add(JsonDocument.Parse(line).RootElement.Clone());
                }
            }
        }

        return events;
    }
}

public sealed class RequestLoggingTests(LoggingApp app) : IClassFixture<LoggingApp>
{
    [Fact]
    public async Task A_signed_in_request_writes_one_compact_json_request_event_with_tenant_user_and_trace_id()
    {
        var client = await app.SignedInClientAsync("rep@northwind.test");
        var rep = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test"));
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/accounts");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await client.SendAsync(request);

        response.IsSuccessStatusCode.Should().BeTrue();
        var logged = await WaitForAsync(() => app.Events().Where(e => e.TryGetProperty("TraceId", out var t) && t.GetString() == traceId).ToList());
        logged.Should().ContainSingle("one request event per request");
        var e = logged[0];
        e.GetProperty("SourceContext").GetString().Should().Be("Serilog.AspNetCore.RequestLoggingMiddleware");
        e.GetProperty("@mt").GetString().Should().StartWith("HTTP {RequestMethod} {RequestPath} responded {StatusCode}");
        e.GetProperty("RequestPath").GetString().Should().Be("/accounts");
        e.GetProperty("StatusCode").GetInt32().Should().Be(200);
        e.GetProperty("TenantId").GetString().Should().Be(rep.TenantId.ToString());
        e.GetProperty("UserId").GetString().Should().Be(rep.Id.ToString());
        e.GetProperty("@tr").GetString().Should().Be(traceId, "Serilog records the W3C trace of the request, taken from traceparent");
    }

    [Fact]
    public async Task An_anonymous_request_is_logged_without_tenant_or_user()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await app.NewClient().SendAsync(request);

        var logged = await WaitForAsync(() => app.Events().Where(e => e.TryGetProperty("TraceId", out var t) && t.GetString() == traceId).ToList());
        logged.Should().ContainSingle();
        logged[0].GetProperty("TenantId").GetString().Should().Be("-");
        logged[0].GetProperty("UserId").GetString().Should().Be("-");
        logged[0].GetProperty("RequestMethod").GetString().Should().Be("GET");
    }

    private static async Task<List<JsonElement>> WaitForAsync(Func<List<JsonElement>> read)
    {
        // The request event is written as the response completes: give the file sink a moment.
        for (var i = 0; i < 50; i++)
        {
            var found = read();
            if (found.Count > 0)
            {
                return found;
            }

            await Task.Delay(100);
        }

        return read();
    }
}
