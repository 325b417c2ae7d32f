using System.Runtime.CompilerServices;

namespace PartnerForge.Tests.Support;

/// <summary>Process-wide test settings, applied before any host is built.</summary>
internal static class TestEnvironment
{
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "partnerforge-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [ModuleInitializer]
    internal static void Initialize()
    {
        Directory.CreateDirectory(Root);
        // Keep test hosts' rolling log files out of the source tree (Program reads Serilog settings early).
        Environment.SetEnvironmentVariable("Serilog__WriteTo__1__Args__path", Path.Combine(Root, "logs", "partnerforge-.json"));
        // bUnit's WaitFor and Click block a thread while the renderer works on another. On two cores the pool starts with
        // two threads and adds about one a second, so parallel component tests could starve it and time out unchecked.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completionPorts, 32));
    }

    public static string NewDirectory(string prefix)
    {
        var path = Path.Combine(Root, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
