using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PartnerForge.Bench.Scaleout;

/// <summary>
/// A PostgreSQL server of its own for a suite (Debian's postgresql package, as the README's test command installs): a
/// new cluster in the work folder on a free loopback port, stopped on dispose. Root runs it as the postgres user.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _data;

    private BenchPostgres(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=15";

    public static async Task<BenchPostgres> StartAsync(string workDirectory)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).OrderDescending(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql: run the README's test command once, which installs them.");
        }

        var root = Path.Combine(workDirectory, "pg");
        Directory.CreateDirectory(root);
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            var server = new BenchPostgres(bin, Path.Combine(root, "data"), ((IPEndPoint)listener.LocalEndpoint).Port);
            listener.Stop();
            if (Environment.UserName == "root")
            {
                await RunAsync("chown", $"-R postgres:postgres {root}");
            }

            await server.ToolAsync("initdb", $"-D {server._data} -A trust -U postgres -E UTF8 --locale=C --no-sync");
            await server.ToolAsync("pg_ctl", $"-D {server._data} -l {Path.Combine(root, "server.log")} -w -t 60 -o \"-p {server.Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300\" start");
            return server;
        }
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync() => await ToolAsync("pg_ctl", $"-D {_data} -m immediate -w stop");

    private Task ToolAsync(string tool, string arguments) =>
        Environment.UserName == "root" ? RunAsync("runuser", $"-u postgres -- {Path.Combine(_bin, tool)} {arguments}") : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
    }
}
