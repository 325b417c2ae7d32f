namespace PartnerForge.Domain.Accounts.Import;

/// <summary>What an import creates and updates: accounts, or the people at them.</summary>
public enum ImportKind
{
    Accounts = 0,
    Contacts = 1,
}

/// <summary>
/// A field a CSV column can be mapped to: an account field (1-99) for an account import, a contact field (101-)
/// for a contact import (<see cref="ImportFields.For"/>).
/// </summary>
public enum ImportField
{
    Name = 1,
    Domain = 2,
    Industry = 3,
    Country = 4,
    Employees = 5,
    Revenue = 6,
    Tags = 7,
    Owner = 8,
    Tier = 9,

    FullName = 101,
    FirstName = 102,
    LastName = 103,
    Title = 104,
    Email = 105,
    Phone = 106,
    TimeZone = 107,
    Role = 108,
    LawfulBasis = 109,
    ConsentDate = 110,

    /// <summary>The domain of the contact's account (the account must exist; a contact import creates none).</summary>
    AccountDomain = 111,
}

public static class ImportFields
{
    public static IReadOnlyList<ImportField> Accounts { get; } = Enum.GetValues<ImportField>().Where(f => (int)f < 100).ToList();

    public static IReadOnlyList<ImportField> Contacts { get; } = Enum.GetValues<ImportField>().Where(f => (int)f > 100).ToList();

    /// <summary>The fields a column of an import of <paramref name="kind"/> can fill.</summary>
    public static IReadOnlyList<ImportField> For(ImportKind kind) => kind == ImportKind.Contacts ? Contacts : Accounts;

    public static ImportKind KindOf(ImportField field) => (int)field > 100 ? ImportKind.Contacts : ImportKind.Accounts;
}

/// <summary>What an import does with a row that matches an existing account (or contact), and with one that does not.</summary>
public enum ImportMode
{
    /// <summary>New accounts only; a row matching an existing account is skipped and reported.</summary>
    CreateOnly = 0,

    /// <summary>Existing accounts only; a row matching none is skipped and reported.</summary>
    UpdateOnly = 1,

    CreateAndUpdate = 2,
}

/// <summary>Fields a row is matched on to find the existing account (all of them must be equal).</summary>
public enum MatchField
{
    Domain = 1,
    Name = 2,
    Country = 3,

    /// <summary>Contacts are always matched on their e-mail address (ignoring case).</summary>
    Email = 4,
}

public enum ImportJobState
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Reverted = 4,
}
