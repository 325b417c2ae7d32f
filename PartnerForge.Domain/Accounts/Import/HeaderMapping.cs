namespace PartnerForge.Domain.Accounts.Import;

/// <summary>Maps CSV headers to company or contact fields by name and common synonyms ("Website" → domain, "E-mail" → email).</summary>
public static class HeaderMapping
{
    private static readonly (ImportField Field, string[] Names)[] AccountSynonyms =
    [
        (ImportField.Name, ["name", "company", "companyname", "account", "accountname", "organization", "organisation", "firm"]),
        (ImportField.Domain, ["domain", "website", "web", "url", "site", "homepage", "webaddress", "domainname", "companydomain", "websiteurl"]),
        (ImportField.Industry, ["industry", "sector", "vertical"]),
        (ImportField.Country, ["country", "countrycode", "hqcountry", "nation"]),
        (ImportField.Employees, ["employees", "employeecount", "numberofemployees", "employeeband", "size", "companysize", "headcount", "staff"]),
        (ImportField.Revenue, ["revenue", "revenueband", "annualrevenue", "turnover"]),
        (ImportField.Tags, ["tags", "tag", "labels", "label"]),
        (ImportField.Owner, ["owner", "owneremail", "accountowner", "assignedto", "rep"]),
        (ImportField.Tier, ["tier", "accounttier", "priority"]),
    ];

    private static readonly (ImportField Field, string[] Names)[] ContactSynonyms =
    [
        (ImportField.FullName, ["name", "fullname", "contactname", "contact", "person", "displayname"]),
        (ImportField.FirstName, ["firstname", "first", "givenname", "forename"]),
        (ImportField.LastName, ["lastname", "last", "surname", "familyname"]),
        (ImportField.Title, ["title", "jobtitle", "position", "job", "designation"]),
        (ImportField.Email, ["email", "emailaddress", "mail", "workemail", "businessemail", "contactemail"]),
        (ImportField.Phone, ["phone", "phonenumber", "telephone", "tel", "mobile", "mobilephone", "workphone", "directdial", "directphone"]),
        (ImportField.TimeZone, ["timezone", "tz", "zone", "timezoneid", "ianatimezone"]),
        (ImportField.Role, ["role", "buyingrole", "committeerole", "buyingcommitteerole", "persona"]),
        (ImportField.LawfulBasis, ["lawfulbasis", "legalbasis", "gdprbasis", "basis", "lawfulbasisforprocessing"]),
        (ImportField.ConsentDate, ["consentdate", "consent", "consentat", "consentgiven", "consentgivenon", "dateofconsent", "consentedat", "consentedon"]),
        (ImportField.AccountDomain, ["companydomain", "accountdomain", "domain", "website", "companywebsite", "accountwebsite", "url", "web", "companyurl"]),
    ];

    /// <summary>One entry per header: the field it maps to, or null. Each field is used at most once (first header wins).</summary>
    public static IReadOnlyList<ImportField?> AutoMap(IReadOnlyList<string> headers, ImportKind kind = ImportKind.Accounts)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var synonyms = kind == ImportKind.Contacts ? ContactSynonyms : AccountSynonyms;
        var used = new HashSet<ImportField>();
        var result = new ImportField?[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            var key = Key(headers[i]);
            foreach (var (field, names) in synonyms)
            {
                if (!used.Contains(field) && names.Contains(key, StringComparer.Ordinal))
                {
                    result[i] = field;
                    used.Add(field);
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>Null when the mapping of an account import can be used; otherwise what to fix.</summary>
    public static string? Problem(IReadOnlyList<ImportField?> mapping, ImportMode mode, IReadOnlyCollection<MatchField> matchFields) =>
        Problem(ImportKind.Accounts, mapping, mode, matchFields);

    /// <summary>Null when the mapping can be used for an import of <paramref name="kind"/>; otherwise what to fix.</summary>
    public static string? Problem(ImportKind kind, IReadOnlyList<ImportField?> mapping, ImportMode mode, IReadOnlyCollection<MatchField> matchFields)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(matchFields);
        var twice = mapping.Where(f => f is not null).GroupBy(f => f).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            return $"{twice.Key} is mapped to more than one column.";
        }

        if (mapping.FirstOrDefault(f => f is { } field && ImportFields.KindOf(field) != kind) is { } foreign)
        {
            return $"{foreign} is not a field of {(kind == ImportKind.Contacts ? "a contact" : "an account")}.";
        }

        return kind == ImportKind.Contacts ? ContactProblem(mapping, mode, matchFields) : AccountProblem(mapping, mode, matchFields);
    }

    private static string? ContactProblem(IReadOnlyList<ImportField?> mapping, ImportMode mode, IReadOnlyCollection<MatchField> matchFields)
    {
        if (matchFields.Count != 1 || !matchFields.Contains(MatchField.Email))
        {
            return "Contacts are matched on their e-mail address only.";
        }

        if (!mapping.Contains(ImportField.Email))
        {
            return "Contacts are matched on their e-mail address, but no column is mapped to Email.";
        }

        if (mode != ImportMode.UpdateOnly && !mapping.Contains(ImportField.FullName) && !mapping.Contains(ImportField.FirstName) && !mapping.Contains(ImportField.LastName))
        {
            return "Creating contacts needs a column mapped to Full name, or columns mapped to First name and Last name.";
        }

        return null;
    }

    private static string? AccountProblem(IReadOnlyList<ImportField?> mapping, ImportMode mode, IReadOnlyCollection<MatchField> matchFields)
    {
        if (matchFields.Contains(MatchField.Email))
        {
            return "Accounts are matched on Domain, Name or Country, not on an e-mail address.";
        }

        if (matchFields.Count == 0)
        {
            return "Choose at least one field to match existing accounts on.";
        }

        if (!matchFields.Contains(MatchField.Domain) && !matchFields.Contains(MatchField.Name))
        {
            return "Match on Domain or Name (Country alone would match too many accounts).";
        }

        foreach (var match in matchFields)
        {
            if (!mapping.Contains(ToField(match)))
            {
                return $"Accounts are matched on {match}, but no column is mapped to it.";
            }
        }

        if (mode != ImportMode.UpdateOnly && (!mapping.Contains(ImportField.Name) || !mapping.Contains(ImportField.Domain)))
        {
            return "Creating accounts needs a column mapped to Name and one mapped to Domain.";
        }

        return null;
    }

    public static ImportField ToField(MatchField match) => match switch
    {
        MatchField.Domain => ImportField.Domain,
        MatchField.Name => ImportField.Name,
        MatchField.Country => ImportField.Country,
        MatchField.Email => ImportField.Email,
        _ => throw new ArgumentOutOfRangeException(nameof(match)),
    };

    /// <summary>"Company Name", "company_name" and "COMPANY-NAME" all become "companyname".</summary>
    private static string Key(string header) =>
        new(header.Trim().ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
}
