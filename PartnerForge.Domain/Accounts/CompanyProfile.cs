namespace PartnerForge.Domain.Accounts;

/// <summary>What a person types for an account (a form); <see cref="Validate"/> turns it into canonical values or field errors.</summary>
public sealed record CompanyProfileInput(
    string? Name, string? Domain, string? Industry, string? Country, string? EmployeeBand, string? RevenueBand, string? Tags);

/// <summary>Canonical, validated account fields.</summary>
public sealed record CompanyProfile(
    string Name, DomainName Domain, string? Industry, string? Country, string? EmployeeBand, string? RevenueBand, IReadOnlyList<string> Tags)
{
    /// <summary>Field name → message, for every field that is not acceptable; empty when all are.</summary>
    public static (CompanyProfile? Profile, IReadOnlyDictionary<string, string> Errors) Validate(CompanyProfileInput input)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = input.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors[nameof(input.Name)] = "A name is required.";
        }
        else if (name.Length > Firmographics.MaxNameLength)
        {
            errors[nameof(input.Name)] = $"A name has at most {Firmographics.MaxNameLength} characters.";
        }

        if (!DomainName.TryParse(input.Domain, out var domain, out var domainError))
        {
            errors[nameof(input.Domain)] = domainError;
        }

        var (industry, industryError) = Firmographics.NormalizeIndustry(input.Industry);
        Add(errors, nameof(input.Industry), industryError);
        var (country, countryError) = Firmographics.NormalizeCountry(input.Country);
        Add(errors, nameof(input.Country), countryError);
        var (employees, employeesError) = Firmographics.NormalizeEmployeeBand(input.EmployeeBand);
        Add(errors, nameof(input.EmployeeBand), employeesError);
        var (revenue, revenueError) = Firmographics.NormalizeRevenueBand(input.RevenueBand);
        Add(errors, nameof(input.RevenueBand), revenueError);
        var (tags, tagsError) = Firmographics.NormalizeTags(input.Tags);
        Add(errors, nameof(input.Tags), tagsError);

        return errors.Count > 0
            ? (null, errors)
            : (new CompanyProfile(name, domain, industry, country, employees, revenue, tags), errors);
    }

    private static void Add(Dictionary<string, string> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = error;
        }
    }
}
