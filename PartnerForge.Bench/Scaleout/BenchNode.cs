using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PartnerForge.Bench.Scaleout;

/// <summary>
/// One PartnerForge node: the built web app (same configuration as the bench) in a process of its own on a free
/// loopback port, with the given settings as environment variables. <see cref="Kill"/> is SIGKILL.
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private readonly Process _process;

    private BenchNode(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    public static async Task<BenchNode> StartAsync(IReadOnlyDictionary<string, string> settings, string logDirectory)
    {
        var web = WebOutput();
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(web, "PartnerForge.Web.dll"), "--urls", baseUrl])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(logDirectory, $"node-{port}-.json");
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("PartnerForge.Web did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new BenchNode(process, baseUrl);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var deadline = DateTime.UtcNow.AddMinutes(2); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"PartnerForge.Web exited with {process.ExitCode}; its log is in {logDirectory}.");
            }

            try
            {
                if ((await client.GetAsync(baseUrl + "/health/ready")).IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
        }

        await node.DisposeAsync();
        throw new TimeoutException($"PartnerForge.Web was not ready at {baseUrl} within 2 minutes.");
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string WebOutput()
    {
        var bench = new DirectoryInfo(AppContext.BaseDirectory); // …/PartnerForge.Bench/bin/<Configuration>/<tfm>/
        for (var dir = bench; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "PartnerForge.Web", "bin", bench.Parent!.Name, bench.Name);
            if (File.Exists(Path.Combine(candidate, "PartnerForge.Web.dll")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("PartnerForge.Web's build output was not found beside the bench: build the solution first.");
    }
}
