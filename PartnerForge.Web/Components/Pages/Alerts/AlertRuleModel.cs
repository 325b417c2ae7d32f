using System.Globalization;
using PartnerForge.Domain.Changes;
using PartnerForge.Infrastructure.Changes;

namespace PartnerForge.Web.Components.Pages.Alerts;

/// <summary>
/// What the rule editor holds while a person types: strings as typed (a significance of "15x" stays visible with
/// its error), "any"/"me" for the empty choices, and a fingerprint to tell whether anything changed.
/// </summary>
internal sealed class AlertRuleModel
{
    public const string Any = "any";
    public const string Me = "me";

    public string? Name { get; set; }
    public string Owner { get; set; } = Me;
    public string Module { get; set; } = Any;
    public string Kind { get; set; } = Any;
    public string? MinSignificance { get; set; } = "40";
    public string? PathPrefix { get; set; }
    public string? Technologies { get; set; }
    public string Territory { get; set; } = Any;
    public List<string> Tiers { get; } = [];
    public bool OnlyMyAccounts { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>The team the rule alerts, or null for the user's own rule.</summary>
    public Guid? TeamId => Guid.TryParse(Owner, out var team) ? team : null;

    /// <summary>All values in one string: two models with the same fingerprint hold the same rule.</summary>
    public string Fingerprint() => string.Join('\u001f', Name, Owner, Module, Kind, MinSignificance, PathPrefix, Technologies, Territory,
        string.Join(',', Tiers.Order(StringComparer.Ordinal)), OnlyMyAccounts, IsActive);

    /// <summary>The typed values as input, or null when the significance is not a whole number.</summary>
    public AlertRuleInput? ToInput() => ParseSignificance() is { } min ? Input(min) : null;

    /// <summary>
    /// The form's own check, before anything is sent: the domain's validation, plus a significance that is not a
    /// whole number. Field name → message; empty when the rule can be saved.
    /// </summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        if (ParseSignificance() is { } min)
        {
            return Input(min).Validate().Errors;
        }

        var errors = new Dictionary<string, string>(Input(0).Validate().Errors, StringComparer.Ordinal)
        {
            [nameof(AlertRuleInput.MinSignificance)] = "Minimum significance is a whole number from 0 to 100.",
        };
        return errors;
    }

    private int? ParseSignificance()
    {
        var text = MinSignificance?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var min) ? min : null;
    }

    private AlertRuleInput Input(int min) =>
        new(Name, Module == Any ? null : Module, PathPrefix, Enum.TryParse<ChangeKind>(Kind, out var kind) ? kind : null, min,
            Technologies, Tiers.ToList(), OnlyMyAccounts, Guid.TryParse(Territory, out var territory) ? territory : null, IsActive);

    public static AlertRuleModel From(AlertRuleRow row)
    {
        var model = new AlertRuleModel
        {
            Name = row.Values.Name,
            Owner = row.TeamId?.ToString() ?? Me,
            Module = row.Values.Module ?? Any,
            Kind = row.Values.Kind?.ToString() ?? Any,
            MinSignificance = row.Values.MinSignificance.ToString(CultureInfo.InvariantCulture),
            PathPrefix = row.Values.PathPrefix,
            Technologies = row.Values.Technologies,
            Territory = row.Values.TerritoryId?.ToString() ?? Any,
            OnlyMyAccounts = row.Values.OnlyMyAccounts,
            IsActive = row.Values.IsActive,
        };
        model.Tiers.AddRange(row.Values.Tiers ?? []);
        return model;
    }
}
