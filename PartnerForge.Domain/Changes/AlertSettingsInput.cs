using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Domain.Changes;

/// <summary>What a person types for an alert rule (a form). <see cref="Validate"/> gives field errors or canonical values.</summary>
public sealed record AlertRuleInput(
    string? Name,
    string? Module,
    string? PathPrefix,
    ChangeKind? Kind,
    int MinSignificance,
    string? Technologies,
    IReadOnlyCollection<string>? Tiers,
    bool OnlyMyAccounts,
    Guid? TerritoryId,
    bool IsActive = true)
{
    public const int MaxTechnologies = 20;

    /// <summary>Field name → message for each unacceptable field (empty when all are), and the cleaned input.</summary>
    public (AlertRuleInput Clean, IReadOnlyDictionary<string, string> Errors) Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors[nameof(Name)] = "Give the rule a name, e.g. \"Competitor products on my accounts\".";
        }
        else if (name.Length > 100)
        {
            errors[nameof(Name)] = "A name has at most 100 characters.";
        }

        var module = string.IsNullOrWhiteSpace(Module) ? null : Module.Trim().ToUpperInvariant();
        if (module is not null && ModuleCatalog.All.All(m => m.Code != module))
        {
            errors[nameof(Module)] = $"Unknown module '{Module!.Trim()}'. Pick one from the list or leave it empty for any.";
        }

        var path = string.IsNullOrWhiteSpace(PathPrefix) ? null : PathPrefix.Trim();
        if (path is { Length: > 200 })
        {
            errors[nameof(PathPrefix)] = "A path prefix has at most 200 characters.";
        }

        if (Kind is { } kind && !Enum.IsDefined(kind))
        {
            errors[nameof(Kind)] = "Pick added, removed or changed, or leave it empty for any.";
        }

        if (MinSignificance is < 0 or > 100)
        {
            errors[nameof(MinSignificance)] = "Minimum significance is a whole number from 0 to 100.";
        }

        var technologies = AlertRule.List(Technologies).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (technologies.Count > MaxTechnologies)
        {
            errors[nameof(Technologies)] = $"At most {MaxTechnologies} technologies per rule.";
        }
        else if (technologies.FirstOrDefault(t => t.Length > 100) is { } longName)
        {
            errors[nameof(Technologies)] = $"'{longName[..20]}…' is too long for a technology name (100 characters at most).";
        }
        else if (string.Join(",", technologies).Length > 500)
        {
            errors[nameof(Technologies)] = "The technology list is too long (500 characters at most).";
        }

        var tiers = new List<string>();
        foreach (var tier in Tiers ?? [])
        {
            if (!Enum.TryParse<AccountTier>(tier?.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(tier, out _))
            {
                errors[nameof(Tiers)] = $"Unknown tier '{tier}'. Tiers are A, B, C and D.";
                break;
            }

            if (!tiers.Contains(parsed.ToString()))
            {
                tiers.Add(parsed.ToString());
            }
        }

        tiers.Sort(StringComparer.Ordinal);
        var clean = this with
        {
            Name = name,
            Module = module,
            PathPrefix = path,
            Technologies = technologies.Count == 0 ? null : string.Join(", ", technologies),
            Tiers = tiers,
        };
        return (clean, errors);
    }

    /// <summary>Copies validated values onto <paramref name="rule"/>.</summary>
    public void ApplyTo(AlertRule rule)
    {
        rule.Rename(Name!);
        rule.Module = Module;
        rule.PathPrefix = PathPrefix;
        rule.Kind = Kind;
        rule.MinSignificance = MinSignificance;
        rule.Technologies = Technologies;
        rule.Tiers = Tiers is { Count: > 0 } t ? string.Join(",", t) : null;
        rule.OnlyMyAccounts = OnlyMyAccounts;
        rule.TerritoryId = TerritoryId;
        rule.IsActive = IsActive;
    }

    public static AlertRuleInput From(AlertRule rule) => new(rule.Name, rule.Module, rule.PathPrefix, rule.Kind, rule.MinSignificance,
        rule.Technologies, AlertRule.List(rule.Tiers), rule.OnlyMyAccounts, rule.TerritoryId, rule.IsActive);
}

/// <summary>What a person chooses for their alert preferences (a form).</summary>
public sealed record AlertPreferenceInput(
    bool InApp,
    bool EmailImmediately,
    DigestFrequency Digest,
    int DigestHour,
    DayOfWeek DigestDay,
    int? QuietFromHour,
    int? QuietToHour)
{
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Enum.IsDefined(Digest))
        {
            errors[nameof(Digest)] = "Pick no digest, daily or weekly.";
        }

        if (DigestHour is < 0 or > 23)
        {
            errors[nameof(DigestHour)] = "The digest hour is from 0 to 23 (your time zone).";
        }

        if (!Enum.IsDefined(DigestDay))
        {
            errors[nameof(DigestDay)] = "Pick a day of the week.";
        }

        if (QuietFromHour is null != QuietToHour is null)
        {
            errors[QuietFromHour is null ? nameof(QuietFromHour) : nameof(QuietToHour)] = "Quiet hours need both a start and an end (or neither).";
        }
        else if (QuietFromHour is { } from && QuietToHour is { } to)
        {
            if (from is < 0 or > 23)
            {
                errors[nameof(QuietFromHour)] = "Quiet hours start at an hour from 0 to 23.";
            }
            else if (to is < 0 or > 23)
            {
                errors[nameof(QuietToHour)] = "Quiet hours end at an hour from 0 to 23.";
            }
            else if (from == to)
            {
                errors[nameof(QuietToHour)] = "Quiet hours cannot start and end at the same hour.";
            }
        }

        return errors;
    }

    public void ApplyTo(AlertPreference preference)
    {
        preference.InApp = InApp;
        preference.EmailImmediately = EmailImmediately;
        preference.Digest = Digest;
        preference.DigestHour = DigestHour;
        preference.DigestDay = DigestDay;
        preference.QuietFromHour = QuietFromHour;
        preference.QuietToHour = QuietToHour;
    }

    public static AlertPreferenceInput From(AlertPreference p) =>
        new(p.InApp, p.EmailImmediately, p.Digest, p.DigestHour, p.DigestDay, p.QuietFromHour, p.QuietToHour);
}
