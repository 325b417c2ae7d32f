using PartnerForge.Domain.Scoring;

namespace PartnerForge.Web.Components.Pages.Admin;

/// <summary>One ICP criterion as edited on the page: what it looks at, its values (comma separated) and its weight.</summary>
public sealed class IcpRow
{
    public IcpField Field { get; set; } = IcpField.Industry;

    public string Values { get; set; } = string.Empty;

    public int Weight { get; set; } = 10;

    public IcpCriterion ToCriterion() =>
        new(Field, Values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Weight);

    /// <summary>A criterion's share of the fit score in percent: its weight over all weights.</summary>
    public static double SharePercent(IReadOnlyList<IcpRow> rows, IcpRow row)
    {
        var total = rows.Sum(r => Math.Max(0, r.Weight));
        return total == 0 ? 0 : 100.0 * Math.Max(0, row.Weight) / total;
    }
}
