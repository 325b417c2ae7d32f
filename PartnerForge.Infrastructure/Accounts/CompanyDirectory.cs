using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts;

public sealed record CompanySummary(Guid Id, string Name, string Domain, DateTime CreatedAtUtc);

public sealed record CompanyNameChange(Guid Id, string Name);

public enum CompanyWriteResult
{
    Saved,
    NotFound,
    Invalid,
}

/// <summary>Reads and writes accounts of the current tenant (the context's query filter does the scoping).</summary>
public sealed class CompanyDirectory(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    public async Task<CompanySummary?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Companies.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new CompanySummary(c.Id, c.Name, c.Domain, c.CreatedAtUtc))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CompanySummary>> ListAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Companies.AsNoTracking()
            .OrderBy(c => c.Name)
            .Take(take)
            .Select(c => new CompanySummary(c.Id, c.Name, c.Domain, c.CreatedAtUtc))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Companies.CountAsync(cancellationToken);
    }

    public async Task<CompanyWriteResult> RenameAsync(CompanyNameChange change, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(change.Name))
        {
            return CompanyWriteResult.Invalid;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == change.Id, cancellationToken);
        if (company is null)
        {
            return CompanyWriteResult.NotFound;
        }

        company.Rename(change.Name, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return CompanyWriteResult.Saved;
    }

    public async Task<CompanySummary> CreateAsync(string name, DomainName domain, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = new Company(name, domain, nowUtc);
        db.Companies.Add(company);
        await db.SaveChangesAsync(cancellationToken);
        return new CompanySummary(company.Id, company.Name, company.Domain, company.CreatedAtUtc);
    }
}
