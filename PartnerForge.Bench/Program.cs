using System.Diagnostics;
using System.Reflection;
using PartnerForge.Bench;

var suites = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchSuite).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

if (args.Length == 0 || !suites.TryGetValue(args[0], out var suite))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project PartnerForge.Bench -- <suite> [--size N]");
    foreach (var s in suites.Values)
    {
        Console.Error.WriteLine($"  {s.Name,-12} {s.Description} (default size {s.DefaultSize:N0})");
    }

    return args.Length == 0 ? 1 : 2;
}

var size = suite.DefaultSize;
var sizeIndex = Array.IndexOf(args, "--size");
if (sizeIndex >= 0 && (sizeIndex + 1 >= args.Length || !int.TryParse(args[sizeIndex + 1], out size) || size <= 0))
{
    Console.Error.WriteLine("--size takes a positive whole number");
    return 2;
}

#if DEBUG
Console.Error.WriteLine("warning: a Debug build; figures are only meaningful with -c Release");
#endif

var work = Path.Combine(Path.GetTempPath(), "partnerforge-bench", $"{suite.Name}-{Environment.ProcessId}");
Directory.CreateDirectory(work);
var output = new BenchOutput(Console.Out);
output.Note($"suite {suite.Name}, size {size:N0}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
var clock = Stopwatch.StartNew();
try
{
    await suite.RunAsync(new BenchContext(size, work, output));
}
finally
{
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
    }
}

output.Note($"took {clock.Elapsed.TotalSeconds:0.0} s");
return 0;
