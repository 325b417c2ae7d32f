namespace PartnerForge.Domain.Accounts.Import;

/// <summary>Maps CSV headers to company fields by name and common synonyms ("Website" → domain).</summary>
public static class HeaderMapping
{
    private static readonly (ImportField Field, string[] Names)[] Synonyms =
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

    /// <summary>One entry per header: the field it maps to, or null. Each field is used at most once (first header wins).</summary>
    public static IReadOnlyList<ImportField?> AutoMap(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var used = new HashSet<ImportField>();
        var result = new ImportField?[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            var key = Key(headers[i]);
            foreach (var (field, names) in Synonyms)
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

    /// <summary>Null when the mapping can be used; otherwise what to fix.</summary>
    public static string? Problem(IReadOnlyList<ImportField?> mapping, ImportMode mode, IReadOnlyCollection<MatchField> matchFields)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(matchFields);
        var twice = mapping.Where(f => f is not null).GroupBy(f => f).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            return $"{twice.Key} is mapped to more than one column.";
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
        _ => throw new ArgumentOutOfRangeException(nameof(match)),
    };

    /// <summary>"Company Name", "company_name" and "COMPANY-NAME" all become "companyname".</summary>
    private static string Key(string header) =>
        new(header.Trim().ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
}
