using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Contacts;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// Applies pulled CRM records to our accounts and contacts through their application services (<see cref="AccountEditor"/>,
/// <see cref="ContactService"/>), so a pulled record is validated like a typed one. A record is found through its
/// <see cref="CrmLink"/>, else by its natural key (an account's domain, a contact's e-mail), else created; the links of a
/// page are saved together. Merges move a link to the surviving record.
/// </summary>
public sealed class CrmPullWriter(AccountEditor accounts, ContactService contacts, CrmDealWriter deals)
{
    /// <summary>Applies pulled records and saves their links with their outcomes and the run's counts (<see cref="SyncContext.FlushAsync(PartnerForgeDbContext, CancellationToken)"/>).</summary>
    internal async Task ApplyPageAsync(SyncContext sync, CrmObjectKind kind, IReadOnlyList<CrmRecord> records, CancellationToken cancellationToken)
    {
        await using var db = await sync.Contexts.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false; // links change in place; detected once, before the save
        var ids = records.Select(r => r.Id).Concat(records.SelectMany(r => r.MergedIds)).Distinct().ToList();
        var links = await db.CrmLinks.Where(l => l.ConnectionId == sync.Connection.Id && l.ObjectKind == kind && ids.Contains(l.CrmId))
            .ToDictionaryAsync(l => l.CrmId, StringComparer.Ordinal, cancellationToken);
        var companies = kind == CrmObjectKind.Company ? null : await CompanyLinksAsync(db, sync, records, cancellationToken);
        foreach (var record in records)
        {
            ApplyMerges(sync, db, kind, record, links);
        }

        // New records in one save per page; the rest (linked, matched, refused) one by one.
        var created = kind switch
        {
            CrmObjectKind.Company => await CreateCompaniesAsync(db, sync, records, links, cancellationToken),
            CrmObjectKind.Contact => await CreateContactsAsync(db, sync, records, links, companies!, cancellationToken),
            _ => [],
        };
        foreach (var record in records.Where(r => !created.Contains(r.Id)))
        {
            links.TryGetValue(record.Id, out var link);
            var values = new CrmValues(record, sync.Pulled(kind));
            try
            {
                var (outcome, recordId, error) = kind switch
                {
                    CrmObjectKind.Company => await CompanyAsync(db, sync, values, link, cancellationToken),
                    CrmObjectKind.Contact => await ContactAsync(db, sync, values, link, companies!, cancellationToken),
                    _ => await deals.ApplyAsync(sync, values, link, companies!, cancellationToken),
                };
                Link(sync, db, kind, record, link, recordId, outcome, links);
                sync.Record(kind, SyncDirection.Pull, record.Id, recordId, outcome, error);
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or ArgumentException)
            {
                sync.Record(kind, SyncDirection.Pull, record.Id, link?.RecordId, SyncOutcome.Failed, ex.Message);
            }
        }

        db.ChangeTracker.DetectChanges();
        await sync.FlushAsync(db, cancellationToken);
    }

