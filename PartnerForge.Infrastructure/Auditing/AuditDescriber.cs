using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Changes;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Auditing;

/// <summary>One audit entry to put into words.</summary>
public sealed record AuditInput(string? Who, AuditAction Action, string EntityType, Guid EntityId, string ChangesJson);

/// <summary>One changed field in words: "owner", "Ada Lovelace" → "Ben Rep", and the sentence saying it.</summary>
public sealed record AuditLine(string Field, string? Old, string? New, string Sentence);

/// <summary>An audit entry in words: a summary ("Ada Lovelace updated the account Acme") and its field lines.</summary>
public sealed record AuditWords(string Summary, IReadOnlyList<AuditLine> Lines);

/// <summary>
/// Puts audit entries into words for the audit log page and the account history: field names as words
/// ("EmployeeBand" → "employee band", "OwnerId" → "owner"), enum numbers as their names (tier 2 → "A"),
/// ids of users, teams, territories, accounts, stages and deals as their names, resolved for a whole page of
/// entries in one batched query. The entity's property types come from the EF model, so no list is kept by hand.
/// </summary>
public static partial class AuditDescriber
{
    public const string System = "PartnerForge";

    /// <summary>The field of a privacy request's entry (<see cref="AuditAction.Exported"/>, <see cref="AuditAction.Erased"/>) that says what was done.</summary>
    public const string PrivacyField = "privacy";
    private const string Missing = "(deleted)";

    public static async Task<IReadOnlyList<AuditWords>> DescribeAsync(PartnerForgeDbContext db, IReadOnlyList<AuditInput> entries, bool acrossTenants,
        CancellationToken cancellationToken = default)
    {
        var parsed = entries.Select(e => (Entry: e, Fields: Parse(e.ChangesJson))).ToList();
        var ids = new HashSet<Guid>();
        foreach (var (entry, fields) in parsed)
        {
            if (entry.EntityId != Guid.Empty)
            {
                ids.Add(entry.EntityId);
            }

            foreach (var field in fields)
            {
                AddGuid(ids, field.Old);
                AddGuid(ids, field.New);
            }
        }

        var names = await NamesAsync(db, ids, acrossTenants, cancellationToken);
        return parsed.Select(p => Describe(p.Entry, p.Fields, db.Model, names)).ToList();
    }

    /// <summary>Names of the given ids among users, teams, territories, accounts, stages and deals: one UNION query.</summary>
    public static async Task<Dictionary<Guid, string>> NamesAsync(PartnerForgeDbContext db, IReadOnlyCollection<Guid> ids, bool acrossTenants,
        CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var list = ids.ToList();
        var users = acrossTenants ? db.Users.IgnoreQueryFilters() : db.Users;
        var teams = acrossTenants ? db.Teams.IgnoreQueryFilters() : db.Teams;
        var territories = acrossTenants ? db.Territories.IgnoreQueryFilters() : db.Territories;
        var companies = acrossTenants ? db.Companies.IgnoreQueryFilters() : db.Companies;
        var stages = acrossTenants ? db.Stages.IgnoreQueryFilters() : db.Stages;
        var deals = acrossTenants ? db.Deals.IgnoreQueryFilters() : db.Deals;
        var rows = await users.Where(u => list.Contains(u.Id)).Select(u => new { u.Id, Name = u.DisplayName })
            .Concat(teams.Where(t => list.Contains(t.Id)).Select(t => new { t.Id, t.Name }))
            .Concat(territories.Where(t => list.Contains(t.Id)).Select(t => new { t.Id, t.Name }))
            .Concat(companies.Where(c => list.Contains(c.Id)).Select(c => new { c.Id, c.Name }))
            .Concat(stages.Where(s => list.Contains(s.Id)).Select(s => new { s.Id, s.Name }))
            .Concat(deals.Where(d => list.Contains(d.Id)).Select(d => new { d.Id, Name = d.Title }))
            .AsNoTracking().ToListAsync(cancellationToken);
        var names = new Dictionary<Guid, string>();
        foreach (var row in rows)
        {
            names.TryAdd(row.Id, row.Name);
        }

        return names;
    }

    /// <summary>Pure wording of one entry, given the names of the ids it mentions.</summary>
    public static AuditWords Describe(AuditInput entry, IReadOnlyList<RawField> fields, Microsoft.EntityFrameworkCore.Metadata.IModel? model,
        IReadOnlyDictionary<Guid, string> names)
    {
        var who = string.IsNullOrWhiteSpace(entry.Who) ? System : entry.Who;
        var entityType = model?.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == entry.EntityType);
        var thing = Thing(entry.EntityType);
        var named = entry.EntityId != Guid.Empty && names.TryGetValue(entry.EntityId, out var n) ? $" {n}" : string.Empty;
        if (entry.Action is AuditAction.Exported or AuditAction.Erased && fields.FirstOrDefault(f => f.Name == PrivacyField)?.New is { Length: > 0 } what)
        {
            // A privacy request says what was done in its own sentence ("Erased a contact at Acme Corp (…)").
            return new AuditWords($"{who}: {what}", []);
        }

