namespace PartnerForge.Domain.Enrichment;

/// <summary>
/// One cited statement a module produced: a path (e.g. <c>company.industry</c>, <c>tech[Algolia].version</c>),
/// a value and its source. A fact without a source cannot be built.
/// </summary>
public sealed record Fact
{
    public Fact(string path, string value, SourceRef source)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidFactException("A fact needs a path.");
        }

        Path = path;
        Value = value ?? string.Empty;
        Source = source ?? throw new InvalidFactException($"The fact '{path}' has no source; facts without a source are rejected.");
    }

    public string Path { get; }

    public string Value { get; }

    public SourceRef Source { get; }
}
