using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Changes;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Changes;

/// <summary>
/// Owner, tier and territory of an account from the database (the current tenant's, by query filter). The
/// territory is the first of the tenant's territories, by name, whose rules (country, industry, employee band)
/// match the account, as the Teams &amp; territories admin page defines them.
/// </summary>
internal sealed class DatabaseAccountProfileSource : IAccountProfileSource
{
    public async Task<AccountProfile?> GetAsync(PartnerForgeDbContext db, Guid companyId, CancellationToken cancellationToken)
    {
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == companyId)
            .Select(c => new { c.Id, c.Name, c.OwnerId, c.Tier, c.Country, c.Industry, c.EmployeeBand })
            .FirstOrDefaultAsync(cancellationToken);
        if (company is null)
        {
            return null;
        }

        // Territories are few per tenant and their rules are JSON lists: match them here, with the domain's rule.
        var territories = await db.Territories.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var territory = territories.FirstOrDefault(t => t.Matches(company.Country, company.Industry, company.EmployeeBand));
        return new AccountProfile(company.Id, company.Name, company.OwnerId, company.Tier?.ToString(), territory?.Id);
    }
}
