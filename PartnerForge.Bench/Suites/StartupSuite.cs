using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace PartnerForge.Bench.Suites;

/// <summary>
/// Start-up to ready: the built web app (<c>PartnerForge.Web/bin/Release</c>, Production environment, SQLite) started as
/// its own process, timed from the process start to the first 200 of <c>/health/ready</c> (migrations applied, the
/// database writable, the scheduler up). Median of three starts each.
/// <list type="bullet">
/// <item><c>startup_empty_ms</c>: on a database file that does not exist yet (every migration runs).</item>
/// <item><c>startup_migrated_ms</c> (baseline, same run): the same empty database started again, nothing to migrate.</item>
/// <item><c>startup_1m_ms</c>: on a migrated database holding N accounts (default 1M) in one tenant.</item>
/// </list>
/// </summary>
public sealed class StartupSuite : IBenchSuite
{
    public string Name => "startup";

    public string Description => "web app process start to /health/ready on an empty and an N-account SQLite database";

    public int DefaultSize => 1_000_000;

    public async Task RunAsync(BenchContext context)
    {
        var output = context.Output;
        var web = WebOutputDirectory();
        output.Note("web app: PartnerForge.Web/bin/Release/net10.0, Production environment, SQLite");

        var fresh = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var data = Path.Combine(context.WorkDirectory, $"empty-{i}");
            fresh.Add(await TimeStartAsync(web, data, seed: false));
        }

        var migrated = new List<double>();
        var emptyData = Path.Combine(context.WorkDirectory, "empty-0");
        for (var i = 0; i < 3; i++)
        {
            migrated.Add(await TimeStartAsync(web, emptyData, seed: false));
        }

        var large = Path.Combine(context.WorkDirectory, "large");
        await TimeStartAsync(web, large, seed: true);
        var tenantId = await TenantIdAsync(Path.Combine(large, "partnerforge.db"), "northwind");
        var load = Stopwatch.StartNew();
        await GridSuite.GenerateAsync(Path.Combine(large, "partnerforge.db"), tenantId, context.Size);
        output.Note($"generated {context.Size:N0} accounts in {load.Elapsed.TotalSeconds:0.0} s");
        var big = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            big.Add(await TimeStartAsync(web, large, seed: false));
        }

        output.Note($"starts (ms): empty {string.Join(", ", fresh.Select(Ms))}; migrated {string.Join(", ", migrated.Select(Ms))}; {context.Size:N0} accounts {string.Join(", ", big.Select(Ms))}");
        output.Figure("startup_accounts", context.Size);
        output.Figure("startup_migrated_ms", GridSuite.Percentile(migrated, 50), "0");
        output.Figure("startup_empty_ms", GridSuite.Percentile(fresh, 50), "0");
        output.Figure("startup_1m_ms", GridSuite.Percentile(big, 50), "0");
    }

    private static string Ms(double value) => value.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts the app on <paramref name="dataDirectory"/>, waits for ready, stops it; returns the milliseconds to ready.</summary>
    private static async Task<double> TimeStartAsync(string webDirectory, string dataDirectory, bool seed)
    {
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [Path.Combine(webDirectory, "PartnerForge.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = webDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Database__DataDirectory"] = dataDirectory;
        info.Environment["DataProtection__KeysDirectory"] = Path.Combine(dataDirectory, "keys");
        info.Environment["Demo__Seed"] = seed ? "true" : "false";
        info.Environment["Serilog__WriteTo__0__Args__restrictedToMinimumLevel"] = "Warning";
        info.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(dataDirectory, "logs", "partnerforge-.json");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                if (process.HasExited || watch.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new InvalidOperationException($"the app did not become ready (exit {(process.HasExited ? process.ExitCode : -1)}):\n{log}");
                }

                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/health/ready");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return watch.Elapsed.TotalMilliseconds;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                await Task.Delay(10);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<Guid> TenantIdAsync(string sqlitePath, string slug)
    {
        await using var connection = new SqliteConnection($"Data Source={sqlitePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Tenants WHERE Slug = $s";
        command.Parameters.AddWithValue("$s", slug);
        return Guid.Parse((string)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"no tenant '{slug}' was seeded")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The web project's own Release output (built by <c>dotnet run -c Release --project PartnerForge.Bench</c>, which references it).</summary>
    private static string WebOutputDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "PartnerForge.Web", "bin", "Release", "net10.0");
            if (File.Exists(Path.Combine(dir.FullName, "PartnerForge.sln")) && File.Exists(Path.Combine(candidate, "PartnerForge.Web.dll")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("PartnerForge.Web/bin/Release/net10.0 not found: run the bench with -c Release from the repository.");
    }
}
