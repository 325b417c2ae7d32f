using System.Globalization;
using PartnerForge.Domain.Accounts.Import;

namespace PartnerForge.Web.Accounts;

/// <summary>Words for the import wizard: field, mode, state, delimiter and size names (never enum numbers).</summary>
public static class ImportText
{
    /// <summary>The mapping choices as select values: "" ignores the column, else the field's name.</summary>
    public static IReadOnlyList<string> FieldOptions { get; } = [string.Empty, .. Enum.GetValues<ImportField>().Select(f => f.ToString())];

    public static IReadOnlyList<(string Text, MatchField Field)> MatchOptions { get; } =
        [("Domain", MatchField.Domain), ("Name", MatchField.Name), ("Country", MatchField.Country)];

    public static IReadOnlyList<(string Text, ImportMode Mode)> ModeOptions { get; } =
    [
        ("Create new accounts and update matching ones", ImportMode.CreateAndUpdate),
        ("Only create new accounts (skip rows that match)", ImportMode.CreateOnly),
        ("Only update matching accounts (skip new rows)", ImportMode.UpdateOnly),
    ];

    public static ImportField? ParseField(string? value) =>
        Enum.TryParse<ImportField>(value, out var field) && Enum.IsDefined(field) ? field : null;

    public static string FieldLabel(string? value) => ParseField(value) is { } field ? FieldText(field) : "Ignore this column";

    public static string FieldText(ImportField field) => field switch
    {
        ImportField.Owner => "Owner (e-mail)",
        ImportField.Employees => "Employees",
        ImportField.Revenue => "Revenue band",
        _ => field.ToString(),
    };

    public static string ModeText(ImportMode mode) => mode switch
    {
        ImportMode.CreateOnly => "Create only",
        ImportMode.UpdateOnly => "Update only",
        _ => "Create and update",
    };

    public static string StateText(ImportJobState state) => state switch
    {
        ImportJobState.Queued => "Queued",
        ImportJobState.Running => "Running",
        ImportJobState.Completed => "Completed",
        ImportJobState.Failed => "Failed",
        _ => "Reverted",
    };

    public static string DelimiterName(char delimiter) => delimiter switch
    {
        ';' => "semicolon",
        '\t' => "tab",
        _ => "comma",
    };

    public static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB"),
    };

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
