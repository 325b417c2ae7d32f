namespace PartnerForge.Domain.Scoring;

/// <summary>
/// The M13 fit score: the share of the ICP's total weight the account matches, 0–100. A criterion on a value
/// the account lacks (unknown industry, no traffic band) does not match. Technologies absent matches when
/// none of the listed technologies was detected.
/// </summary>
public static class FitScorer
{
    public static FitResult Score(IReadOnlyList<IcpCriterion> criteria, FitInput account)
    {
        var total = criteria.Sum(c => c.Weight);
        if (total <= 0)
        {
            return new FitResult(0, []);
        }

        var factors = new List<ScoreFactor>();
        var matched = 0;
        foreach (var criterion in criteria)
        {
            var values = criterion.Values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToList();
            var (isMatch, detail) = Evaluate(criterion.Field, values, account);
            var points = isMatch ? criterion.Weight : 0;
            matched += points;
            // Points as a share of 100, so the factors add up to the score (within rounding).
            var scaled = (int)Math.Round(100.0 * points / total, MidpointRounding.AwayFromZero);
            factors.Add(new ScoreFactor(criterion.Label, scaled, $"+{scaled} {detail}", isMatch));
        }

        var score = (int)Math.Round(100.0 * matched / total, MidpointRounding.AwayFromZero);
        return new FitResult(Math.Clamp(score, 0, 100), factors);
    }

    private static (bool Match, string Detail) Evaluate(IcpField field, List<string> values, FitInput account)
    {
        var list = string.Join(", ", values);
        switch (field)
        {
            case IcpField.TechnologyPresent:
            {
                var found = values.Where(v => account.Technologies.Contains(v, StringComparer.OrdinalIgnoreCase)).ToList();
                return found.Count > 0 ? (true, $"uses {string.Join(", ", found)}") : (false, $"uses none of {list}");
            }

            case IcpField.TechnologyAbsent:
            {
                var found = values.Where(v => account.Technologies.Contains(v, StringComparer.OrdinalIgnoreCase)).ToList();
                return found.Count == 0 ? (true, $"does not use {list}") : (false, $"uses {string.Join(", ", found)}");
            }

            default:
            {
                var (name, value) = field switch
                {
                    IcpField.Industry => ("industry", account.Industry),
                    IcpField.Country => ("country", account.Country),
                    IcpField.EmployeeBand => ("employees", account.EmployeeBand),
                    IcpField.RevenueBand => ("revenue", account.RevenueBand),
                    IcpField.TrafficBand => ("traffic", account.TrafficBand),
                    _ => (field.ToString(), null),
                };
                if (string.IsNullOrWhiteSpace(value))
                {
                    return (false, $"{name} unknown (wanted {list})");
                }

                return values.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase)
                    ? (true, $"{name} is {value}")
                    : (false, $"{name} is {value}, not {list}");
            }
        }
    }
}
