using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PartnerForge.Tests.Support;

/// <summary>
/// A real PostgreSQL server (Debian's postgresql package) started for the test run on a free loopback port,
/// in a temp folder, and stopped afterwards. Root runs the server as the postgres user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string _dataDirectory = string.Empty;
    private string _binDirectory = string.Empty;
    private string _startArguments = string.Empty;

    public int Port { get; private set; }

    /// <summary>
    /// Commits reach the disk before they are acknowledged (the server's defaults). Off for the shared test server (faster);
    /// on for drills that crash the server, since with <c>synchronous_commit=off</c> a crash loses commits already
    /// acknowledged, which no production server is set up to do.
    /// </summary>
    public bool Durable { get; init; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false;Timeout=15";

    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task InitializeAsync()
    {
        _binDirectory = FindBinDirectory();
        var root = TestEnvironment.NewDirectory("pg");
        _dataDirectory = Path.Combine(root, "data");
        Port = FreePort();
        if (IsRoot)
        {
            await RunAsync("chown", $"-R postgres:postgres {root}");
        }

        await RunPostgresToolAsync("initdb", $"-D {_dataDirectory} -A trust -U postgres -E UTF8 --locale=C --no-sync");
        _startArguments = $"-D {_dataDirectory} -l {Path.Combine(root, "server.log")} -w -t 60 -o \"-p {Port} -k {root} -c listen_addresses=127.0.0.1{(Durable ? string.Empty : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")}\" start";
        await RunPostgresToolAsync("pg_ctl", _startArguments);
    }

    /// <summary>Stops the server at once (<c>-m immediate</c>: connections cut, as a crash does) and starts it again after <paramref name="downFor"/>.</summary>
    public async Task RestartAsync(TimeSpan downFor)
    {
        await RunPostgresToolAsync("pg_ctl", $"-D {_dataDirectory} -m immediate -w stop");
        await Task.Delay(downFor);
        await RunPostgresToolAsync("pg_ctl", _startArguments);
    }

    public async Task DisposeAsync()
    {
        if (_dataDirectory.Length > 0 && Directory.Exists(_dataDirectory))
        {
            await RunPostgresToolAsync("pg_ctl", $"-D {_dataDirectory} -m immediate -w stop");
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunPostgresToolAsync(string tool, string arguments) =>
        IsRoot
            ? RunAsync("runuser", $"-u postgres -- {Path.Combine(_binDirectory, tool)} {arguments}")
            : RunAsync(Path.Combine(_binDirectory, tool), arguments);

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql. Run the README's test command, which installs Debian's postgresql package.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
