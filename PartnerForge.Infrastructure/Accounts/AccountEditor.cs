using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts;

/// <summary>
/// Creates and edits single accounts of the current tenant, with field-level validation: the New account form, the
/// account page and POST /api/v1/targets. The saved account's id, or what was wrong: field errors, a domain that is
/// another account's (a conflict, on the Domain field), or no such account.
/// </summary>
public sealed class AccountEditor(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    public async Task<Result<Guid>> CreateAsync(CompanyProfileInput input, Guid? ownerId, CancellationToken cancellationToken = default)
    {
        var (profile, errors) = CompanyProfile.Validate(input);
        if (profile is null)
        {
            return Result.Invalid<Guid>(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await DomainTakenAsync(db, profile.Domain, except: null, cancellationToken) is { } existing)
        {
            return Result.Conflict<Guid>($"{profile.Domain} is already the domain of {existing}.", nameof(input.Domain));
        }

        if (ownerId is not null && !await db.Users.AnyAsync(u => u.Id == ownerId && u.IsActive, cancellationToken))
        {
            return Result.Invalid<Guid>("OwnerId", "Choose an active user of your workspace as owner.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var company = new Company(profile.Name, profile.Domain, now);
        company.SetFirmographics(profile.Industry, profile.Country, profile.EmployeeBand, profile.RevenueBand, now);
        company.AssignOwner(ownerId, now);
        db.Companies.Add(company);
        db.CompanyTags.AddRange(profile.Tags.Select(t => new CompanyTag(company.Id, t)));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok<Guid>(company.Id);
    }

    /// <summary>
    /// Creates many accounts in one save (a CRM sync's page): one result per input, in order, with the same checks as
    /// <see cref="CreateAsync"/> — a domain taken, here or earlier in the same list, is a conflict on that input alone.
    /// When the save meets a domain taken meanwhile, the inputs are created one by one instead.
    /// </summary>
    public async Task<IReadOnlyList<Result<Guid>>> CreateManyAsync(IReadOnlyList<(CompanyProfileInput Input, Guid? OwnerId)> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var results = new Result<Guid>[items.Count];
        var profiles = items.Select(i => CompanyProfile.Validate(i.Input)).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var domains = profiles.Where(p => p.Profile is not null).Select(p => p.Profile!.Domain.Value).Distinct().ToList();
        var taken = await db.Companies.Where(c => domains.Contains(c.Domain)).Select(c => new { c.Domain, c.Name }).ToDictionaryAsync(c => c.Domain, c => c.Name, cancellationToken);
        var ownerIds = items.Where(i => i.OwnerId is not null).Select(i => i.OwnerId!.Value).Distinct().ToList();
        var active = (await db.Users.Where(u => ownerIds.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var now = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < items.Count; i++)
        {
            var (profile, errors) = profiles[i];
            results[i] = profile is null ? Result.Invalid<Guid>(errors)
                : taken.TryGetValue(profile.Domain.Value, out var holder) ? Result.Conflict<Guid>($"{profile.Domain} is already the domain of {holder}.", nameof(CompanyProfileInput.Domain))
                : items[i].OwnerId is { } owner && !active.Contains(owner) ? Result.Invalid<Guid>("OwnerId", "Choose an active user of your workspace as owner.")
                : Result.Ok(Add(db, profile, items[i].OwnerId, now));
            if (profile is not null)
            {
                taken.TryAdd(profile.Domain.Value, profile.Name);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return results;
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            var oneByOne = new List<Result<Guid>>(items.Count);
            foreach (var item in items)
            {
                oneByOne.Add(await CreateAsync(item.Input, item.OwnerId, cancellationToken));
            }

            return oneByOne;
        }
    }

    private static Guid Add(PartnerForgeDbContext db, CompanyProfile profile, Guid? ownerId, DateTime now)
    {
        var company = new Company(profile.Name, profile.Domain, now);
        company.SetFirmographics(profile.Industry, profile.Country, profile.EmployeeBand, profile.RevenueBand, now);
        company.AssignOwner(ownerId, now);
        db.Companies.Add(company);
        db.CompanyTags.AddRange(profile.Tags.Select(t => new CompanyTag(company.Id, t)));
        return company.Id;
    }

    public async Task<Result<Guid>> UpdateAsync(Guid id, CompanyProfileInput input, Guid? ownerId, CancellationToken cancellationToken = default)
    {
        var (profile, errors) = CompanyProfile.Validate(input);
        if (profile is null)
        {
            return Result.Invalid<Guid>(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (company is null)
        {
            return Result.NotFound<Guid>("There is no such account in your workspace.");
        }

        if (await DomainTakenAsync(db, profile.Domain, except: id, cancellationToken) is { } existing)
        {
            return Result.Conflict<Guid>($"{profile.Domain} is already the domain of {existing}.", nameof(input.Domain));
        }

        if (ownerId is not null && ownerId != company.OwnerId && !await db.Users.AnyAsync(u => u.Id == ownerId && u.IsActive, cancellationToken))
        {
            return Result.Invalid<Guid>("OwnerId", "Choose an active user of your workspace as owner.");
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
        return Result.Ok<Guid>(id);
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
