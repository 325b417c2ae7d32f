namespace PartnerForge.Bench;

/// <summary>
/// One benchmark suite: <c>dotnet run -c Release --project PartnerForge.Bench -- &lt;name&gt; [--size N]</c>.
/// Suites are found by reflection, so adding one is adding a class. Each prints one <c>key: value</c> line
/// per figure through <see cref="BenchOutput"/>, each next to a baseline measured in the same run.
/// </summary>
public interface IBenchSuite
{
    string Name { get; }

    string Description { get; }

    /// <summary>Size used when --size is not given.</summary>
    int DefaultSize { get; }

    Task RunAsync(BenchContext context);
}

public sealed record BenchContext(int Size, string WorkDirectory, BenchOutput Output);

public sealed class BenchOutput(TextWriter writer)
{
    public void Figure(string key, double value, string format = "0.##") =>
        writer.WriteLine($"{key}: {value.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}");

    public void Figure(string key, string value) => writer.WriteLine($"{key}: {value}");

    /// <summary>Context lines (not figures) start with '#'.</summary>
    public void Note(string text) => writer.WriteLine($"# {text}");
}