        var verb = entry.Action switch
        {
            AuditAction.Created => "created",
            AuditAction.Deleted => "deleted",
            AuditAction.Exported => "exported",
            AuditAction.Erased => "erased",
            _ => "updated",
        };
        var lines = new List<AuditLine>();
        foreach (var field in fields)
        {
            var type = entityType?.FindProperty(field.Name)?.ClrType;
            var label = FieldLabel(field.Name);
            var old = Value(field.Old, type, names);
            var @new = Value(field.New, type, names);
            if (field.Name == "PathPrefix")
            {
                // An alert rule's path prefix ("investor[") reads as the words of the path ("Investor").
                (old, @new) = (old is null ? null : ChangeDescriber.Label(old), @new is null ? null : ChangeDescriber.Label(@new));
            }

            if (old is null && @new is null)
            {
                continue; // nothing to say: an empty field on a new or removed record
            }

            lines.Add(new AuditLine(label, old, @new, Sentence(who, label, old, @new)));
        }

        return new AuditWords($"{who} {verb} the {thing}{named}", lines);
    }

    public static string Sentence(string who, string field, string? old, string? @new) => (old, @new) switch
    {
        (null, null) => $"{who} left the {field} empty",
        (null, _) => $"{who} set the {field} to {@new}",
        (_, null) => $"{who} cleared the {field} (was {old})",
        _ => $"{who} changed the {field} from {old} to {@new}",
    };

    /// <summary>"OwnerId" → "owner", "EmployeeBand" → "employee band", "CreatedAtUtc" → "created at".</summary>
    public static string FieldLabel(string name)
    {
        var trimmed = name.Length > 2 && name.EndsWith("Id", StringComparison.Ordinal) ? name[..^2]
            : name.Length > 3 && name.EndsWith("Utc", StringComparison.Ordinal) ? name[..^3]
            : name;
        return ChangeDescriber.Words(trimmed).ToLowerInvariant();
    }

    /// <summary>The record kind as a person calls it ("Company" → "account").</summary>
    public static string Thing(string entityType) => entityType switch
    {
        "Company" => "account",
        "AlertRule" => "alert rule",
        "AlertPreference" => "alert settings",
        _ => ChangeDescriber.Words(entityType).ToLowerInvariant(),
    };

    /// <summary>A stored value as words: enum numbers by name, ids by name, yes/no for flags, "—" never stored.</summary>
    public static string? Value(string? raw, Type? type, IReadOnlyDictionary<Guid, string> names)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        var clr = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (clr is { IsEnum: true } && Enum.TryParse(clr, raw, ignoreCase: true, out var member))
        {
            return ChangeDescriber.Words(member!.ToString()!);
        }

        if (Guid.TryParse(raw, out var id))
        {
            return names.TryGetValue(id, out var name) ? name : Missing;
        }

        if (GuidPattern().IsMatch(raw))
        {
            return GuidPattern().Replace(raw, m => names.TryGetValue(Guid.Parse(m.Value), out var name) ? name : Missing);
        }

        if (PairPattern().IsMatch(raw))
        {
            // A stored dictionary ("[Need, Replace spreadsheets], [Timeline, April]") as "Need: Replace spreadsheets; Timeline: April".
            return string.Join("; ", PairPattern().Matches(raw).Select(m => $"{m.Groups["key"].Value}: {m.Groups["value"].Value}"));
        }

        if (clr == typeof(DateTime) || clr == typeof(DateTimeOffset) || TimestampPattern().IsMatch(raw))
        {
            // Stored in UTC (ISO 8601): read as a date and time, and said to be UTC.
            return DateTimeOffset.TryParse(raw, global::System.Globalization.CultureInfo.InvariantCulture,
                global::System.Globalization.DateTimeStyles.AssumeUniversal | global::System.Globalization.DateTimeStyles.AdjustToUniversal, out var at)
                ? at.ToString("d MMM yyyy HH:mm 'UTC'", global::System.Globalization.CultureInfo.InvariantCulture)
                : raw;
        }

        if (clr == typeof(DateOnly) && DateOnly.TryParse(raw, global::System.Globalization.CultureInfo.InvariantCulture, out var day))
        {
            return day.ToString("d MMM yyyy", global::System.Globalization.CultureInfo.InvariantCulture);
        }

        if (clr == typeof(bool) || raw is "true" or "false" or "True" or "False")
        {
            return bool.TryParse(raw, out var flag) ? (flag ? "yes" : "no") : raw;
        }

        return raw;
    }

    /// <summary>The (field, old, new) triples of an entry's JSON; a non-object value counts as the new value.</summary>
    public static IReadOnlyList<RawField> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return document.RootElement.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.Object
                ? new RawField(p.Name, Text(p.Value, "old"), Text(p.Value, "new"))
                : new RawField(p.Name, null, Scalar(p.Value)))
            .ToList();
    }

    private static string? Text(JsonElement change, string name) =>
        change.TryGetProperty(name, out var value) ? Scalar(value) : null;

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => value.ToString(),
    };

    private static void AddGuid(HashSet<Guid> ids, string? value)
    {
        if (value is null)
        {
            return;
        }

        foreach (System.Text.RegularExpressions.Match m in GuidPattern().Matches(value))
        {
            if (Guid.TryParse(m.Value, CultureInfo.InvariantCulture, out var id) && id != Guid.Empty)
            {
                ids.Add(id);
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    public static partial System.Text.RegularExpressions.Regex GuidPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")]
    private static partial System.Text.RegularExpressions.Regex TimestampPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"\[(?<key>[^,\[\]]+), (?<value>[^\[\]]*)\]")]
    private static partial System.Text.RegularExpressions.Regex PairPattern();
}

public sealed record RawField(string Name, string? Old, string? New);
