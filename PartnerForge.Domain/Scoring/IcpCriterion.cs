namespace PartnerForge.Domain.Scoring;

/// <summary>What an ICP criterion looks at.</summary>
public enum IcpField
{
    Industry = 1,
    Country = 2,
    EmployeeBand = 3,
    RevenueBand = 4,
    TechnologyPresent = 5,
    TechnologyAbsent = 6,
    TrafficBand = 7,
}

/// <summary>One weighted rule of the ideal customer profile: the account scores <see cref="Weight"/> when it matches.</summary>
public sealed record IcpCriterion(IcpField Field, IReadOnlyList<string> Values, int Weight)
{
    public const int MaxWeight = 100;
    public const int MaxValues = 50;

    public string Label => Field switch
    {
        IcpField.Industry => "Industry",
        IcpField.Country => "Country",
        IcpField.EmployeeBand => "Employees",
        IcpField.RevenueBand => "Revenue",
        IcpField.TechnologyPresent => "Uses technology",
        IcpField.TechnologyAbsent => "Does not use",
        IcpField.TrafficBand => "Traffic",
        _ => Field.ToString(),
    };

    /// <summary>Why the criterion is invalid, or null.</summary>
    public string? Validate()
    {
        if (!Enum.IsDefined(Field))
        {
            return "Pick what the criterion looks at.";
        }

        if (Weight is < 1 or > MaxWeight)
        {
            return $"{Label}: the weight must be between 1 and {MaxWeight}.";
        }

        if (Values.Count == 0 || Values.All(string.IsNullOrWhiteSpace))
        {
            return $"{Label}: give at least one value.";
        }

        return Values.Count > MaxValues ? $"{Label}: at most {MaxValues} values." : null;
    }
}

/// <summary>The account data the fit score reads (firmographics plus M02 technologies and M03 traffic band).</summary>
public sealed record FitInput(
    string? Industry,
    string? Country,
    string? EmployeeBand,
    string? RevenueBand,
    IReadOnlyCollection<string> Technologies,
    string? TrafficBand);

/// <summary>One criterion's contribution: the points it gave and a sentence saying why.</summary>
public sealed record ScoreFactor(string Criterion, int Points, string Text, bool Matched);

public sealed record FitResult(int Score, IReadOnlyList<ScoreFactor> Factors);
