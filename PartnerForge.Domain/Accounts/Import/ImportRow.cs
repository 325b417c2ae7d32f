namespace PartnerForge.Domain.Accounts.Import;

/// <summary>
/// One CSV row turned into normalized company fields. A null field means the cell was empty or not mapped:
/// a new account leaves it empty, an updated account keeps its current value.
/// </summary>
public sealed record ImportedCompany(
    string? Name,
    DomainName? Domain,
    string? Industry,
    string? Country,
    string? EmployeeBand,
    string? RevenueBand,
    IReadOnlyList<string> Tags,
    Guid? OwnerId,
    AccountTier? Tier)
{
    /// <summary>
    /// The key this row is matched on: the normalized values of the match fields joined; null (with the
    /// reason) when one of them is empty.
    /// </summary>
    public (string? Key, string? Error) MatchKey(IReadOnlyList<MatchField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var parts = new string[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            var value = fields[i] switch
            {
                MatchField.Domain => Domain?.Value,
                MatchField.Name => Name is null ? null : Company.SearchKey(Name),
                MatchField.Country => Country,
                _ => null,
            };
            if (string.IsNullOrEmpty(value))
            {
                return (null, $"{fields[i]} is empty, and accounts are matched on it.");
            }

            parts[i] = value;
        }

        return (string.Join('\u001f', parts), null);
    }

    /// <summary>The key of an existing account for the same fields.</summary>
    public static string KeyOf(Company company, IReadOnlyList<MatchField> fields)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(fields);
        return string.Join('\u001f', fields.Select(f => f switch
        {
            MatchField.Domain => company.Domain,
            MatchField.Name => company.SearchName,
            MatchField.Country => company.Country ?? string.Empty,
            _ => string.Empty,
        }));
    }
}

/// <summary>Reads one field of a CSV row through the column mapping.</summary>
public static class ImportCells
{
    /// <summary>The trimmed text of the column mapped to <paramref name="field"/>, or null when it is empty or no column is.</summary>
    public static string? Value(IReadOnlyList<string> cells, IReadOnlyList<ImportField?> mapping, ImportField field)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(mapping);
        for (var i = 0; i < mapping.Count; i++)
        {
            if (mapping[i] == field)
            {
                var text = i < cells.Count ? CsvText.Restore(cells[i]).Trim() : string.Empty;
                return text.Length == 0 ? null : text;
            }
        }

        return null;
    }
}

/// <summary>Turns the cells of one CSV row into <see cref="ImportedCompany"/>, or into reasons a person can act on.</summary>
public static class ImportRowValidator
{
    /// <param name="cells">The row's cells, in column order (missing trailing cells count as empty).</param>
    /// <param name="mapping">Per column, the field it maps to, or null to ignore the column.</param>
    /// <param name="ownerByEmail">The tenant's user id for an e-mail address, or null when there is none.</param>
    public static (ImportedCompany? Company, IReadOnlyList<string> Errors) Validate(
        IReadOnlyList<string> cells, IReadOnlyList<ImportField?> mapping, Func<string, Guid?> ownerByEmail)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(ownerByEmail);
        var errors = new List<string>();
        string? Cell(ImportField field) => ImportCells.Value(cells, mapping, field);

        var name = Cell(ImportField.Name);
        if (name is not null && name.Length > Firmographics.MaxNameLength)
        {
            errors.Add($"Name is longer than {Firmographics.MaxNameLength} characters.");
            name = null;
        }

        DomainName? domain = null;
        var domainText = Cell(ImportField.Domain);
        if (domainText is not null)
        {
            if (DomainName.TryParse(domainText, out var parsed, out var domainError))
            {
                domain = parsed;
            }
            else
            {
                errors.Add(domainError);
            }
        }

        string? Take((string? Value, string? Error) result)
        {
            if (result.Error is not null)
            {
                errors.Add(result.Error);
            }

            return result.Value;
        }

        var industry = Take(Firmographics.NormalizeIndustry(Cell(ImportField.Industry)));
        var country = Take(Firmographics.NormalizeCountry(Cell(ImportField.Country)));
        var employees = Take(Firmographics.NormalizeEmployeeBand(Cell(ImportField.Employees)));
        var revenue = Take(Firmographics.NormalizeRevenueBand(Cell(ImportField.Revenue)));
        var (tags, tagError) = Firmographics.NormalizeTags(Cell(ImportField.Tags));
        if (tagError is not null)
        {
            errors.Add(tagError);
        }

        var (tier, tierError) = Firmographics.NormalizeTier(Cell(ImportField.Tier));
        if (tierError is not null)
        {
            errors.Add(tierError);
        }

        Guid? owner = null;
        var ownerText = Cell(ImportField.Owner);
        if (ownerText is not null)
        {
            owner = ownerByEmail(ownerText);
            if (owner is null)
            {
                errors.Add($"Owner '{ownerText}' is not a user of this workspace.");
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ImportedCompany(name, domain, industry, country, employees, revenue, tags, owner, tier), []);
    }
}
