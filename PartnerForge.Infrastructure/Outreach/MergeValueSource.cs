using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>What merge fields know of an account: its name and domain, and from the intelligence a technology and a trigger.</summary>
public sealed record AccountMergeFacts(string Name, string Domain, string? Technology, string? Trigger);

/// <summary>
/// Merge values from the database: the contact, their account, the account's intelligence (the most certain detected
/// technology; the most recent significant change of the last 90 days) and the sender. Batched for the dispatcher.
/// </summary>
public sealed class MergeValueSource(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    public static readonly TimeSpan TriggerAge = TimeSpan.FromDays(90);
    public const int TriggerMinSignificance = 50;

    public async Task<(Dictionary<string, string?> Values, string? ContactName)> ForPreviewAsync(Guid? contactId, Guid ownerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Contacts.AsNoTracking();
        Contact? contact = contactId is { } id
            ? await query.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            : await query.Where(c => c.Email != null).OrderBy(c => c.FullName).FirstOrDefaultAsync(cancellationToken);
        var sender = await db.Users.Where(u => u.Id == ownerId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        if (contact is null)
        {
            return (MergeTemplate.Values("Alex Sample", "Head of Operations", "Example Ltd", "example.com", null, null, sender), null);
        }

        var facts = await ForCompaniesAsync(db, [contact.CompanyId], cancellationToken);
        var account = facts.GetValueOrDefault(contact.CompanyId);
        return (MergeTemplate.Values(contact.FullName, contact.Title, account?.Name ?? string.Empty, account?.Domain, account?.Technology, account?.Trigger, sender), contact.FullName);
    }

    public async Task<Dictionary<Guid, AccountMergeFacts>> ForCompaniesAsync(PartnerForgeDbContext db, IReadOnlyCollection<Guid> companyIds, CancellationToken cancellationToken)
    {
        var ids = companyIds.Distinct().ToList();
        var companies = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.Domain }).ToListAsync(cancellationToken);
        var technologies = await (
                from ct in db.CompanyTechnologies.AsNoTracking()
                join t in db.Technologies.AsNoTracking() on ct.TechnologyId equals t.Id
                where ids.Contains(ct.CompanyId)
                select new { ct.CompanyId, t.Name, ct.Confidence, ct.FirstSeenUtc })
            .ToListAsync(cancellationToken);
        var since = time.GetUtcNow().UtcDateTime - TriggerAge;
        var changes = await db.ChangeEvents.AsNoTracking()
            .Where(e => ids.Contains(e.CompanyId) && e.DetectedAtUtc >= since && e.Significance >= TriggerMinSignificance && e.Module != EngagementEvents.Module)
            .ToListAsync(cancellationToken);
        var topTech = technologies.GroupBy(t => t.CompanyId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Confidence).ThenBy(t => t.FirstSeenUtc).ThenBy(t => t.Name, StringComparer.Ordinal).First().Name);
        var latest = changes.GroupBy(e => e.CompanyId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.DetectedAtUtc).ThenByDescending(e => e.Significance).First().Describe());
        return companies.ToDictionary(c => c.Id, c => new AccountMergeFacts(c.Name, c.Domain, topTech.GetValueOrDefault(c.Id), latest.GetValueOrDefault(c.Id)));
    }
}
