using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PartnerForge.Tests.Support;

/// <summary>
/// A real SMTP server for the test: Debian's python3-aiosmtpd on a free loopback port, with its Mailbox handler
/// writing every accepted message into a Maildir. Stopped (the process this fixture started) on dispose.
/// </summary>
public sealed class SmtpServer : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; private set; }

    public string Maildir { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Maildir = Path.Combine(TestEnvironment.NewDirectory("smtp"), "maildir");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await StartProcessAsync();
    }

    /// <summary>The server goes down (its port refuses connections) until <see cref="RestartAsync"/>.</summary>
    public Task StopAsync() => DisposeAsync();

    /// <summary>Up again on the same port and Maildir.</summary>
    public Task RestartAsync() => StartProcessAsync();

    private async Task StartProcessAsync()
    {
        _process = Process.Start(new ProcessStartInfo("/usr/bin/python3",
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("aiosmtpd did not start (is python3-aiosmtpd installed?)");
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
                    throw new InvalidOperationException("aiosmtpd exited: " + await _process.StandardError.ReadToEndAsync());
                }

                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"aiosmtpd did not listen on {Port}.");
    }

    /// <summary>The raw messages the server accepted so far.</summary>
    public IReadOnlyList<string> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Select(File.ReadAllText).ToList() : [];
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
