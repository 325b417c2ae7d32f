using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure;
using PartnerForge.Infrastructure.Accounts.Import;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Bench;

/// <summary>
/// CSV import of a generated file through the real path (upload staged, import queued, run by the Quartz job
/// into a fresh SQLite database), next to raw Microsoft.Data.Sqlite prepared inserts of the same rows into
/// the same schema in one transaction. Peak memory is the process working set sampled during the import.
/// </summary>
public sealed class ImportBenchSuite : IBenchSuite
{
    public string Name => "import";

    public string Description => "CSV import rows/s vs raw SQLite inserts, and the import's peak memory";

    public int DefaultSize => 1_000_000;

    private static readonly string[] Industries = ["Software", "Retail", "Manufacturing", "Healthcare", "Finance", "Logistics", "Energy", "Media"];
    private static readonly string[] Countries = ["DE", "US", "GB", "FR", "NL", "SE", "ES", "IT"];
    private static readonly string[] Employees = ["8", "40", "150", "350", "900", "2500", "7000", "20000"];
    private static readonly string[] Revenues = ["<1M", "1M-10M", "10M-50M", "50M-100M", "100M-500M", "500M-1B", "1B+"];
    private static readonly string[] Tiers = ["A", "B", "C", "D", ""];

    private sealed record GeneratedRow(string Name, string Domain, string Industry, string Country, string Employees, string Revenue, string Tier);

    private static GeneratedRow Row(int i)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        return new GeneratedRow($"Company {n} {(i % 3 == 0 ? "GmbH" : "Inc")}", $"company-{n}.example", Industries[i % Industries.Length],
            Countries[i % Countries.Length], Employees[i % Employees.Length], Revenues[i % Revenues.Length], Tiers[i % Tiers.Length]);
    }

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var csv = Path.Combine(context.WorkDirectory, "accounts.csv");
        await using (var writer = new StreamWriter(csv, false, new UTF8Encoding(false), 1 << 16))
        {
            await writer.WriteAsync(CsvText.Record(["Company", "Website", "Industry", "Country", "Employees", "Revenue", "Tier"]));
            for (var i = 1; i <= context.Size; i++)
            {
                var r = Row(i);
                await writer.WriteAsync(CsvText.Record([r.Name, "https://www." + r.Domain + "/", r.Industry, r.Country, r.Employees, r.Revenue, r.Tier]));
            }
        }

        context.Output.Note($"generated {context.Size:N0} rows, {new FileInfo(csv).Length / (1024.0 * 1024.0):0.0} MB CSV");

        // The import, through the real path.
        var (importRate, peakMb, baselineMb) = await ImportAsync(context, csv);

        // Raw prepared inserts of the same rows into the same (migrated) schema, one transaction.
        var rawRate = await RawInsertAsync(context);

        context.Output.Note($"working set before the import: {baselineMb:0} MB");
        context.Output.Figure("import_rows_per_s", importRate, "0");
        context.Output.Figure("raw_rows_per_s", rawRate, "0");
        context.Output.Figure("import_ratio", importRate / rawRate, "0.000");
        context.Output.Figure("import_peak_mb", peakMb, "0");
    }

    private static async Task<IHost> StartHostAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Production",
            ApplicationName = "PartnerForge.Bench",
            ContentRootPath = folder,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = folder,
            ["Demo:Seed"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPartnerForgeInfrastructure(builder.Configuration, builder.Environment);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<Guid> CreateTenantAsync(IHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        var tenant = new Tenant("Bench", "bench", DateTime.UtcNow);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant.Id;
    }

    private static async Task<(double Rate, double PeakMb, double BaselineMb)> ImportAsync(BenchContext context, string csv)
    {
        using var host = await StartHostAsync(Path.Combine(context.WorkDirectory, "import"));
        var tenantId = await CreateTenantAsync(host);
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, "bench");
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        StagedUpload staged;
        await using (var file = File.OpenRead(csv))
        {
            staged = await imports.StageAsync(file, "accounts.csv", long.MaxValue);
        }

        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                try
                {
                    await Task.Delay(50, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        var clock = Stopwatch.StartNew();
        var importId = await imports.StartAsync(new ImportRequest(staged.UploadId, "accounts.csv", staged.SuggestedMapping, ImportMode.CreateAndUpdate, [MatchField.Domain]));
        ImportJob? job;
        while (true)
        {
            job = await imports.FindAsync(importId);
            if (job is { State: ImportJobState.Completed or ImportJobState.Failed })
            {
                break;
            }

            await Task.Delay(100);
        }

        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        if (job.State != ImportJobState.Completed || job.Created != context.Size)
        {
            throw new InvalidOperationException($"The import ended {job.State} with {job.Created:N0} created, {job.Errors:N0} errors: {job.Failure}");
        }

        context.Output.Note($"import: {job.Created:N0} created in {clock.Elapsed.TotalSeconds:0.0} s (queue to completed), job's own rate {job.RowsPerSecond:0} rows/s");
        await host.StopAsync();
        return (context.Size / clock.Elapsed.TotalSeconds, peak / (1024.0 * 1024.0), baseline / (1024.0 * 1024.0));
    }

    private static async Task<double> RawInsertAsync(BenchContext context)
    {
        var folder = Path.Combine(context.WorkDirectory, "raw");
        Guid tenantId;
        string path;
        using (var host = await StartHostAsync(folder))
        {
            tenantId = await CreateTenantAsync(host);
            path = Path.Combine(folder, "partnerforge.db");
            await host.StopAsync();
        }

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(DatabaseProviderSetup.SqliteConnectionString(path, create: false));
        await connection.OpenAsync();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        var tenant = tenantId.ToString().ToUpperInvariant();
        var importId = Guid.NewGuid().ToString().ToUpperInvariant();
        var clock = Stopwatch.StartNew();
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO "Companies" ("Id", "TenantId", "Name", "SearchName", "Domain", "Industry", "Country", "EmployeeBand", "RevenueBand", "OwnerId", "Tier", "CreatedAtUtc", "UpdatedAtUtc", "ImportId")
                VALUES ($id, $tenant, $name, $search, $domain, $industry, $country, $employees, $revenue, NULL, $tier, $now, $now, $import)
                """;
            var p = new[] { "$id", "$tenant", "$name", "$search", "$domain", "$industry", "$country", "$employees", "$revenue", "$tier", "$now", "$import" }
                .Select(name => insert.Parameters.Add(new SqliteParameter(name, null))).ToArray();
            await insert.PrepareAsync();
            p[1].Value = tenant;
            p[10].Value = now;
            p[11].Value = importId;
            for (var i = 1; i <= context.Size; i++)
            {
                var r = Row(i);
                p[0].Value = Guid.NewGuid().ToString().ToUpperInvariant();
                p[2].Value = r.Name;
                p[3].Value = r.Name.ToLowerInvariant();
                p[4].Value = r.Domain;
                p[5].Value = r.Industry;
                p[6].Value = r.Country;
                p[7].Value = Firmographics.NormalizeEmployeeBand(r.Employees).Value;
                p[8].Value = r.Revenue;
                p[9].Value = r.Tier.Length == 0 ? DBNull.Value : (long)Enum.Parse<AccountTier>(r.Tier);
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        clock.Stop();
        context.Output.Note($"raw: {context.Size:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s");
        return context.Size / clock.Elapsed.TotalSeconds;
    }
}
