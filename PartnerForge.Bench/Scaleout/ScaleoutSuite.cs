using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using PartnerForge.Infrastructure.Demo;
using PartnerForge.Infrastructure.Persistence.Seeding;

namespace PartnerForge.Bench.Scaleout;

/// <summary>
/// Several nodes on one PostgreSQL database, each the built app in its own process on loopback. Figures:
/// bulk enrichment throughput with two nodes against one (same run, same kind of accounts); the delay of a live event
/// from the node that published it to a hub client on the other node, beside the same event's delay on its own node;
/// and how long after a node is killed (SIGKILL) mid bulk run the runs it held are done by the other node.
/// The sample sites answer through one server with a fixed delay per request, standing in for the public web's
/// latency: enrichment waits on sites far more than it computes, which is what more nodes buy throughput for.
/// </summary>
public sealed partial class ScaleoutSuite : IBenchSuite
{
    /// <summary>The demo workspace's API key (Development environment, as the README says).</summary>
    private const string DemoApiKey = "pf_demo_northwind_0123456789abcdefghijkmnopqrs";

    private static readonly TimeSpan SiteLatency = TimeSpan.FromMilliseconds(150);

    public string Name => "scaleout";

    public string Description => "bulk enrichment on two nodes vs one, cross-node event latency, recovery after SIGKILL";

    public int DefaultSize => 48;

    public async Task RunAsync(BenchContext context)
    {
        var output = context.Output;
        await using var postgres = await BenchPostgres.StartAsync(context.WorkDirectory);
        var database = await postgres.CreateDatabaseAsync("partnerforge_scaleout");
        await using var sites = await SampleSitesServer.StartAsync(intercept: async (_, _) =>
        {
            await Task.Delay(SiteLatency);
            return false;
        });
        var data = Path.Combine(context.WorkDirectory, "data");
        Directory.CreateDirectory(data);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__PostgreSQL"] = database,
            ["Database__DataDirectory"] = data,
            ["Enrichment__Fetch__SandboxEndpoint"] = sites.Endpoint,
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        output.Note($"sites answer after {SiteLatency.TotalMilliseconds:0} ms; {context.Size} accounts per bulk run; 4 accounts at a time per node (the default)");

        await using var nodeA = await BenchNode.StartAsync(settings, data);
        var one = await BulkRunAsync(nodeA, database, Domains("one", context.Size));
        await using var nodeB = await BenchNode.StartAsync(settings, data);
        var two = await BulkRunAsync(nodeA, database, Domains("two", context.Size));
        output.Note($"one node: {context.Size} accounts in {one.Seconds:0.0} s; two nodes: {two.Seconds:0.0} s, runs per node {string.Join(" / ", two.RunsPerNode)}");
        output.Figure("one_node_accounts_per_s", context.Size / one.Seconds);
        output.Figure("two_node_accounts_per_s", context.Size / two.Seconds);
        output.Figure("scaleout_speedup", one.Seconds / two.Seconds);

        var (cross, same) = await EventLatencyAsync(nodeA, nodeB, Domains("live", 8));
        output.Note($"{cross.Count} events seen on both nodes");
        output.Figure("samenode_event_p95_ms", Percentile(same, 0.95));
        output.Figure("crossnode_event_p50_ms", Percentile(cross, 0.50));
        output.Figure("crossnode_event_p95_ms", Percentile(cross, 0.95));

        var failover = await FailoverAsync(nodeA, nodeB, database, Domains("kill", context.Size));
        output.Note($"node A killed holding {failover.Orphans} runs; bulk lease 30 s (Enrichment:BulkLease), look-up every 2 s");
        output.Figure("failover_recovery_s", failover.RecoverySeconds);
        output.Figure("failover_run_p50_s", failover.RunMedianSeconds);
    }

    private static string[] Domains(string prefix, int count)
    {
        var sites = SampleSitesServer.SiteHosts(SampleSitesServer.DefaultRoot()).Order(StringComparer.Ordinal).ToList();
        return Enumerable.Range(0, count).Select(i => $"{prefix}{i}.{sites[i % sites.Count]}").ToArray();
    }

