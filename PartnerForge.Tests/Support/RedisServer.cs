using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PartnerForge.Tests.Support;

/// <summary>
/// A real Redis server for the test (Debian's redis-server package): a child process on a free loopback port, with
/// nothing saved to disk (<c>--save ''</c>, no append-only file), in a temp folder. Stopped (the process this fixture
/// started) on dispose.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>The <c>ConnectionStrings:Redis</c> value for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    public async Task InitializeAsync()
    {
        var directory = TestEnvironment.NewDirectory("redis");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        const string server = "/usr/bin/redis-server";
        if (!File.Exists(server))
        {
            throw new InvalidOperationException("redis-server not found. Run the README's test command, which installs Debian's redis-server package.");
        }

        _process = Process.Start(new ProcessStartInfo(server,
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", directory, "--daemonize", "no", "--loglevel", "warning"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("redis-server did not start.");
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException("redis-server exited: " + await _process.StandardOutput.ReadToEndAsync());
                }

                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"redis-server did not listen on {Port}.");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
        return Task.CompletedTask;
    }
}
