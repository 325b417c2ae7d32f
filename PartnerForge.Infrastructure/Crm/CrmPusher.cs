using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// Pushes our intelligence into the CRM records of linked accounts, in the properties the admin mapped: tier, fit score,
/// top technologies, a link to the brief. Only accounts whose pushed values changed since the last push are sent (a
/// hash per link), in batches; a record the CRM refuses fails alone and is tried again on the next push.
/// </summary>
public sealed class CrmPusher(IOptions<CrmOptions> options, PartnerForge.Infrastructure.Outreach.MergeValueSource intelligence)
{
    private const int Chunk = 500;

    internal async Task PushAsync(SyncContext sync, IReadOnlySet<Guid>? only, CancellationToken cancellationToken)
    {
        var mappings = sync.Pushed(CrmObjectKind.Company).ToList();
        if (mappings.Count == 0)
        {
            return;
        }

        sync.Phase = "Pushing scores";
        List<Guid> all;
        await using (var db = await sync.Contexts.CreateDbContextAsync(cancellationToken))
        {
            // The links' ids once, then the links chunk by chunk (paging by offset would read the table again for every chunk).
            var query = db.CrmLinks.AsNoTracking().Where(l => l.ConnectionId == sync.Connection.Id && l.ObjectKind == CrmObjectKind.Company && !l.Archived);
            if (only is not null)
            {
                var records = only.ToList();
                query = query.Where(l => records.Contains(l.RecordId));
            }
            else
            {
                // A link never pushed whose account has no tier or fit score has nothing to send (see PushChunkAsync): not read at all.
                query = query.Where(l => l.LastPushedHash != null || db.Companies.Any(c => c.Id == l.RecordId && (c.Tier != null || c.FitScore != null)));
            }

            all = await query.OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(cancellationToken);
        }

        foreach (var chunk in all.Chunk(Chunk))
        {
            await using var db = await sync.Contexts.CreateDbContextAsync(cancellationToken);
            var links = await db.CrmLinks.Where(l => chunk.Contains(l.Id) && !l.Archived).OrderBy(l => l.Id).ToListAsync(cancellationToken);
            if (await PushChunkAsync(sync, db, links, mappings, force: only is not null, cancellationToken))
            {
                await sync.FlushAsync(cancellationToken);
            }
        }
    }

    /// <summary>Pushes the links' accounts whose values changed; true when any was sent.</summary>
    private async Task<bool> PushChunkAsync(SyncContext sync, PartnerForgeDbContext db, List<CrmLink> links, IReadOnlyList<CrmFieldMapping> mappings, bool force, CancellationToken cancellationToken)
    {
        var values = await ValuesAsync(db, links.Select(l => l.RecordId).ToList(), mappings, cancellationToken);
        // An account that was never scored has nothing to say yet: it is first pushed once it has a tier or fit score.
        var ids = links.Select(l => l.RecordId).ToList();
        var scored = (await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id) && (c.Tier != null || c.FitScore != null)).Select(c => c.Id)
            .ToListAsync(cancellationToken)).ToHashSet();
        var writes = new List<(CrmLink Link, string Hash, CrmWrite Write)>();
        foreach (var link in links)
        {
            if (!values.TryGetValue(link.RecordId, out var properties))
            {
                continue;
            }

            var hash = Hash(properties);
            if (force || (hash != link.LastPushedHash && (link.LastPushedHash is not null || scored.Contains(link.RecordId))))
            {
                writes.Add((link, hash, new CrmWrite(link.Id.ToString("N"), link.CrmId, properties)));
            }
        }

        if (writes.Count == 0)
        {
            return false;
        }

        var results = await sync.Connector.UpdateAsync(sync.Session, CrmObjectKind.Company, writes.Select(w => w.Write).ToList(), cancellationToken);
        var byKey = results.ToDictionary(r => r.Key, StringComparer.Ordinal);
        foreach (var (link, hash, write) in writes)
        {
            var result = byKey.GetValueOrDefault(write.Key);
            if (result is { Succeeded: true })
            {
                link.Pushed(hash, sync.Now);
                sync.Record(CrmObjectKind.Company, SyncDirection.Push, link.CrmId, link.RecordId, SyncOutcome.Pushed);
            }
            else
            {
                sync.Record(CrmObjectKind.Company, SyncDirection.Push, link.CrmId, link.RecordId, SyncOutcome.Failed, result?.Error ?? "The CRM did not confirm the update.");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Per account, the CRM property → value to push (empty text clears the CRM's value).</summary>
    private async Task<Dictionary<Guid, IReadOnlyDictionary<string, string?>>> ValuesAsync(PartnerForgeDbContext db, List<Guid> ids, IReadOnlyList<CrmFieldMapping> mappings,
        CancellationToken cancellationToken)
    {
        var companies = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Tier, c.FitScore }).ToListAsync(cancellationToken);
        var technologies = mappings.Any(m => m.OurField == CrmFields.TopTechnologies)
            ? (await (from ct in db.CompanyTechnologies.AsNoTracking()
                      join t in db.Technologies.AsNoTracking() on ct.TechnologyId equals t.Id
                      where ids.Contains(ct.CompanyId)
                      select new { ct.CompanyId, t.Name, ct.Confidence }).ToListAsync(cancellationToken))
                .GroupBy(x => x.CompanyId)
                .ToDictionary(g => g.Key, g => string.Join(", ", g.OrderByDescending(x => x.Confidence).ThenBy(x => x.Name, StringComparer.Ordinal).Take(5).Select(x => x.Name)))
            : [];
        // The latest trigger is the one outreach merges as {{trigger}}: the most recent significant change of the last 90 days.
        var triggers = mappings.Any(m => m.OurField == CrmFields.LatestTrigger)
            ? (await intelligence.ForCompaniesAsync(db, ids, cancellationToken)).ToDictionary(f => f.Key, f => f.Value.Trigger ?? string.Empty)
            : [];
        var baseUrl = options.Value.PublicBaseUrl;
        return companies.ToDictionary(c => c.Id, c => (IReadOnlyDictionary<string, string?>)mappings.ToDictionary(
            m => m.CrmProperty,
            m => m.OurField switch
            {
                CrmFields.Tier => c.Tier?.ToString() ?? string.Empty,
                CrmFields.FitScore => c.FitScore?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                CrmFields.TopTechnologies => technologies.GetValueOrDefault(c.Id, string.Empty),
                CrmFields.LatestTrigger => Shorten(triggers.GetValueOrDefault(c.Id, string.Empty)),
                CrmFields.BriefLink => baseUrl is null ? string.Empty : new Uri(baseUrl, $"accounts/{c.Id}").ToString(),
                _ => string.Empty,
            },
            StringComparer.Ordinal));
    }

    /// <summary>Within the 255 characters of a CRM's single-line text field (Salesforce's longest).</summary>
    private static string Shorten(string text) => text.Length <= 255 ? text : string.Concat(text.AsSpan(0, 254), "…");

    private static string Hash(IReadOnlyDictionary<string, string?> values) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(values.OrderBy(v => v.Key, StringComparer.Ordinal)))));
}
