using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Pipeline;

public enum StageKind
{
    Open = 0,
    Won = 1,
    Lost = 2,
}

/// <summary>A column of the tenant's pipeline: ordered, with the probability a deal in it gets by default.</summary>
public sealed class Stage : TenantOwnedEntity, IAudited
{
    private Stage()
    {
        Name = string.Empty;
    }

    public Stage(string name, int position, int defaultProbability, StageKind kind)
        : this()
    {
        Rename(name);
        Position = position;
        SetDefaultProbability(defaultProbability);
        Kind = kind;
    }

    public string Name { get; private set; }

    /// <summary>Order on the board, left to right (0 first).</summary>
    public int Position { get; private set; }

    /// <summary>0–100; a deal entering this stage takes it unless its probability was overridden.</summary>
    public int DefaultProbability { get; private set; }

    public StageKind Kind { get; private set; }

    public bool IsClosed => Kind != StageKind.Open;

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Trim().Length > StageRules.MaxNameLength)
        {
            throw new ArgumentException($"A stage name has at most {StageRules.MaxNameLength} characters.", nameof(name));
        }

        Name = name.Trim();
    }

    public void MoveTo(int position) => Position = position;

    /// <summary>Makes this an open, won or lost stage (the caller checks <see cref="StageRules"/> first).</summary>
    public void MarkAs(StageKind kind) => Kind = kind;

    public void SetDefaultProbability(int probability)
    {
        Probabilities.Check(probability);
        DefaultProbability = probability;
    }
}

/// <summary>Probabilities are whole percentages, 0 to 100.</summary>
public static class Probabilities
{
    public static void Check(int percent)
    {
        if (percent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A probability is between 0 and 100 per cent.");
        }
    }
}

/// <summary>What a tenant's set of stages must keep while an admin edits it.</summary>
public static class StageRules
{
    public const int MaxNameLength = 100;

    /// <summary>A message for a name the admin typed, or null when it is fine.</summary>
    public static string? CheckName(string? name, IEnumerable<string> otherNames)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "Give the stage a name.";
        }

        if (name.Trim().Length > MaxNameLength)
        {
            return $"A stage name has at most {MaxNameLength} characters.";
        }

        return otherNames.Any(n => string.Equals(n.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            ? $"There is already a stage called \u201c{name.Trim()}\u201d."
            : null;
    }

    /// <summary>A message when the kinds would leave the pipeline without an open, a won or a lost stage; else null.</summary>
    public static string? CheckKinds(IReadOnlyCollection<StageKind> kinds)
    {
        if (!kinds.Contains(StageKind.Open))
        {
            return "The pipeline needs at least one open stage.";
        }

        if (!kinds.Contains(StageKind.Won))
        {
            return "The pipeline needs a stage that marks deals as won.";
        }

        return kinds.Contains(StageKind.Lost) ? null : "The pipeline needs a stage that marks deals as lost.";
    }
}
