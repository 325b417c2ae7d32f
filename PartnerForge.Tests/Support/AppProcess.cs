using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PartnerForge.Tests.Support;

/// <summary>
/// The built PartnerForge.Web in a process of its own (Development environment: demo workspace, sample sites),
/// on a free loopback port, with its own data folder. For what a process has once (the OpenTelemetry meter
/// provider listens to every meter of its name in the process, so in-process test hosts would see each other's).
/// Stopped (the process this fixture started) on dispose.
/// </summary>
public sealed class AppProcess : IAsyncLifetime
{
    private Process? _process;
    private readonly System.Text.StringBuilder _output = new();
    private IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();
    private string? _dataDirectory;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The process id (what its bulk-enrichment leases are named after).</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// A node of a scaled-out deployment: the built app as its own process, with these settings (environment variables,
    /// e.g. <c>ConnectionStrings__PostgreSQL</c>) over the Development defaults, and this data folder (shared by nodes).
    /// </summary>
    public static async Task<AppProcess> StartNodeAsync(IReadOnlyDictionary<string, string> settings, string? dataDirectory = null)
    {
        var node = new AppProcess { _settings = settings, _dataDirectory = dataDirectory };
        await node.InitializeAsync();
        return node;
    }

    /// <summary>Kills the process outright (SIGKILL): no shut-down code runs, as when a machine dies.</summary>
    public void Kill()
    {
        _process!.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public async Task InitializeAsync()
    {
        var web = WebOutput();
        var data = _dataDirectory ?? TestEnvironment.NewDirectory("process");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [Path.Combine(web, "PartnerForge.Web.dll"), "--urls", BaseUrl])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__DataDirectory"] = data;
        start.Environment["DataProtection__KeysDirectory"] = Path.Combine(data, "keys");
        start.Environment["ConnectionStrings__PostgreSQL"] = string.Empty;
        start.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(data, "logs", $"partnerforge-{port}-.json");
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("PartnerForge.Web did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"PartnerForge.Web exited with {_process.ExitCode}:\n{_output}");
            }

            try
            {
                if ((await client.GetAsync(BaseUrl + "/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"PartnerForge.Web was not ready at {BaseUrl} within 120 s:\n{_output}");
    }

    /// <summary>PartnerForge.Web's build output of the same configuration as this test assembly.</summary>
    private static string WebOutput()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory); // …/PartnerForge.Tests/bin/<Configuration>/<tfm>/
        var tfm = tests.Name;
        var configuration = tests.Parent!.Name;
        for (var dir = tests; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "PartnerForge.Web", "bin", configuration, tfm);
            if (File.Exists(Path.Combine(candidate, "PartnerForge.Web.dll")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("PartnerForge.Web's build output was not found: build the solution first.");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }
}
