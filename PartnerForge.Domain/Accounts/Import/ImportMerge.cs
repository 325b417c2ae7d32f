namespace PartnerForge.Domain.Accounts.Import;

/// <summary>What a row does to an account: the values a new account gets, or the changes to an existing one.</summary>
public static class ImportMerge
{
    /// <summary>Why a row cannot create an account, or null when it can.</summary>
    public static string? CannotCreate(ImportedCompany row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Name is null)
        {
            return "A name is required to create an account.";
        }

        return row.Domain is null ? "A domain is required to create an account." : null;
    }

    /// <summary>Applies the row's non-empty fields to <paramref name="company"/>; true when anything changed.</summary>
    public static bool Apply(Company company, ImportedCompany row, IReadOnlyCollection<string> currentTags, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(currentTags);
        var changed = false;
        if (row.Name is not null && row.Name != company.Name)
        {
            company.Rename(row.Name, nowUtc);
            changed = true;
        }

        if (row.Domain is { } domain && domain.Value != company.Domain)
        {
            company.ChangeDomain(domain, nowUtc);
            changed = true;
        }

        var industry = row.Industry ?? company.Industry;
        var country = row.Country ?? company.Country;
        var employees = row.EmployeeBand ?? company.EmployeeBand;
        var revenue = row.RevenueBand ?? company.RevenueBand;
        if (industry != company.Industry || country != company.Country || employees != company.EmployeeBand || revenue != company.RevenueBand)
        {
            company.SetFirmographics(industry, country, employees, revenue, nowUtc);
            changed = true;
        }

        if (row.OwnerId is { } owner && owner != company.OwnerId)
        {
            company.AssignOwner(owner, nowUtc);
            changed = true;
        }

        if (row.Tier is { } tier && tier != company.Tier)
        {
            company.SetTier(tier, nowUtc);
            changed = true;
        }

        return changed || NewTags(row, currentTags).Count > 0;
    }

    /// <summary>The row's tags the account does not have yet (an import adds tags, never removes them).</summary>
    public static IReadOnlyList<string> NewTags(ImportedCompany row, IReadOnlyCollection<string> currentTags)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(currentTags);
        var have = new HashSet<string>(currentTags.Select(CompanyTag.Normalize), StringComparer.Ordinal);
        return row.Tags.Where(t => !have.Contains(CompanyTag.Normalize(t))).ToList();
    }
}
