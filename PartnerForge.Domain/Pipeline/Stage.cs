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
        Name = name.Trim();
    }

    public void MoveTo(int position) => Position = position;

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
