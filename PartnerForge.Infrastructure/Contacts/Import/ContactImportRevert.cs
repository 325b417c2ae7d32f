using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Contacts.Import;

/// <summary>
/// Reverts a contact import inside the caller's transaction: deletes the contacts it created (their enrolments go
/// with them) and puts the contacts it updated back as they were, at their account when it still exists.
/// </summary>
internal static class ContactImportRevert
{
    public static async Task<(int Deleted, long Restored)> RevertAsync(PartnerForgeDbContext db, ImportJob job, DateTime now, CancellationToken cancellationToken)
    {
        var importId = job.Id;
        var deleted = await db.Contacts.Where(c => c.ImportId == importId).ExecuteDeleteAsync(cancellationToken);
        long restored = 0;
        long lastRow = 0;
        while (true)
        {
            var changes = await db.Set<ImportChange>().AsNoTracking()
                .Where(x => x.ImportId == importId && x.ContactId != null && x.RowNumber > lastRow)
                .OrderBy(x => x.RowNumber).Take(1000).ToListAsync(cancellationToken);
            if (changes.Count == 0)
            {
                break;
            }

            lastRow = changes[^1].RowNumber;
            var ids = changes.Select(x => x.ContactId!.Value).ToList();
            var contacts = await db.Contacts.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            var accountIds = changes.Select(x => x.CompanyId).Distinct().ToList();
            var accounts = (await db.Companies.Where(c => accountIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var change in changes)
            {
                if (contacts.TryGetValue(change.ContactId!.Value, out var contact))
                {
                    ContactSnapshot.FromJson(change.Before).RestoreOnto(contact, accounts.Contains(change.CompanyId), now);
                    restored++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            db.Attach(job);
        }

        return (deleted, restored);
    }
}
