namespace PartnerForge.Domain.Pipeline;

/// <summary>How a tenant qualifies its deals.</summary>
public enum QualificationFramework
{
    Bant = 0,
    Meddic = 1,
}

public static class Qualification
{
    public static IReadOnlyList<string> Bant { get; } = ["Budget", "Authority", "Need", "Timeline"];

    public static IReadOnlyList<string> Meddic { get; } =
        ["Metrics", "Economic buyer", "Decision criteria", "Decision process", "Identify pain", "Champion"];

    public static IReadOnlyList<string> FieldsOf(QualificationFramework framework) =>
        framework == QualificationFramework.Meddic ? Meddic : Bant;

    /// <summary>Share (0–1) of the framework's fields that have an answer.</summary>
    public static double Completeness(QualificationFramework framework, IReadOnlyDictionary<string, string> answers)
    {
        var fields = FieldsOf(framework);
        return (double)fields.Count(f => answers.TryGetValue(f, out var v) && !string.IsNullOrWhiteSpace(v)) / fields.Count;
    }
}
