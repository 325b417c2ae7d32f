using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Tests.Support;
using Xunit.Abstractions;

namespace PartnerForge.Tests.Infrastructure.Drills;

/// <summary>
/// Fault drill: two PartnerForge nodes, each the built app in its own process, on one new PostgreSQL database with the
/// demo seed. A bulk enrichment queued through node A's REST API is shared by both nodes; node A is then killed with
/// SIGKILL while it works runs of the batch. Node B resumes them once their leases run out, every run ends completed
/// exactly once, and every module that ran is metered as exactly one enrichment credit.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class NodeKillDrillTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Accounts = 48;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private string _database = string.Empty;
    private AppProcess _nodeA = null!;
    private AppProcess _nodeB = null!;

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateDatabaseAsync("pf_kill");
        var data = TestEnvironment.NewDirectory("kill-drill"); // shared, as the deployment's volume is
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__PostgreSQL"] = _database,
            ["Enrichment__BulkLease"] = Lease.ToString(),
            ["Enrichment__BulkPollInterval"] = "00:00:01",
            ["Enrichment__BulkParallelAccounts"] = "3",
        };
        // Both start at once: the start-up lock lets one migrate and seed.
        var nodes = await Task.WhenAll(AppProcess.StartNodeAsync(settings, data), AppProcess.StartNodeAsync(settings, data));
        (_nodeA, _nodeB) = (nodes[0], nodes[1]);
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
    }

    [Fact]
    public async Task A_node_killed_mid_bulk_enrichment_leaves_its_runs_to_the_other_node_and_each_is_done_and_metered_once()
    {
        var creditsBefore = await ScalarAsync<long>("SELECT COALESCE(SUM(\"Quantity\"), 0) FROM \"UsageRecords\" WHERE \"Source\" LIKE 'enrichment:%'");
        var domains = SampleDomains(Accounts);
        using var clientA = Client(_nodeA);
        var queued = await clientA.PostAsJsonAsync("/api/v1/enrich", new { domains });
        queued.StatusCode.Should().Be(HttpStatusCode.Accepted, await queued.Content.ReadAsStringAsync());
        var batchId = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetGuid();

        // Wait until both nodes work the batch and node A holds runs in flight.
        var aOwner = $"/{_nodeA.ProcessId}/";
        var bOwner = $"/{_nodeB.ProcessId}/";
        await Eventually.TrueAsync(async () =>
        {
            var runs = await RunsAsync(batchId);
            return runs.Any(r => r.State == RunState.Running && r.Owner.Contains(aOwner, StringComparison.Ordinal))
                && runs.Any(r => r.Owner.Contains(bOwner, StringComparison.Ordinal))
                && runs.Count(r => r.State == RunState.Completed) >= 2;
        }, TimeSpan.FromSeconds(90));

        _nodeA.Kill();
        var killedAt = Stopwatch.StartNew();
        // Node A is dead: its claims (runs it was working, and runs it had claimed but not started) stand as it left them.
        var atKill = await RunsAsync(batchId);
        var orphans = atKill.Where(r => r.State != RunState.Completed && r.Owner.Contains(aOwner, StringComparison.Ordinal)).ToList();
        var orphaned = orphans.Select(r => r.Id).ToList();
        orphans.Should().NotBeEmpty("node A was killed while it held runs of the batch");
        output.WriteLine($"killed node A holding {orphans.Count} runs ({orphans.Count(r => r.State == RunState.Running)} running); {atKill.Count(r => r.State == RunState.Completed)}/{Accounts} done");

        await Eventually.TrueAsync(async () => (await RunsAsync(batchId)).Where(r => orphaned.Contains(r.Id)).All(r => r.State == RunState.Completed), TimeSpan.FromMinutes(2));
        var recovered = killedAt.Elapsed;
        await Eventually.TrueAsync(async () => (await RunsAsync(batchId)).All(r => r.State is RunState.Completed), TimeSpan.FromMinutes(2));
        output.WriteLine($"orphaned runs completed {recovered.TotalSeconds:0.0} s after the kill; batch done {killedAt.Elapsed.TotalSeconds:0.0} s after");

        recovered.Should().BeLessThan(TimeSpan.FromMinutes(2), "a killed node's work is picked up within two minutes");
        var after = await RunsAsync(batchId);
        after.Should().HaveCount(Accounts).And.OnlyContain(r => r.State == RunState.Completed, "nothing stays running");
        after.Where(r => orphaned.Contains(r.Id)).Should().OnlyContain(r => r.Owner.Contains(bOwner, StringComparison.Ordinal), "node B took over every run node A held");
        var resumed = orphans.Where(r => r.State == RunState.Running).Select(r => r.Id).ToHashSet();
        after.Where(r => resumed.Contains(r.Id)).Should().OnlyContain(r => r.Attempts == 2, "node B resumed each run node A was killed in");
        after.Where(r => !resumed.Contains(r.Id)).Should().OnlyContain(r => r.Attempts == 1, "no other run was started twice");

        // Exactly once: one status per account and module, last written by the batch's run, and one credit per module that ran.
        var statuses = await StatusesAsync(batchId);
        statuses.Should().HaveCount(Accounts * ModuleCatalog.All.Count);
        statuses.Should().OnlyContain(s => s.Final, "every module of every run finished");
        var credits = await ScalarAsync<long>("SELECT COALESCE(SUM(\"Quantity\"), 0) FROM \"UsageRecords\" WHERE \"Source\" LIKE 'enrichment:%'") - creditsBefore;
        credits.Should().Be(statuses.Count(s => EnrichmentCredits.Counts(s.Outcome)), "each module run is metered once, including those of resumed runs");

        using var clientB = Client(_nodeB);
        var batch = await clientB.GetFromJsonAsync<JsonElement>($"/api/v1/batches/{batchId}");
        batch.GetProperty("state").GetString().Should().Be("finished");
        batch.GetProperty("accountsDone").GetInt32().Should().Be(Accounts);
        (await clientB.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK, "the surviving node serves on");
    }

    internal static string[] SampleDomains(int count)
    {
        var sites = Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "Demo", "SampleSites", "sites")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        return Enumerable.Range(0, count).Select(i => $"k{i}.{sites[i % sites.Count]}").ToArray();
    }

    private static HttpClient Client(AppProcess node)
    {
        var client = new HttpClient { BaseAddress = new Uri(node.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdministrationStartup.DemoApiKey);
        return client;
    }

    private sealed record RunRow(Guid Id, RunState State, int Attempts, string Owner);

    private sealed record StatusRow(ModuleOutcome Outcome)
    {
        public bool Final => Outcome.IsFinal();
    }

    private async Task<List<RunRow>> RunsAsync(Guid batchId)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Id\", \"State\", \"Attempts\", COALESCE(\"LeaseOwner\", '') FROM \"EnrichmentRuns\" WHERE \"BatchId\" = @b", connection);
        command.Parameters.AddWithValue("b", batchId);
        var rows = new List<RunRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new RunRow(reader.GetGuid(0), (RunState)reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return rows;
    }

    private async Task<List<StatusRow>> StatusesAsync(Guid batchId)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT s.\"Outcome\" FROM \"EnrichmentStatuses\" s JOIN \"EnrichmentRuns\" r ON r.\"CompanyId\" = s.\"CompanyId\" WHERE r.\"BatchId\" = @b AND s.\"LastRunId\" = r.\"Id\"", connection);
        command.Parameters.AddWithValue("b", batchId);
        var rows = new List<StatusRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new StatusRow((ModuleOutcome)reader.GetInt32(0)));
        }

        return rows;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