    private static HttpClient Api(BenchNode node)
    {
        var client = new HttpClient { BaseAddress = new Uri(node.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DemoApiKey);
        return client;
    }

    private static async Task<Guid> QueueAsync(BenchNode node, string[] domains)
    {
        using var client = Api(node);
        var response = await client.PostAsJsonAsync("/api/v1/enrich", new { domains });
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/v1/enrich answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetGuid();
    }

    private static async Task<(double Seconds, IReadOnlyList<int> RunsPerNode)> BulkRunAsync(BenchNode queueOn, string database, string[] domains)
    {
        var clock = Stopwatch.StartNew();
        var batch = await QueueAsync(queueOn, domains);
        List<Run> runs;
        do
        {
            await Task.Delay(100);
            runs = await RunsAsync(database, batch);
        }
        while (runs.Any(r => r.State is not (2 or 3)));

        var seconds = clock.Elapsed.TotalSeconds;
        return (seconds, runs.GroupBy(r => NodePid().Match(r.Owner).Value).Select(g => g.Count()).OrderDescending().ToList());
    }

    private static async Task<(List<double> Cross, List<double> Same)> EventLatencyAsync(BenchNode a, BenchNode b, string[] domains)
    {
        var seen = new Dictionary<string, double>[] { new(StringComparer.Ordinal), new(StringComparer.Ordinal) };
        var hubs = new List<HubConnection>();
        foreach (var (node, index) in new[] { (a, 0), (b, 1) })
        {
            var hub = await HubAsync(node);
            var mine = seen[index];
            hub.On<JsonElement>("moduleState", e =>
            {
                var received = DateTime.UtcNow;
                var key = $"{e.GetProperty("runId").GetGuid()}|{e.GetProperty("module").GetString()}|{e.GetProperty("outcome").GetString()}";
                lock (mine)
                {
                    mine[key] = (received - e.GetProperty("atUtc").GetDateTime().ToUniversalTime()).TotalMilliseconds;
                }
            });
            await hub.StartAsync();
            hubs.Add(hub);
        }

        // Enrich now, on node B, one account at a time: the run's events are published by whichever node's scheduler ran it.
        using (var client = Api(b))
        {
            foreach (var domain in domains)
            {
                var queued = await client.PostAsync($"/api/v1/enrich/{domain}", null);
                var run = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
                for (var deadline = DateTime.UtcNow.AddMinutes(2); DateTime.UtcNow < deadline; await Task.Delay(250))
                {
                    lock (seen[0])
                    lock (seen[1])
                    {
                        if (seen[0].Keys.Concat(seen[1].Keys).Count(k => k.StartsWith(run.ToString(), StringComparison.Ordinal) && !k.EndsWith("|Running", StringComparison.Ordinal)) >= 2 * 15)
                        {
                            break;
                        }
                    }
                }
            }
        }

        await Task.Delay(1000);
        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }

        // An event reaches its own node's clients first: the slower of its two deliveries crossed nodes.
        var both = seen[0].Keys.Intersect(seen[1].Keys).ToList();
        return (both.Select(k => Math.Max(seen[0][k], seen[1][k])).ToList(), both.Select(k => Math.Min(seen[0][k], seen[1][k])).ToList());
    }

    private static async Task<HubConnection> HubAsync(BenchNode node)
    {
        var cookies = new CookieContainer();
        using (var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(node.BaseUrl) })
        {
            var page = await client.GetStringAsync("/account/login");
            var token = AntiforgeryToken().Match(page).Groups[1].Value;
            var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = "rep@northwind.test",
                ["Input.Password"] = DemoWorkspace.DefaultPassword,
            }));
            if (signIn.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Sign-in on {node.BaseUrl} answered {(int)signIn.StatusCode}.");
            }
        }

        return new HubConnectionBuilder().WithUrl(node.BaseUrl + "/hubs/events", o => o.Cookies = cookies).Build();
    }

    private static async Task<(int Orphans, double RecoverySeconds, double RunMedianSeconds)> FailoverAsync(BenchNode a, BenchNode b, string database, string[] domains)
    {
        var batch = await QueueAsync(b, domains);
        var owner = $"/{a.ProcessId}/";
        List<Run> runs;
        do
        {
            await Task.Delay(100);
            runs = await RunsAsync(database, batch);
        }
        while (!(runs.Any(r => r.State == 1 && r.Owner.Contains(owner, StringComparison.Ordinal)) && runs.Count(r => r.State == 2) >= 4));

        a.Kill();
        var clock = Stopwatch.StartNew();
        var orphans = (await RunsAsync(database, batch)).Where(r => r.State is 0 or 1 && r.Owner.Contains(owner, StringComparison.Ordinal)).Select(r => r.Id).ToHashSet();
        do
        {
            await Task.Delay(100);
            runs = await RunsAsync(database, batch);
        }
        while (runs.Where(r => orphans.Contains(r.Id)).Any(r => r.State is not (2 or 3)));

        var recovery = clock.Elapsed.TotalSeconds;
        var durations = runs.Where(r => !orphans.Contains(r.Id) && r.Seconds > 0).Select(r => r.Seconds).Order().ToList();
        return (orphans.Count, recovery, durations.Count == 0 ? 0 : durations[durations.Count / 2]);
    }

    private sealed record Run(Guid Id, int State, string Owner, double Seconds);

    private static async Task<List<Run>> RunsAsync(string database, Guid batch)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT \"Id\", \"State\", COALESCE(\"LeaseOwner\", ''), COALESCE(EXTRACT(EPOCH FROM (\"FinishedAtUtc\" - \"StartedAtUtc\")), 0) FROM \"EnrichmentRuns\" WHERE \"BatchId\" = @b", connection);
        command.Parameters.AddWithValue("b", batch);
        var runs = new List<Run>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            runs.Add(new Run(reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), Convert.ToDouble(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return runs;
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    [GeneratedRegex(@"/\d+/")]
    private static partial Regex NodePid();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
