using System.Globalization;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Crm;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// A pulled record's mapped values in our terms (our field → value), and the per-field conflict decision against ours.
/// </summary>
internal sealed class CrmValues
{
    private readonly Dictionary<string, (string? Value, ConflictPolicy Policy)> values = new(StringComparer.Ordinal);

    public CrmValues(CrmRecord record, IEnumerable<CrmFieldMapping> mappings)
    {
        Record = record;
        foreach (var m in mappings)
        {
            values[m.OurField] = (Clean(m.OurField, record[m.CrmProperty]), m.Policy);
        }
    }

    public CrmRecord Record { get; }

    public string? this[string field] => values.TryGetValue(field, out var v) ? v.Value : null;

    public bool Has(string field) => values.ContainsKey(field);

    /// <summary>
    /// The value to keep for a field: the CRM's when the field's policy says so (<see cref="ConflictRule"/>), else ours.
    /// <paramref name="changed"/> turns true when the CRM's value is taken.
    /// </summary>
    public string? Resolve(string field, string? ours, DateTime ourUpdatedUtc, ref bool changed)
    {
        if (!values.TryGetValue(field, out var crm) || !ConflictRule.TakeCrmValue(crm.Policy, ours, crm.Value, Record.UpdatedAtUtc, ourUpdatedUtc))
        {
            return ours;
        }

        changed = true;
        return crm.Value;
    }

    /// <summary>CRM values as ours are kept: industries in words, countries as ISO codes, e-mail in lower case.</summary>
    private static string? Clean(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        return field switch
        {
            CrmFields.Industry when value.Contains('_', StringComparison.Ordinal) || value.All(c => !char.IsLower(c)) =>
                CultureInfo.InvariantCulture.TextInfo.ToTitleCase(value.Replace('_', ' ').ToLowerInvariant()),
            CrmFields.Country => Firmographics.NormalizeCountry(value).Value ?? value,
            CrmFields.Email => value.ToLowerInvariant(),
            CrmFields.Domain => DomainName.TryParse(value, out var d, out _) ? d.Value : value,
            CrmFields.Amount => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
                ? decimal.Round(amount, 2).ToString("0.##", CultureInfo.InvariantCulture) : value,
            CrmFields.CloseDate => HubSpotConnector.Parse(value)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? value,
            CrmFields.Currency => value.ToUpperInvariant(),
            _ => value,
        };
    }
}
