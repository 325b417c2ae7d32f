using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Infrastructure.Accounts.Import;
using PartnerForge.Tests.Support;
using Quartz;
using Xunit.Abstractions;

namespace PartnerForge.Tests.Infrastructure.Drills;

/// <summary>
/// Fault drill: a 200,000-row import on two PartnerForge nodes (processes of their own, one PostgreSQL database, one
/// shared data folder), with the node running it killed by SIGKILL part-way. The other node's clustered scheduler
/// recovers the job and reports the import as interrupted; every account it counted is there once, none it did not
/// count; the same file imported again adds exactly the rest, with no duplicate account.
/// </summary>
/// <remarks>
/// The test itself stages and starts the import as the import page does, through a third, in-process host on the same
/// database whose scheduler is kept in stand-by, so only the two nodes run jobs.
/// </remarks>
[Collection(DrillCollection.Name)]
public sealed class ImportKillDrillTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rows = 200_000;
    private string _data = string.Empty;
    private AppProcess[] _nodes = [];
    private InfrastructureHost _starter = null!;

    public async Task InitializeAsync()
    {
        var database = await postgres.CreateDatabaseAsync("pf_importkill");
        _data = TestEnvironment.NewDirectory("import-drill");
        var settings = new Dictionary<string, string> { ["ConnectionStrings__PostgreSQL"] = database };
        _nodes = await Task.WhenAll(AppProcess.StartNodeAsync(settings, _data), AppProcess.StartNodeAsync(settings, _data));
        // Its scheduler never starts (a start delay longer than the test): it only puts the job in the shared store.
        _starter = await InfrastructureHost.StartAsync(seedDemo: false, postgres: database, dataDirectory: _data,
            services: s => s.Configure<QuartzHostedServiceOptions>(o => o.StartDelay = TimeSpan.FromHours(1)));
    }

    public async Task DisposeAsync()
    {
        await _starter.DisposeAsync();
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_node_killed_mid_import_leaves_it_reported_as_interrupted_with_every_counted_row_there_once_and_a_second_import_adds_the_rest()
    {
        var tenantId = await _starter.AsSystemAsync(db => db.Tenants.Where(t => t.Slug == "northwind").Select(t => t.Id).SingleAsync());
        var file = WriteCsv();
        var first = await StartImportAsync(tenantId, file);

        // The node running it (it says so in its log) is killed once some batches are committed and more are to come.
        try
        {
            await Eventually.TrueAsync(async () => (await JobAsync(first)).RowsRead >= 10_000 && _nodes.Any(n => n.Output.Contains(first.ToString(), StringComparison.Ordinal)), TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            var job = await JobAsync(first);
            output.WriteLine($"import {job.State} at {job.RowsRead} rows; node logs:\n{string.Join("\n-----\n", _nodes.Select(n => n.Output[^Math.Min(n.Output.Length, 3000)..]))}");
            throw;
        }

        var runner = _nodes.Single(n => n.Output.Contains($"Import {first}", StringComparison.Ordinal));
        var survivor = _nodes.Single(n => n != runner);
        runner.Kill();
        var killedAt = Stopwatch.StartNew();
        var atKill = await JobAsync(first);
        output.WriteLine($"killed the node running the import at {atKill.RowsRead:N0} rows ({atKill.State})");
        atKill.State.Should().Be(ImportJobState.Running, "the kill lands mid-import");

        await Eventually.TrueAsync(async () => (await JobAsync(first)).State != ImportJobState.Running, TimeSpan.FromMinutes(2));
        output.WriteLine($"reported {killedAt.Elapsed.TotalSeconds:0.0} s after the kill");
        var interrupted = await JobAsync(first);
        interrupted.State.Should().Be(ImportJobState.Failed);
        interrupted.Failure.Should().Be(ImportRunner.InterruptedMessage);
        survivor.Output.Should().Contain($"Import {first} of drill.csv was interrupted", "the other node recovered the job");
        var imported = await DrillAccountsAsync(tenantId);
        imported.Total.Should().Be((int)interrupted.Created, "exactly the rows the import counted were written");
        imported.Distinct.Should().Be(imported.Total, "no account twice");
        interrupted.Created.Should().BeInRange(1, Rows - 1);

        // The rest: the same file again, new accounts only. The rows already imported are skipped as existing.
        var second = await StartImportAsync(tenantId, file);
        await Eventually.TrueAsync(async () => (await JobAsync(second)).State is ImportJobState.Completed or ImportJobState.Failed, TimeSpan.FromMinutes(3));
        var rest = await JobAsync(second);
        rest.State.Should().Be(ImportJobState.Completed, rest.Failure);
        rest.Created.Should().Be(Rows - interrupted.Created);
        var all = await DrillAccountsAsync(tenantId);
        all.Total.Should().Be(Rows);
        all.Distinct.Should().Be(Rows);
    }

    private static string WriteCsv()
    {
        var path = Path.Combine(TestEnvironment.NewDirectory("import-drill-file"), "drill.csv");
        var text = new StringBuilder("Name,Domain\n", Rows * 40);
        for (var i = 0; i < Rows; i++)
        {
            text.Append("Drill Company ").Append(i).Append(",drill").Append(i).Append(".example.com\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    private async Task<Guid> StartImportAsync(Guid tenantId, string file)
    {
        await using var scope = _starter.Scope(tenantId);
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        await using var content = File.OpenRead(file);
        var staged = await imports.StageAsync(content, "drill.csv", 100L * 1024 * 1024);
        return await imports.StartAsync(new ImportRequest(staged.UploadId, staged.FileName, [ImportField.Name, ImportField.Domain], ImportMode.CreateOnly, [MatchField.Domain]));
    }

    private Task<ImportJob> JobAsync(Guid id) =>
        _starter.AsSystemAsync(db => db.Set<ImportJob>().IgnoreQueryFilters().AsNoTracking().SingleAsync(j => j.Id == id));

    private Task<(int Total, int Distinct)> DrillAccountsAsync(Guid tenantId) =>
        _starter.AsSystemAsync(async db =>
        {
            var drill = db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == tenantId && c.Domain.StartsWith("drill"));
            return (await drill.CountAsync(), await drill.Select(c => c.Domain).Distinct().CountAsync());
        });
}
