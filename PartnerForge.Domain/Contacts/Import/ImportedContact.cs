using System.Globalization;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Domain.Playbook;

namespace PartnerForge.Domain.Contacts.Import;

/// <summary>
/// One CSV row of a contact import, each cell parsed. A null field means the cell was empty or not mapped: a new
/// contact leaves it empty, an updated contact keeps its current value. <see cref="Email"/> is the match key.
/// </summary>
public sealed record ImportedContact(
    string? FullName,
    string? Title,
    string Email,
    string? Phone,
    string? TimeZone,
    CommitteeRole? Role,
    LawfulBasis? LawfulBasis,
    DateTime? ConsentAtUtc,
    DomainName? AccountDomain)
{
    /// <summary>
    /// The domains to look the contact's account up by: the account domain of the row when it has one, else the
    /// e-mail address's domain and its parent domains (jane@uk.acme.com → uk.acme.com, acme.com).
    /// </summary>
    public IReadOnlyList<string> AccountDomains()
    {
        if (AccountDomain is { } domain)
        {
            return [domain.Value];
        }

        if (!DomainName.TryParse(Email, out var host, out _))
        {
            return [];
        }

        var labels = host.Value.Split('.');
        return Enumerable.Range(0, labels.Length - 1).Select(i => string.Join('.', labels[i..])).ToList();
    }

    /// <summary>The domain the row names for its account, in words (for the reason of an error row).</summary>
    public string AccountNotFound() => AccountDomain is { } domain
        ? $"No account has the domain {domain.Value}; add the account first (a contact import creates no accounts)."
        : $"No account has the domain of the e-mail address ({Email[(Email.LastIndexOf('@') + 1)..]}) and the row names no account domain; add a column with the account's domain.";
}

/// <summary>Turns the cells of one CSV row into an <see cref="ImportedContact"/>, or into reasons a person can act on.</summary>
public static class ContactRowValidator
{
    private static readonly string[] ConsentDateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK",
    ];

    public static (ImportedContact? Contact, IReadOnlyList<string> Errors) Validate(IReadOnlyList<string> cells, IReadOnlyList<ImportField?> mapping)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(mapping);
        var errors = new List<string>();
        string? Cell(ImportField field) => ImportCells.Value(cells, mapping, field);
        T? Take<T>((T? Value, string? Error) result)
        {
            if (result.Error is not null)
            {
                errors.Add(result.Error);
            }

            return result.Value;
        }

        var emailText = Cell(ImportField.Email);
        var email = ContactProfile.NormalizeEmail(emailText, out var emailError);
        if (emailText is null)
        {
            errors.Add("An e-mail address is required: contacts are matched on it.");
        }
        else if (emailError is not null)
        {
            errors.Add($"'{emailText}' is not an e-mail address like name@company.com.");
        }

        DomainName? account = null;
        if (Cell(ImportField.AccountDomain) is { } domainText)
        {
            account = DomainName.TryParse(domainText, out var parsed, out var domainError) ? parsed : Take<DomainName?>((null, "Account domain: " + domainError));
        }

        var zone = Take(NormalizeTimeZone(Cell(ImportField.TimeZone)));
        var role = Take(ParseRole(Cell(ImportField.Role)));
        var basis = Take(ParseLawfulBasis(Cell(ImportField.LawfulBasis)));
        var consent = Take(ParseConsentDate(Cell(ImportField.ConsentDate)));
        var name = Cell(ImportField.FullName) ?? JoinName(Cell(ImportField.FirstName), Cell(ImportField.LastName));
        return errors.Count > 0
            ? (null, errors)
            : (new ImportedContact(name, Cell(ImportField.Title), email!, Cell(ImportField.Phone), zone, role, basis, consent, account), []);
    }

    private static string? JoinName(string? first, string? last) =>
        first is null && last is null ? null : string.Join(' ', new[] { first, last }.Where(p => p is not null));

    /// <summary>An IANA id as typed, or a Windows id ("W. Europe Standard Time") as its IANA id (Europe/Berlin).</summary>
    public static (string? Zone, string? Error) NormalizeTimeZone(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(text, out var iana))
        {
            return (iana, null);
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone) && zone.HasIanaId
            ? (zone.Id, null)
            : (null, $"Time zone '{text}' is not known: use an IANA id like Europe/London or a Windows id like GMT Standard Time.");
    }

    public static (CommitteeRole? Role, string? Error) ParseRole(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        var key = Key(text);
        foreach (var role in CommitteeRoles.All)
        {
            if (key == Key(role.Label()) || key == Key(role.Code()))
            {
                return (role, null);
            }
        }

        return (null, $"Buying-committee role '{text}' is not one of {string.Join(", ", CommitteeRoles.All.Select(r => r.Label()))}.");
    }

    public static (LawfulBasis? Basis, string? Error) ParseLawfulBasis(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        var key = Key(text);
        foreach (var basis in LawfulBases.All)
        {
            if (key == Key(basis.Label()) || key == Key(basis.ToString()))
            {
                return (basis, null);
            }
        }

        return (null, $"Lawful basis '{text}' is not one of {string.Join(", ", LawfulBases.All.Select(b => b.Label()))}.");
    }

    /// <summary>A date in ISO order (2024-03-31, optionally with a time and offset), as UTC; a time without an offset is UTC.</summary>
    public static (DateTime? At, string? Error) ParseConsentDate(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        return DateTimeOffset.TryParseExact(text, ConsentDateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? (at.UtcDateTime, null)
            : (null, $"Consent date '{text}' is not a date like 2024-03-31 (year-month-day).");
    }

    private static string Key(string text) => new(text.Trim().ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
}

/// <summary>What a row does to a contact: the input for a new one, or the existing one with the row's non-empty cells.</summary>
public static class ContactMerge
{
    public static ContactInput ForNew(ImportedContact row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ContactInput(row.FullName, row.Title, row.Email, row.Phone, row.TimeZone, row.Role, Basis(row, LawfulBasis.NotRecorded), row.ConsentAtUtc);
    }

    /// <summary>The contact's values with the row's non-empty cells over them (the address stays: it is what matched).</summary>
    public static ContactInput Merge(Contact contact, ImportedContact row)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(row);
        return new ContactInput(row.FullName ?? contact.FullName, row.Title ?? contact.Title, contact.Email ?? row.Email, row.Phone ?? contact.Phone,
            row.TimeZone ?? contact.TimeZone, row.Role ?? contact.Role, Basis(row, contact.LawfulBasis), row.ConsentAtUtc ?? contact.ConsentAtUtc);
    }

    /// <summary>True when <paramref name="profile"/> holds exactly the contact's current values.</summary>
    public static bool Same(Contact contact, ContactProfile profile)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(profile);
        return contact.FullName == profile.FullName && contact.Title == profile.Title && contact.Email == profile.Email && contact.Phone == profile.Phone
            && contact.TimeZone == profile.TimeZone && contact.Role == profile.Role && contact.LawfulBasis == profile.LawfulBasis && contact.ConsentAtUtc == profile.ConsentAtUtc;
    }

    /// <summary>The row's lawful basis; a consent date without one means consent; else <paramref name="otherwise"/>.</summary>
    private static LawfulBasis Basis(ImportedContact row, LawfulBasis otherwise) =>
        row.LawfulBasis ?? (row.ConsentAtUtc is not null ? LawfulBasis.Consent : otherwise);
}
