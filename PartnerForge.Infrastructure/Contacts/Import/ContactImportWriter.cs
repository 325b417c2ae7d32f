using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Contacts.Import;
using PartnerForge.Infrastructure.Accounts.Import;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Contacts.Import;

/// <summary>
/// Writes one batch of a contact import inside the runner's transaction. Rows are matched on the e-mail address
/// (stored lower case, so the match ignores case): the first row of an address wins and later ones are duplicates;
/// an existing contact with the address is updated with the row's non-empty cells (the mode decides whether
/// existing or new contacts are skipped), with an <see cref="ImportChange"/> so reverting restores it; a new contact
/// goes to the account the row names by domain, or else to the account of the address's domain, owned by the
/// importing user. A row whose account does not exist is an error: a contact import creates no accounts.
/// </summary>
internal static class ContactImportWriter
{
    private sealed record ValidRow(CsvRow Row, ImportedContact Contact);

    private sealed record Account(Guid Id, string Name);

    public static async Task WriteAsync(PartnerForgeDbContext db, ImportBatch batch, List<CsvRow> rows, DateTime now, CancellationToken cancellationToken)
    {
        var valid = Validate(batch, rows);
        if (valid.Count == 0)
        {
            return;
        }

        var emails = valid.Select(v => v.Contact.Email).ToList();
        var existing = await db.Contacts.Where(c => c.Email != null && emails.Contains(c.Email)).ToDictionaryAsync(c => c.Email!, StringComparer.Ordinal, cancellationToken);
        var existingIds = existing.Values.Select(c => (Guid?)c.Id).ToList();
        var touched = existingIds.Count == 0
            ? []
            : (await db.Set<ImportChange>().Where(x => x.ImportId == batch.ImportId && existingIds.Contains(x.ContactId)).Select(x => x.ContactId!.Value)
                .ToListAsync(cancellationToken)).ToHashSet();
        var domains = valid.SelectMany(v => v.Contact.AccountDomains()).Distinct().ToList();
        var accounts = await db.Companies.Where(c => domains.Contains(c.Domain)).Select(c => new { c.Domain, c.Id, c.Name })
            .ToDictionaryAsync(c => c.Domain, c => new Account(c.Id, c.Name), StringComparer.Ordinal, cancellationToken);

        foreach (var (row, imported) in valid)
        {
            var account = imported.AccountDomains().Select(d => accounts.GetValueOrDefault(d)).FirstOrDefault(a => a is not null);
            if (!existing.TryGetValue(imported.Email, out var contact))
            {
                Create(db, batch, row, imported, account, now);
            }
            else if (contact.ImportId == batch.ImportId || touched.Contains(contact.Id))
            {
                batch.Errors.Duplicate(batch.Counts, row, $"Duplicate of an earlier row of this file (this import already wrote the contact with the address {imported.Email}).");
            }
            else
            {
                Update(db, batch, row, imported, contact, account, now);
            }
        }
    }

    /// <summary>The rows whose cells are valid, first row of each address only (later ones are duplicates).</summary>
    private static List<ValidRow> Validate(ImportBatch batch, List<CsvRow> rows)
    {
        var valid = new List<ValidRow>(rows.Count);
        var firstRowOfEmail = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var (contact, problems) = ContactRowValidator.Validate(row.Cells, batch.Mapping);
            if (contact is null)
            {
                batch.Errors.Write(batch.Counts, row, string.Join(" ", problems));
            }
            else if (firstRowOfEmail.TryGetValue(contact.Email, out var first))
            {
                batch.Errors.Duplicate(batch.Counts, row, $"Duplicate of row {first} (same e-mail address, {contact.Email}).");
            }
            else
            {
                firstRowOfEmail[contact.Email] = row.RowNumber;
                valid.Add(new ValidRow(row, contact));
            }
        }

        return valid;
    }

    private static void Create(PartnerForgeDbContext db, ImportBatch batch, CsvRow row, ImportedContact imported, Account? account, DateTime now)
    {
        if (batch.Mode == ImportMode.UpdateOnly)
        {
            batch.Errors.Write(batch.Counts, row, $"No contact has the address {imported.Email}; update-only mode creates none.");
            return;
        }

        if (account is null)
        {
            batch.Errors.Write(batch.Counts, row, imported.AccountNotFound());
            return;
        }

        var (profile, problems) = ContactProfile.Validate(ContactMerge.ForNew(imported), now);
        if (profile is null)
        {
            batch.Errors.Write(batch.Counts, row, string.Join(" ", problems.Values));
            return;
        }

        var contact = new Contact(account.Id, profile, batch.UserId, now);
        contact.StampTenant(batch.TenantId);
        contact.MarkImportedBy(batch.ImportId);
        db.Contacts.Add(contact);
        batch.Counts.Created++;
    }

    private static void Update(PartnerForgeDbContext db, ImportBatch batch, CsvRow row, ImportedContact imported, Contact contact, Account? account, DateTime now)
    {
        if (batch.Mode == ImportMode.CreateOnly)
        {
            batch.Errors.Write(batch.Counts, row, $"{contact.FullName} already has the address {imported.Email}; create-only mode changes no contact.");
            return;
        }

        // Only a domain the row names moves a contact; the address's domain only places new ones.
        if (imported.AccountDomain is not null && account is null)
        {
            batch.Errors.Write(batch.Counts, row, imported.AccountNotFound());
            return;
        }

        var (profile, problems) = ContactProfile.Validate(ContactMerge.Merge(contact, imported), now);
        if (profile is null)
        {
            batch.Errors.Write(batch.Counts, row, string.Join(" ", problems.Values));
            return;
        }

        var companyId = imported.AccountDomain is not null ? account!.Id : contact.CompanyId;
        if (ContactMerge.Same(contact, profile) && companyId == contact.CompanyId)
        {
            batch.Counts.Unchanged++;
            return;
        }

        db.Add(ImportChange.ForContact(batch.ImportId, contact.Id, contact.CompanyId, row.RowNumber, ContactSnapshot.Of(contact).ToJson()));
        contact.Apply(profile, contact.OwnerId, now);
        contact.MoveTo(companyId, now);
        batch.Counts.Updated++;
    }
}
