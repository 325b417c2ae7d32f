using System.Globalization;
using PartnerForge.Domain.Accounts.Import;

namespace PartnerForge.Web.Accounts;

/// <summary>Words for the import wizard: kind, field, mode, state, delimiter and size names (never enum numbers).</summary>
public static class ImportText
{
    /// <summary>The mapping choices of an account import as select values: "" ignores the column, else the field's name.</summary>
    public static IReadOnlyList<string> FieldOptions { get; } = Options(ImportKind.Accounts);

    private static readonly IReadOnlyList<string> ContactFieldOptions = Options(ImportKind.Contacts);

    public static IReadOnlyList<(string Text, ImportKind Kind)> KindOptions { get; } = [("Accounts", ImportKind.Accounts), ("Contacts", ImportKind.Contacts)];

    /// <summary>The mapping choices of an import of <paramref name="kind"/>.</summary>
    public static IReadOnlyList<string> FieldOptionsFor(ImportKind kind) => kind == ImportKind.Contacts ? ContactFieldOptions : FieldOptions;

    private static List<string> Options(ImportKind kind) => [string.Empty, .. ImportFields.For(kind).Select(f => f.ToString())];

    /// <summary>The value of <c>?kind=</c> in the import page's address ("contacts"), and back.</summary>
    public static string KindQuery(ImportKind kind) => kind == ImportKind.Contacts ? "contacts" : "accounts";

    public static ImportKind ParseKind(string? query) =>
        string.Equals(query, "contacts", StringComparison.OrdinalIgnoreCase) ? ImportKind.Contacts : ImportKind.Accounts;

    /// <summary>"account" or "contact", for sentences.</summary>
    public static string Noun(ImportKind kind) => kind == ImportKind.Contacts ? "contact" : "account";

    public static IReadOnlyList<(string Text, MatchField Field)> MatchOptions { get; } =
        [("Domain", MatchField.Domain), ("Name", MatchField.Name), ("Country", MatchField.Country)];

    public static IReadOnlyList<(string Text, ImportMode Mode)> ModeOptions { get; } = Modes(ImportKind.Accounts);

    private static readonly IReadOnlyList<(string Text, ImportMode Mode)> ContactModeOptions = Modes(ImportKind.Contacts);

    public static IReadOnlyList<(string Text, ImportMode Mode)> ModeOptionsFor(ImportKind kind) => kind == ImportKind.Contacts ? ContactModeOptions : ModeOptions;

    private static List<(string Text, ImportMode Mode)> Modes(ImportKind kind) =>
    [
        ($"Create new {Noun(kind)}s and update matching ones", ImportMode.CreateAndUpdate),
        ($"Only create new {Noun(kind)}s (skip rows that match)", ImportMode.CreateOnly),
        ($"Only update matching {Noun(kind)}s (skip new rows)", ImportMode.UpdateOnly),
    ];

    public static ImportField? ParseField(string? value) =>
        Enum.TryParse<ImportField>(value, out var field) && Enum.IsDefined(field) ? field : null;

    public static string FieldLabel(string? value) => ParseField(value) is { } field ? FieldText(field) : "Ignore this column";

    public static string FieldText(ImportField field) => field switch
    {
        ImportField.Owner => "Owner (e-mail)",
        ImportField.Employees => "Employees",
        ImportField.Revenue => "Revenue band",
        ImportField.FullName => "Full name",
        ImportField.FirstName => "First name",
        ImportField.LastName => "Last name",
        ImportField.TimeZone => "Time zone",
        ImportField.Role => "Buying-committee role",
        ImportField.LawfulBasis => "Lawful basis",
        ImportField.ConsentDate => "Consent date",
        ImportField.AccountDomain => "Account domain",
        ImportField.Email => "E-mail",
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
