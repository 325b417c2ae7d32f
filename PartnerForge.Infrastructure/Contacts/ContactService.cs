using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Contacts;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Contacts;

/// <summary>A contact as lists show it: the account by name, the owner by name.</summary>
public sealed record ContactRow(Guid Id, Guid CompanyId, string CompanyName, string FullName, string? Title, string? Email, string? Phone, string? TimeZone,
    Domain.Playbook.CommitteeRole? Role, string? OwnerName, LawfulBasis LawfulBasis, DateTime? ConsentAtUtc, DateTime UpdatedAtUtc);

/// <summary>
/// The people at the current tenant's accounts: list, add, edit and remove, with field-level validation
/// (<see cref="ContactProfile.Validate"/>). One contact per e-mail address in a workspace: a second is a conflict on the
/// Email field naming the contact that has it. Used by the account page, the REST API and imports alike.
/// </summary>
public sealed class ContactService(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<ContactRow>> ForAccountAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Rows(db, db.Contacts.Where(c => c.CompanyId == companyId)).ToListAsync(cancellationToken);
    }

    public async Task<ContactRow?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Rows(db, db.Contacts.Where(c => c.Id == id)).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<Result<Guid>> CreateAsync(Guid companyId, ContactInput input, Guid? ownerId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (profile, errors) = ContactProfile.Validate(input, now);
        if (profile is null)
        {
            return Result.Invalid<Guid>(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            return Result.NotFound<Guid>("There is no such account in your workspace.");
        }

        if (await CheckAsync(db, profile, ownerId, except: null, cancellationToken) is { } problem)
        {
            return problem.As<Guid>();
        }

        var contact = new Contact(companyId, profile, ownerId, now);
        db.Contacts.Add(contact);
        return await SaveAsync(db, profile, contact.Id, cancellationToken);
    }

    /// <summary>
    /// Creates many contacts in one save (a CRM sync's page): one result per input, in order, with the same checks as
    /// <see cref="CreateAsync"/> — an address taken, here or earlier in the same list, is a conflict on that input alone.
    /// When the save meets an address taken meanwhile, the inputs are created one by one instead.
    /// </summary>
    public async Task<IReadOnlyList<Result<Guid>>> CreateManyAsync(IReadOnlyList<(Guid CompanyId, ContactInput Input, Guid? OwnerId)> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var now = time.GetUtcNow().UtcDateTime;
        var profiles = items.Select(i => ContactProfile.Validate(i.Input, now)).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var emails = profiles.Select(p => p.Profile?.Email).OfType<string>().Distinct().ToList();
        var taken = await db.Contacts.Where(c => c.Email != null && emails.Contains(c.Email)).Select(c => new { c.Email, c.FullName })
            .ToDictionaryAsync(c => c.Email!, c => c.FullName, cancellationToken);
        var companyIds = items.Select(i => i.CompanyId).Distinct().ToList();
        var companies = (await db.Companies.Where(c => companyIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
        var ownerIds = items.Where(i => i.OwnerId is not null).Select(i => i.OwnerId!.Value).Distinct().ToList();
        var active = (await db.Users.Where(u => ownerIds.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var results = new Result<Guid>[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var (profile, errors) = profiles[i];
            results[i] = profile is null ? Result.Invalid<Guid>(errors)
                : !companies.Contains(items[i].CompanyId) ? Result.NotFound<Guid>("There is no such account in your workspace.")
                : profile.Email is { } email && taken.TryGetValue(email, out var holder) ? EmailTaken(email, holder).As<Guid>()
                : items[i].OwnerId is { } owner && !active.Contains(owner) ? Result.Invalid<Guid>("OwnerId", "Choose an active user of your workspace as owner.")
                : Result.Ok(Add(db, items[i].CompanyId, profile, items[i].OwnerId, now));
            if (profile?.Email is { } address)
            {
                taken.TryAdd(address, profile.FullName);
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
                oneByOne.Add(await CreateAsync(item.CompanyId, item.Input, item.OwnerId, cancellationToken));
            }

            return oneByOne;
        }
    }

    private static Guid Add(PartnerForgeDbContext db, Guid companyId, ContactProfile profile, Guid? ownerId, DateTime now)
    {
        var contact = new Contact(companyId, profile, ownerId, now);
        db.Contacts.Add(contact);
        return contact.Id;
    }

    /// <summary>
    /// "Add as contact" from the buying committee: the person found by the intelligence, with their title and committee
    /// role, as a contact of the account (no address yet, lawful basis not recorded). A contact of that name at the
    /// account already is a conflict.
    /// </summary>
    public async Task<Result<Guid>> AddFromCommitteeAsync(Guid companyId, string name, string? title, Domain.Playbook.CommitteeRole role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var trimmed = name.Trim();
            if (await db.Contacts.AnyAsync(c => c.CompanyId == companyId && c.FullName == trimmed, cancellationToken))
            {
                return Result.Conflict<Guid>($"{trimmed} is already a contact of this account.", nameof(ContactInput.FullName));
            }
        }

        return await CreateAsync(companyId, new ContactInput(name, title, null, null, null, role, LawfulBasis.NotRecorded, null), ownerId: null, cancellationToken);
    }

    /// <summary>The names of the account's contacts (the committee marks who is one already).</summary>
    public async Task<IReadOnlySet<string>> NamesAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await db.Contacts.Where(c => c.CompanyId == companyId).Select(c => c.FullName).ToListAsync(cancellationToken);
        return names.ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public async Task<Result<Guid>> UpdateAsync(Guid id, ContactInput input, Guid? ownerId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (profile, errors) = ContactProfile.Validate(input, now);
        if (profile is null)
        {
            return Result.Invalid<Guid>(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
        {
            return Result.NotFound<Guid>("There is no such contact in your workspace.");
        }

        if (await CheckAsync(db, profile, ownerId == contact.OwnerId ? null : ownerId, except: id, cancellationToken) is { } problem)
        {
            return problem.As<Guid>();
        }

        contact.Apply(profile, ownerId, now);
        return await SaveAsync(db, profile, id, cancellationToken);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
        {
            return Result.NotFound("There is no such contact in your workspace.");
        }

        db.Contacts.Remove(contact);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    private static async Task<Result?> CheckAsync(PartnerForgeDbContext db, ContactProfile profile, Guid? ownerId, Guid? except, CancellationToken cancellationToken)
    {
        if (profile.Email is { } email && await db.Contacts.Where(c => c.Email == email && c.Id != except).Select(c => c.FullName).FirstOrDefaultAsync(cancellationToken) is { } holder)
        {
            return EmailTaken(email, holder);
        }

        if (ownerId is not null && !await db.Users.AnyAsync(u => u.Id == ownerId && u.IsActive, cancellationToken))
        {
            return Result.Invalid("OwnerId", "Choose an active user of your workspace as owner.");
        }

        return null;
    }

    private static async Task<Result<Guid>> SaveAsync(PartnerForgeDbContext db, ContactProfile profile, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(id);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex) && profile.Email is { } email)
        {
            // Another request took the address between our check and our save.
            return EmailTaken(email, "another contact").As<Guid>();
        }
    }

    private static Result EmailTaken(string email, string holder) => Result.Conflict($"{email} is already the e-mail address of {holder}.", nameof(ContactInput.Email));

    private static IQueryable<ContactRow> Rows(PartnerForgeDbContext db, IQueryable<Contact> contacts) =>
        from c in contacts
        join company in db.Companies on c.CompanyId equals company.Id
        orderby c.FullName, c.Id
        select new ContactRow(c.Id, c.CompanyId, company.Name, c.FullName, c.Title, c.Email, c.Phone, c.TimeZone, c.Role,
            db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(), c.LawfulBasis, c.ConsentAtUtc, c.UpdatedAtUtc);
}
