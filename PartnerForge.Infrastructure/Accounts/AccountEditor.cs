using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts;

public sealed record AccountSaveResult(Guid? Id, bool NotFound, IReadOnlyDictionary<string, string> Errors)
{
    public bool Saved => Id is not null && Errors.Count == 0;

    /// <summary>The domain is already another account's (the API answers 409; a form shows the message on the field).</summary>
    public bool DomainTaken { get; private init; }

    internal static AccountSaveResult Taken(string message) =>
        new(null, false, new Dictionary<string, string> { [nameof(CompanyProfileInput.Domain)] = message }) { DomainTaken = true };

    internal static AccountSaveResult Invalid(IReadOnlyDictionary<string, string> errors) => new(null, false, errors);

    internal static AccountSaveResult Invalid(string field, string message) => new(null, false, new Dictionary<string, string> { [field] = message });
}

/// <summary>Creates and edits single accounts of the current tenant, with field-level validation.</summary>
public sealed class AccountEditor(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    public async Task<AccountSaveResult> CreateAsync(CompanyProfileInput input, Guid? ownerId, CancellationToken cancellationToken = default)
    {
        var (profile, errors) = CompanyProfile.Validate(input);
        if (profile is null)
        {
            return AccountSaveResult.Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await DomainTakenAsync(db, profile.Domain, except: null, cancellationToken) is { } existing)
        {
            return AccountSaveResult.Taken($"{profile.Domain} is already the domain of {existing}.");
        }

        if (ownerId is not null && !await db.Users.AnyAsync(u => u.Id == ownerId && u.IsActive, cancellationToken))
        {
            return AccountSaveResult.Invalid("OwnerId", "Choose an active user of your workspace as owner.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var company = new Company(profile.Name, profile.Domain, now);
        company.SetFirmographics(profile.Industry, profile.Country, profile.EmployeeBand, profile.RevenueBand, now);
        company.AssignOwner(ownerId, now);
        db.Companies.Add(company);
        db.CompanyTags.AddRange(profile.Tags.Select(t => new CompanyTag(company.Id, t)));
        await db.SaveChangesAsync(cancellationToken);
        return new AccountSaveResult(company.Id, false, new Dictionary<string, string>());
    }

    public async Task<AccountSaveResult> UpdateAsync(Guid id, CompanyProfileInput input, Guid? ownerId, CancellationToken cancellationToken = default)
    {
        var (profile, errors) = CompanyProfile.Validate(input);
        if (profile is null)
        {
            return AccountSaveResult.Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (company is null)
        {
            return new AccountSaveResult(null, true, new Dictionary<string, string>());
        }

        if (await DomainTakenAsync(db, profile.Domain, except: id, cancellationToken) is { } existing)
        {
            return AccountSaveResult.Invalid(nameof(input.Domain), $"{profile.Domain} is already the domain of {existing}.");
        }

        if (ownerId is not null && ownerId != company.OwnerId && !await db.Users.AnyAsync(u => u.Id == ownerId && u.IsActive, cancellationToken))
        {
            return AccountSaveResult.Invalid("OwnerId", "Choose an active user of your workspace as owner.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        company.Rename(profile.Name, now);
        if (company.Domain != profile.Domain.Value)
        {
            company.ChangeDomain(profile.Domain, now);
        }

        if (company.Industry != profile.Industry || company.Country != profile.Country || company.EmployeeBand != profile.EmployeeBand || company.RevenueBand != profile.RevenueBand)
        {
            company.SetFirmographics(profile.Industry, profile.Country, profile.EmployeeBand, profile.RevenueBand, now);
        }

        if (company.OwnerId != ownerId)
        {
            company.AssignOwner(ownerId, now);
        }

        var current = await db.CompanyTags.Where(t => t.CompanyId == id).ToListAsync(cancellationToken);
        var wanted = profile.Tags.ToDictionary(CompanyTag.Normalize, t => t, StringComparer.Ordinal);
        db.CompanyTags.RemoveRange(current.Where(t => !wanted.ContainsKey(t.NormalizedTag)));
        db.CompanyTags.AddRange(wanted.Where(w => current.All(t => t.NormalizedTag != w.Key)).Select(w => new CompanyTag(id, w.Value)));
        await db.SaveChangesAsync(cancellationToken);
        return new AccountSaveResult(id, false, new Dictionary<string, string>());
    }

    /// <summary>
    /// The account with this domain, created (named <paramref name="name"/>) when there is none. Two callers that
    /// race for a new domain get the same account: the unique index on the domain picks the first writer.
    /// </summary>
    public async Task<(Guid Id, bool Created)> GetOrCreateAsync(DomainName domain, string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await IdOfAsync(db, domain, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        var company = new Company(name, domain, time.GetUtcNow().UtcDateTime);
        db.Companies.Add(company);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (company.Id, true);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            return (await IdOfAsync(again, domain, cancellationToken) ?? throw new InvalidOperationException($"{domain} was taken and released while this account was created; try again.", ex), false);
        }
    }

    private static Task<Guid?> IdOfAsync(PartnerForgeDbContext db, DomainName domain, CancellationToken cancellationToken) =>
        db.Companies.Where(c => c.Domain == domain.Value).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);

    private static Task<string?> DomainTakenAsync(PartnerForgeDbContext db, DomainName domain, Guid? except, CancellationToken cancellationToken) =>
        db.Companies.Where(c => c.Domain == domain.Value && c.Id != except).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
}