    private async Task<HashSet<string>> CreateCompaniesAsync(PartnerForgeDbContext db, SyncContext sync, IReadOnlyList<CrmRecord> records, Dictionary<string, CrmLink> links,
        CancellationToken cancellationToken)
    {
        var fresh = records.Where(r => !links.ContainsKey(r.Id)).Select(r => new CrmValues(r, sync.Pulled(CrmObjectKind.Company)))
            .Select(v => (Values: v, Domain: DomainName.TryParse(v[CrmFields.Domain], out var d, out _) ? d.Value : null))
            .Where(x => x.Domain is not null).ToList();
        var domains = fresh.Select(x => x.Domain!).Distinct().ToList();
        var existing = (await db.Companies.Where(c => domains.Contains(c.Domain)).Select(c => c.Domain).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var creates = fresh.Where(x => !existing.Contains(x.Domain!)).DistinctBy(x => x.Domain).ToList();
        if (creates.Count == 0)
        {
            return [];
        }

        var results = await accounts.CreateManyAsync(creates.Select(x => (
            new CompanyProfileInput(x.Values[CrmFields.Name] ?? x.Domain, x.Domain, x.Values[CrmFields.Industry], x.Values[CrmFields.Country], null, null, null),
            sync.OwnerOf(x.Values.Record))).ToList(), cancellationToken);
        return Created(sync, db, CrmObjectKind.Company, creates.Select(x => x.Values.Record).ToList(), results, links);
    }

    private async Task<HashSet<string>> CreateContactsAsync(PartnerForgeDbContext db, SyncContext sync, IReadOnlyList<CrmRecord> records, Dictionary<string, CrmLink> links,
        Dictionary<string, Guid> companies, CancellationToken cancellationToken)
    {
        var fresh = records.Where(r => !links.ContainsKey(r.Id) && r.CompanyId is { } c && companies.ContainsKey(c))
            .Select(r => new CrmValues(r, sync.Pulled(CrmObjectKind.Contact))).ToList();
        var emails = fresh.Select(v => v[CrmFields.Email]).OfType<string>().Distinct().ToList();
        var existing = (await db.Contacts.Where(c => c.Email != null && emails.Contains(c.Email)).Select(c => c.Email!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var creates = fresh.Where(v => v[CrmFields.Email] is not { } e || !existing.Contains(e)).DistinctBy(v => v[CrmFields.Email] ?? v.Record.Id).ToList();
        if (creates.Count == 0)
        {
            return [];
        }

        var results = await contacts.CreateManyAsync(creates.Select(v => (
            companies[v.Record.CompanyId!],
            new ContactInput(FullName(v[CrmFields.FirstName], v[CrmFields.LastName], v[CrmFields.Email]), v[CrmFields.Title], v[CrmFields.Email], v[CrmFields.Phone],
                null, null, LawfulBasis.NotRecorded, null),
            sync.OwnerOf(v.Record))).ToList(), cancellationToken);
        return Created(sync, db, CrmObjectKind.Contact, creates.Select(v => v.Record).ToList(), results, links);
    }

    private static HashSet<string> Created(SyncContext sync, PartnerForgeDbContext db, CrmObjectKind kind, List<CrmRecord> records, IReadOnlyList<Result<Guid>> results,
        Dictionary<string, CrmLink> links)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var (outcome, id) = results[i].Succeeded ? (SyncOutcome.Created, results[i].Value) : (SyncOutcome.Failed, (Guid?)null);
            Link(sync, db, kind, records[i], null, id, outcome, links);
            sync.Record(kind, SyncDirection.Pull, records[i].Id, id, outcome, results[i].Succeeded ? null : results[i].Describe());
        }

        return records.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Records the CRM deleted (archived) that we hold a link for: a contact is deleted here too (the CRM is its system of
    /// record); an account or deal is kept, with its intelligence, and unlinked. True when any was applied.
    /// </summary>
    internal async Task<bool> ApplyDeletesAsync(SyncContext sync, CrmObjectKind kind, IReadOnlyList<CrmRecord> records, CancellationToken cancellationToken)
    {
        var ids = records.Select(r => r.Id).ToList();
        await using var db = await sync.Contexts.CreateDbContextAsync(cancellationToken);
        var links = await db.CrmLinks.Where(l => l.ConnectionId == sync.Connection.Id && l.ObjectKind == kind && !l.Archived && ids.Contains(l.CrmId))
            .ToListAsync(cancellationToken);
        var mergedInto = records.Where(r => r.MergedIntoId is { Length: > 0 }).DistinctBy(r => r.Id).ToDictionary(r => r.Id, r => r.MergedIntoId!, StringComparer.Ordinal);
        var survivors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in links)
        {
            if (mergedInto.TryGetValue(link.CrmId, out var survivor))
            {
                await MergedAwayAsync(db, sync, kind, link, survivor, survivors, cancellationToken);
                continue;
            }

            var deleted = kind != CrmObjectKind.Contact || (await contacts.DeleteAsync(link.RecordId, cancellationToken)) is { Succeeded: true } or { IsNotFound: true };
            link.MarkArchived();
            sync.Record(kind, SyncDirection.Pull, link.CrmId, link.RecordId, deleted ? SyncOutcome.Deleted : SyncOutcome.Failed,
                kind == CrmObjectKind.Contact ? (deleted ? null : "The contact could not be deleted.") : "Deleted in the CRM; kept here and no longer synced.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return links.Count > 0;
    }

    /// <summary>
    /// A record deleted by a merge that names its survivor (Salesforce <c>MasterRecordId</c>): the link moves to the
    /// survivor when we hold no link for it yet (one CRM record, one link), else it is retired (our duplicate stays, for a
    /// person to merge).
    /// </summary>
    private static async Task MergedAwayAsync(PartnerForgeDbContext db, SyncContext sync, CrmObjectKind kind, CrmLink link, string survivor, HashSet<string> survivors,
        CancellationToken cancellationToken)
    {
        var mergedId = link.CrmId;
        if (survivors.Contains(survivor)
            || await db.CrmLinks.AnyAsync(l => l.ConnectionId == sync.Connection.Id && l.ObjectKind == kind && l.CrmId == survivor, cancellationToken))
        {
            link.MarkArchived();
        }
        else
        {
            link.MergedInto(survivor);
            survivors.Add(survivor);
        }

        sync.Record(kind, SyncDirection.Pull, mergedId, link.RecordId, SyncOutcome.Merged, $"Merged in the CRM into record {survivor}.");
    }

    private static void Link(SyncContext sync, PartnerForgeDbContext db, CrmObjectKind kind, CrmRecord record, CrmLink? link, Guid? recordId, SyncOutcome outcome,
        Dictionary<string, CrmLink> links)
    {
        if (recordId is not { } id || outcome is SyncOutcome.Failed or SyncOutcome.Skipped)
        {
            return;
        }

        if (link is null)
        {
            link = new CrmLink(sync.Connection.Id, kind, id, record.Id);
            db.CrmLinks.Add(link);
            links[record.Id] = link;
        }

        link.Pulled(record.UpdatedAtUtc);
    }

    /// <summary>
    /// Records merged into this one: a link to a merged-away record moves to the survivor (when the survivor has none
    /// yet) or is retired (our duplicate stays, for a person to merge).
    /// </summary>
    private static void ApplyMerges(SyncContext sync, PartnerForgeDbContext db, CrmObjectKind kind, CrmRecord record, Dictionary<string, CrmLink> links)
    {
        foreach (var mergedId in record.MergedIds.Where(id => id != record.Id))
        {
            if (!links.TryGetValue(mergedId, out var old) || old.Archived)
            {
                continue;
            }

            if (links.ContainsKey(record.Id))
            {
                old.MarkArchived();
            }
            else
            {
                old.MergedInto(record.Id);
                links.Remove(mergedId);
                links[record.Id] = old;
            }

            sync.Record(kind, SyncDirection.Pull, mergedId, old.RecordId, SyncOutcome.Merged, $"Merged in the CRM into record {record.Id}.");
        }
    }

    private static async Task<Dictionary<string, Guid>> CompanyLinksAsync(PartnerForgeDbContext db, SyncContext sync, IReadOnlyList<CrmRecord> records, CancellationToken cancellationToken)
    {
        var ids = records.SelectMany(r => r.CompanyIds.Append(r.CompanyId ?? string.Empty)).Where(i => i.Length > 0).Distinct().ToList();
        return await db.CrmLinks.AsNoTracking()
            .Where(l => l.ConnectionId == sync.Connection.Id && l.ObjectKind == CrmObjectKind.Company && !l.Archived && ids.Contains(l.CrmId))
            .ToDictionaryAsync(l => l.CrmId, l => l.RecordId, StringComparer.Ordinal, cancellationToken);
    }

    private async Task<(SyncOutcome, Guid?, string?)> CompanyAsync(PartnerForgeDbContext db, SyncContext sync, CrmValues crm, CrmLink? link, CancellationToken cancellationToken)
    {
        var id = link?.RecordId;
        if (id is null)
        {
            if (!DomainName.TryParse(crm[CrmFields.Domain], out var domain, out _))
            {
                return (SyncOutcome.Skipped, null, "The company has no web domain; PartnerForge accounts are kept by domain.");
            }

            id = await db.Companies.Where(c => c.Domain == domain.Value).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                var input = new CompanyProfileInput(crm[CrmFields.Name] ?? domain.Value, domain.Value, crm[CrmFields.Industry], crm[CrmFields.Country], null, null, null);
                var created = await accounts.CreateAsync(input, sync.OwnerOf(crm.Record), cancellationToken);
                return created.Succeeded ? (SyncOutcome.Created, created.Value, null) : (SyncOutcome.Failed, null, created.Describe());
            }
        }

        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (company is null)
        {
            return (SyncOutcome.Skipped, null, "The linked account was removed from PartnerForge.");
        }

        var changed = false;
        var name = crm.Resolve(CrmFields.Name, company.Name, company.UpdatedAtUtc, ref changed);
        var domainValue = crm.Resolve(CrmFields.Domain, company.Domain, company.UpdatedAtUtc, ref changed);
        var industry = crm.Resolve(CrmFields.Industry, company.Industry, company.UpdatedAtUtc, ref changed);
        var country = crm.Resolve(CrmFields.Country, company.Country, company.UpdatedAtUtc, ref changed);
        if (!changed)
        {
            return (SyncOutcome.Unchanged, id, null);
        }

        var tags = await db.CompanyTags.Where(t => t.CompanyId == id).Select(t => t.Tag).ToListAsync(cancellationToken);
        var update = new CompanyProfileInput(name, domainValue, industry, country, company.EmployeeBand, company.RevenueBand, string.Join("; ", tags));
        var saved = await accounts.UpdateAsync(id.Value, update, company.OwnerId, cancellationToken);
        return saved.Succeeded ? (SyncOutcome.Updated, id, null) : (SyncOutcome.Failed, id, saved.Describe());
    }

    private async Task<(SyncOutcome, Guid?, string?)> ContactAsync(PartnerForgeDbContext db, SyncContext sync, CrmValues crm, CrmLink? link, Dictionary<string, Guid> companies,
        CancellationToken cancellationToken)
    {
        var email = crm[CrmFields.Email];
        var id = link?.RecordId ?? (email is null ? null
            : await db.Contacts.Where(c => c.Email == email).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken));
        if (id is null)
        {
            if (crm.Record.CompanyId is not { } companyCrmId || !companies.TryGetValue(companyCrmId, out var companyId))
            {
                return (SyncOutcome.Skipped, null, "The contact's company is not in PartnerForge (it has no company, or its company has no domain).");
            }

            var input = new ContactInput(FullName(crm[CrmFields.FirstName], crm[CrmFields.LastName], email), crm[CrmFields.Title], email, crm[CrmFields.Phone],
                null, null, LawfulBasis.NotRecorded, null);
            var created = await contacts.CreateAsync(companyId, input, sync.OwnerOf(crm.Record), cancellationToken);
            return created.Succeeded ? (SyncOutcome.Created, created.Value, null) : (SyncOutcome.Failed, null, created.Describe());
        }

        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
        {
            return (SyncOutcome.Skipped, null, "The linked contact was removed from PartnerForge.");
        }

        var changed = false;
        var crmName = crm.Has(CrmFields.FirstName) || crm.Has(CrmFields.LastName) ? FullName(crm[CrmFields.FirstName], crm[CrmFields.LastName], null) : null;
        var name = crmName is null ? contact.FullName
            : ConflictRule.TakeCrmValue(PolicyOf(sync, CrmFields.LastName), contact.FullName, crmName, crm.Record.UpdatedAtUtc, contact.UpdatedAtUtc) ? crmName : contact.FullName;
        changed |= name != contact.FullName;
        var title = crm.Resolve(CrmFields.Title, contact.Title, contact.UpdatedAtUtc, ref changed);
        var mail = crm.Resolve(CrmFields.Email, contact.Email, contact.UpdatedAtUtc, ref changed);
        var phone = crm.Resolve(CrmFields.Phone, contact.Phone, contact.UpdatedAtUtc, ref changed);
        if (!changed)
        {
            return (SyncOutcome.Unchanged, id, null);
        }

        var update = new ContactInput(name, title, mail, phone, contact.TimeZone, contact.Role, contact.LawfulBasis, contact.ConsentAtUtc);
        var saved = await contacts.UpdateAsync(id.Value, update, contact.OwnerId, cancellationToken);
        return saved.Succeeded ? (SyncOutcome.Updated, id, null) : (SyncOutcome.Failed, id, saved.Describe());
    }

    private static ConflictPolicy PolicyOf(SyncContext sync, string field) =>
        sync.Pulled(CrmObjectKind.Contact).FirstOrDefault(m => m.OurField == field)?.Policy ?? ConflictPolicy.CrmWins;

    private static string? FullName(string? first, string? last, string? email)
    {
        var name = $"{first} {last}".Trim();
        return name.Length > 0 ? name : email;
    }
}
