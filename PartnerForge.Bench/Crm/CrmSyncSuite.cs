using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Crm;
using PartnerForge.Tests.Infrastructure.Crm;

namespace PartnerForge.Bench.Crm;

/// <summary>
/// CRM sync at volume: the tests' HubSpot fake on loopback holds N companies and 2N contacts generated in memory (names,
/// domains, e-mails at the company's domain, owners, each contact's company); the real <see cref="CrmSyncService"/>, run
/// by its Quartz job over a fresh SQLite file, does an initial sync, then 1 % of the records are edited in the portal and
/// an incremental sync follows. Figures: records written per second, API calls per 1,000 records, the incremental run's
/// calls as a share of the initial run's. Baseline in the same run: the same list requests the initial sync made, replayed
/// against the fake by a bare HttpClient that only parses the JSON (the fake's serving rate, no engine, no database).
/// Targets (issue 16): crm_initial_records_per_s ≥ 1,000; crm_incremental_call_ratio ≤ 0.02.
/// </summary>
public sealed class CrmSyncSuite : IBenchSuite
{
    private const int Owners = 20;
    private const int ChangedEvery = 100;

    public string Name => "crmsync";

    public string Description => "HubSpot initial + 1 % incremental sync records/s and API calls per 1,000 records (vs the fake's raw serving rate)";

    public int DefaultSize => 100_000;

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        await using var fake = await HubSpotFake.StartAsync(seed: false);
        var setup = Stopwatch.StartNew();
        fake.SeedPortal(context.Size, 2 * context.Size, Owners, CrmWorkspace.OwnerDomain, DateTimeOffset.UtcNow.AddDays(-10));
        await using var workspace = await CrmWorkspace.StartAsync(Path.Combine(context.WorkDirectory, "db"), fake, Owners);
        var connection = await workspace.ConnectAsync();
        output.Note($"setup: {fake.Count("companies"):N0} companies, {fake.Count("contacts"):N0} contacts, {Owners} owners in the fake, connected in {setup.Elapsed.TotalSeconds:0.0} s");

        var initial = await SyncAsync(workspace, connection, SyncRunKind.Initial, "initial", output);
        var written = await workspace.QueryAsync(async db => (Accounts: await db.Companies.CountAsync(), Contacts: await db.Contacts.CountAsync(), Links: await db.CrmLinks.CountAsync()));
        output.Note($"after initial: {written.Accounts:N0} accounts, {written.Contacts:N0} contacts, {written.Links:N0} links in SQLite");
        var requests = fake.Requests.Where(r => r.StartsWith("GET /crm/v3/objects/", StringComparison.Ordinal) && r.Contains("archived=false", StringComparison.Ordinal)).ToList();
        fake.Requests.Clear();

        var touched = fake.TouchEvery(ChangedEvery, DateTimeOffset.UtcNow);
        output.Note($"{touched:N0} records edited in the portal (every {ChangedEvery}th company and contact)");
        var incremental = await SyncAsync(workspace, connection, SyncRunKind.Incremental, "incremental", output);

        var raw = await RawAsync(fake, requests);
        output.Note($"raw: {requests.Count:N0} list requests replayed, {raw.Records:N0} records in {raw.Seconds:0.0} s");

        var initialRate = initial.Records / initial.Seconds;
        output.Figure("crm_initial_records", initial.Records, "0");
        output.Figure("crm_initial_records_per_s", initialRate, "0");
        output.Figure("crm_initial_records_per_cpu_s", initial.Records / initial.CpuSeconds, "0");
        output.Figure("crm_raw_records_per_s", raw.Records / raw.Seconds, "0");
        output.Figure("crm_initial_vs_raw", initialRate / (raw.Records / raw.Seconds), "0.000");
        output.Figure("crm_initial_calls", initial.Calls, "0");
        output.Figure("crm_initial_calls_per_1000_records", 1000.0 * initial.Calls / initial.Records, "0.0");
        output.Figure("crm_incremental_records", incremental.Records, "0");
        output.Figure("crm_incremental_records_per_s", incremental.Records / incremental.Seconds, "0");
        output.Figure("crm_incremental_calls", incremental.Calls, "0");
        output.Figure("crm_incremental_calls_per_1000_records", 1000.0 * incremental.Calls / incremental.Records, "0.0");
        output.Figure("crm_incremental_call_ratio", (double)incremental.Calls / initial.Calls, "0.0000");
        output.Figure("crm_peak_working_set_mb", Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, "0");
        output.Note("targets: crm_initial_records_per_s >= 1000, crm_incremental_call_ratio <= 0.02; records per CPU second is the engine's cost whatever else runs on the machine;"
            + " the working set includes the fake's portal, in the same process");
    }

    private sealed record SyncFigures(int Records, int Calls, double Seconds, double CpuSeconds);

    /// <summary>One run: records are the companies and contacts it created, updated or found unchanged; calls are the fake's count.</summary>
    private static async Task<SyncFigures> SyncAsync(CrmWorkspace workspace, Guid connection, SyncRunKind kind, string label, BenchOutput output)
    {
        var callsBefore = workspace.Fake.ApiCalls;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (run, fetch) = await workspace.SyncAsync(connection, kind);
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var calls = workspace.Fake.ApiCalls - callsBefore;
        var seconds = (run.FinishedAtUtc!.Value - run.StartedAtUtc!.Value).TotalSeconds;
        var records = run.Created + run.Updated + run.Unchanged;
        var context = $"{label}: {run.State}, {seconds:0.0} s ({fetch:0.0} s in CRM calls, {seconds - fetch:0.0} s writing; {cpu:0.0} CPU s in this process, the fake's share included); "
            + $"created {run.Created:N0}, updated {run.Updated:N0}, unchanged {run.Unchanged:N0}, skipped {run.Skipped:N0}, failed {run.Failed:N0}; "
            + $"{calls:N0} API calls (the run counted {run.ApiCalls:N0})";
        output.Note(context + (run.Error is null ? string.Empty : $"; error: {run.Error}"));
        return new SyncFigures(records, calls, seconds, cpu);
    }

    /// <summary>The initial sync's list requests, sent again one after another by a bare client that parses each page.</summary>
    private static async Task<(int Records, double Seconds)> RawAsync(HubSpotFake fake, List<string> requests)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fake.LastAccessToken);
        var records = 0;
        var clock = Stopwatch.StartNew();
        foreach (var request in requests)
        {
            var text = await http.GetStringAsync(fake.BaseUrl + request["GET ".Length..]);
            records += JsonNode.Parse(text)!["results"]!.AsArray().Count;
        }

        return (records, clock.Elapsed.TotalSeconds);
    }
}
