using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Crm;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>Where a sync-log record leads in PartnerForge: the record's name and the page that shows it.</summary>
public sealed record SyncRecordTarget(string Name, string Href);

public sealed partial class CrmSyncService
{
    /// <summary>
    /// The names and pages of our records that <paramref name="records"/> are about (accounts, people and deals of this
    /// workspace), so the sync log can name them; a record deleted since is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, SyncRecordTarget>> TargetsAsync(IReadOnlyCollection<SyncRecordRow> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        Guid[] Ids(CrmObjectKind kind) => [.. records.Where(r => r.Kind == kind && r.RecordId is not null).Select(r => r.RecordId!.Value).Distinct()];
        var (companies, contacts, deals) = (Ids(CrmObjectKind.Company), Ids(CrmObjectKind.Contact), Ids(CrmObjectKind.Deal));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var targets = new Dictionary<Guid, SyncRecordTarget>();
        foreach (var c in await db.Companies.AsNoTracking().Where(c => companies.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
        {
            targets[c.Id] = new(c.Name, $"/accounts/{c.Id}");
        }

        foreach (var p in await db.Contacts.AsNoTracking().Where(p => contacts.Contains(p.Id)).Select(p => new { p.Id, p.FullName, p.CompanyId }).ToListAsync(cancellationToken))
        {
            targets[p.Id] = new(p.FullName, $"/accounts/{p.CompanyId}?tab=contacts");
        }

        foreach (var d in await db.Deals.AsNoTracking().Where(d => deals.Contains(d.Id)).Select(d => new { d.Id, d.Title, d.CompanyId }).ToListAsync(cancellationToken))
        {
            targets[d.Id] = new(d.Title, $"/accounts/{d.CompanyId}/deals");
        }

        return targets;
    }
}
