using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Contacts;

/// <summary>What the contacts grid shows: a prefix search on name, e-mail or account, and exact filters.</summary>
public sealed record ContactFilter
{
    public string? Search { get; init; }

    public CommitteeRole? Role { get; init; }

    /// <summary>An owner's user id; <see cref="Guid.Empty"/> means "no owner".</summary>
    public Guid? OwnerId { get; init; }

    public LawfulBasis? LawfulBasis { get; init; }

    /// <summary>Only people with an active or paused enrolment in this sequence.</summary>
    public Guid? SequenceId { get; init; }

    /// <summary>Only people in no active or paused sequence at all.</summary>
    public bool NotInSequence { get; init; }

    public bool IsEmpty => this == new ContactFilter();
}

public enum ContactSortColumn
{
    Name,
    Account,
    Title,
    Added,
}

public sealed record ContactSort(ContactSortColumn Column = ContactSortColumn.Name, bool Descending = false);

/// <summary>A contacts-grid view: filter, sort and page size.</summary>
public sealed record ContactViewDefinition(ContactFilter Filter, ContactSort Sort, int PageSize = 25);

/// <summary>A contact in the grid, with the sequences they are in now.</summary>
public sealed record ContactListRow(Guid Id, string FullName, string? Title, string? Email, Guid CompanyId, string CompanyName, CommitteeRole? Role,
    string? OwnerName, LawfulBasis LawfulBasis, string? TimeZone, DateTime CreatedAtUtc, IReadOnlyList<string> Sequences);

public sealed record ContactPage(IReadOnlyList<ContactListRow> Rows, int Total);

/// <summary>
/// The contacts grid: filtered, sorted and paged in the database, for the current tenant only (query filters), and the
/// ids of every match for bulk actions ("enrol all 340 matching").
/// </summary>
public sealed class ContactDirectory(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    public const int MaxPageSize = 200;

    public async Task<ContactPage> PageAsync(ContactFilter filter, ContactSort sort, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(sort);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var matching = Filtered(db, filter);
        var total = await matching.CountAsync(cancellationToken);
        var rows = await (
                from x in Sorted(matching, sort).Skip(Math.Max(0, page) * pageSize).Take(pageSize)
                select new
                {
                    x.C.Id, x.C.FullName, x.C.Title, x.C.Email, x.C.CompanyId, CompanyName = x.A.Name, x.C.Role, x.C.LawfulBasis, x.C.TimeZone, x.C.CreatedAtUtc,
                    OwnerName = db.Users.Where(u => u.Id == x.C.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                })
            .ToListAsync(cancellationToken);
        var sequences = await SequencesOfAsync(db, rows.Select(r => r.Id).ToList(), cancellationToken);
        return new ContactPage(
            rows.Select(r => new ContactListRow(r.Id, r.FullName, r.Title, r.Email, r.CompanyId, r.CompanyName, r.Role, r.OwnerName, r.LawfulBasis, r.TimeZone, r.CreatedAtUtc,
                sequences.TryGetValue(r.Id, out var names) ? names : [])).ToList(),
            total);
    }

    /// <summary>The ids of the contacts matching a filter, in grid order, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<Guid>> MatchingIdsAsync(ContactFilter filter, int max, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Sorted(Filtered(db, filter), new ContactSort()).Select(x => x.C.Id).Take(max).ToListAsync(cancellationToken);
    }

    /// <summary>A contact with its account (a member-init class, which EF Core translates; a positional record it does not).</summary>
    private sealed class Joined
    {
        public required Contact C { get; init; }

        public required Domain.Accounts.Company A { get; init; }
    }

    private static IQueryable<Joined> Filtered(PartnerForgeDbContext db, ContactFilter f)
    {
        var contacts = db.Contacts.AsNoTracking();
        if (f.Role is { } role)
        {
            contacts = contacts.Where(c => c.Role == role);
        }

        if (f.OwnerId is { } owner)
        {
            contacts = owner == Guid.Empty ? contacts.Where(c => c.OwnerId == null) : contacts.Where(c => c.OwnerId == owner);
        }

        if (f.LawfulBasis is { } basis)
        {
            contacts = contacts.Where(c => c.LawfulBasis == basis);
        }

        var open = db.Enrolments.Where(e => e.State == EnrolmentState.Active || e.State == EnrolmentState.Paused);
        if (f.SequenceId is { } sequence)
        {
            contacts = contacts.Where(c => open.Any(e => e.ContactId == c.Id && e.SequenceId == sequence));
        }

        if (f.NotInSequence)
        {
            contacts = contacts.Where(c => !open.Any(e => e.ContactId == c.Id));
        }

        var joined = from c in contacts join a in db.Companies on c.CompanyId equals a.Id select new Joined { C = c, A = a };
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var text = f.Search.Trim().ToLowerInvariant();
            var word = " " + text;
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() here is SQL lower(), run by the database on every provider alike
            joined = joined.Where(x => x.C.FullName.ToLower().StartsWith(text) || x.C.FullName.ToLower().Contains(word)
                || (x.C.Email != null && x.C.Email.StartsWith(text)) || x.A.Name.ToLower().StartsWith(text));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return joined;
    }

    private static IQueryable<Joined> Sorted(IQueryable<Joined> q, ContactSort sort) => (sort.Column, sort.Descending) switch
    {
        (ContactSortColumn.Account, false) => q.OrderBy(x => x.A.Name).ThenBy(x => x.C.FullName).ThenBy(x => x.C.Id),
        (ContactSortColumn.Account, true) => q.OrderByDescending(x => x.A.Name).ThenBy(x => x.C.FullName).ThenBy(x => x.C.Id),
        (ContactSortColumn.Title, false) => q.OrderBy(x => x.C.Title).ThenBy(x => x.C.FullName).ThenBy(x => x.C.Id),
        (ContactSortColumn.Title, true) => q.OrderByDescending(x => x.C.Title).ThenBy(x => x.C.FullName).ThenBy(x => x.C.Id),
        (ContactSortColumn.Added, false) => q.OrderBy(x => x.C.CreatedAtUtc).ThenBy(x => x.C.Id),
        (ContactSortColumn.Added, true) => q.OrderByDescending(x => x.C.CreatedAtUtc).ThenBy(x => x.C.Id),
        (_, true) => q.OrderByDescending(x => x.C.FullName).ThenBy(x => x.C.Id),
        _ => q.OrderBy(x => x.C.FullName).ThenBy(x => x.C.Id),
    };

    private static async Task<Dictionary<Guid, IReadOnlyList<string>>> SequencesOfAsync(PartnerForgeDbContext db, List<Guid> ids, CancellationToken cancellationToken)
    {
        var pairs = await (
                from e in db.Enrolments.AsNoTracking()
                where ids.Contains(e.ContactId) && (e.State == EnrolmentState.Active || e.State == EnrolmentState.Paused)
                join s in db.Sequences.AsNoTracking() on e.SequenceId equals s.Id
                select new { e.ContactId, s.Name, e.State })
            .ToListAsync(cancellationToken);
        return pairs.GroupBy(p => p.ContactId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<string>)g.Select(p => p.State == EnrolmentState.Paused ? $"{p.Name} (paused)" : p.Name).Order(StringComparer.CurrentCulture).ToList());
    }
}
