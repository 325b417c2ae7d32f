using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Common;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Contacts;

/// <summary>What an erasure removed and scrubbed, counted for the audit entry and the page.</summary>
public sealed record ErasureSummary(string AccountName, bool Suppressed, int Enrolments, int Touches, int TimelineEntries, int Alerts, int Snapshots,
    int CommitteeDecisions, int AuditEntries, int Digests)
{
    /// <summary>"Erased a contact at Acme Corp (…)": names no one, so it can stay in the audit log.</summary>
    public string Sentence()
    {
        var removed = $"{Enrolments} sequence enrolment{S(Enrolments)} and {Touches} e-mail{S(Touches)} or task{S(Touches)} removed";
        var scrubbed = $"the name and address taken out of {TimelineEntries} timeline entr{(TimelineEntries == 1 ? "y" : "ies")}, {Alerts} alert{S(Alerts)}, "
            + $"{Snapshots} intelligence snapshot{S(Snapshots)}, {AuditEntries} audit entr{(AuditEntries == 1 ? "y" : "ies")} and {Digests} digest{S(Digests)}";
        var committee = CommitteeDecisions == 0 ? string.Empty : $"; {CommitteeDecisions} buying-committee decision{S(CommitteeDecisions)} removed";
        var kept = Suppressed ? "; the address is kept only as a hash on the suppression list" : string.Empty;
        return $"Erased a contact at {AccountName} ({removed}; {scrubbed}{committee}{kept})";
    }

    private static string S(int n) => n == 1 ? string.Empty : "s";
}

/// <summary>
/// The steps of an erasure, each on the caller's context inside the caller's transaction. Rows are changed through the
/// change tracker (one save at the end), except the buying-committee decisions, which are deleted in SQL so the audit
/// interceptor does not write the person's name into a new audit entry.
/// </summary>
internal static class ContactErasure
{
    /// <summary>Ids of rows where some spelling of the person appears (a sieve: the scrubber decides what changes).</summary>
    public static async Task<HashSet<Guid>> MentioningAsync<T>(IQueryable<T> rows, PersonScrubber person, Func<string, Expression<Func<T, bool>>> contains,
        CancellationToken ct)
        where T : TenantOwnedEntity
    {
        var ids = new HashSet<Guid>();
        foreach (var needle in person.Needles)
        {
            ids.UnionWith(await rows.Where(contains(needle)).Select(r => r.Id).ToListAsync(ct));
        }

        return ids;
    }

    /// <summary>Adds the address to the suppression list as a keyed hash (an entry already there keeps its first reason).</summary>
    public static async Task<bool> SuppressAsync(PartnerForgeDbContext db, Guid tenantId, string? email, DateTime nowUtc, CancellationToken ct)
    {
        if (email is null)
        {
            return false;
        }

        var hash = SuppressedAddress.Hash(tenantId, email);
        if (!await db.SuppressedAddresses.AnyAsync(s => s.AddressHash == hash, ct))
        {
            db.SuppressedAddresses.Add(new SuppressedAddress(hash, SuppressionReason.Erased, nowUtc));
        }

        return true;
    }

    /// <summary>
    /// Removes the person's enrolments and their touches: subjects, addresses and engagement times go with the rows. (A touch
    /// cannot outlive its enrolment, nor an enrolment its contact: both foreign keys cascade; keeping anonymised touches for
    /// the sequence's counts would need a nullable <c>Enrolment.ContactId</c>.) Returns the touch ids, whose engagement
    /// events name the person on the timeline.
    /// </summary>
    public static async Task<(int Enrolments, HashSet<Guid> TouchIds)> RemoveOutreachAsync(PartnerForgeDbContext db, Guid contactId, CancellationToken ct)
    {
        var enrolments = await db.Enrolments.Where(e => e.ContactId == contactId).ToListAsync(ct);
        var enrolmentIds = enrolments.Select(e => e.Id).ToList();
        var touches = await db.Touches.Where(t => t.ContactId == contactId || enrolmentIds.Contains(t.EnrolmentId)).ToListAsync(ct);
        db.Touches.RemoveRange(touches);
        db.Enrolments.RemoveRange(enrolments);
        return (enrolments.Count, touches.Select(t => t.Id).ToHashSet());
    }

    /// <summary>Scrubs the account's change events that name the person; an engagement event of their e-mails also loses the subject.</summary>
    public static async Task<Dictionary<Guid, ChangeEvent>> ScrubTimelineAsync(PartnerForgeDbContext db, Guid companyId, HashSet<Guid> touchIds,
        PersonScrubber person, CancellationToken ct)
    {
        var ids = await MentioningAsync(db.ChangeEvents.Where(e => e.CompanyId == companyId), person,
            n => e => e.Path.Contains(n) || (e.OldValue != null && e.OldValue.Contains(n)) || (e.NewValue != null && e.NewValue.Contains(n)), ct);
        var events = await db.ChangeEvents.Where(e => e.CompanyId == companyId && (ids.Contains(e.Id) || touchIds.Contains(e.SnapshotId))).ToListAsync(ct);
        var changed = new Dictionary<Guid, ChangeEvent>();
        foreach (var change in events)
        {
            var ofTheirEmail = touchIds.Contains(change.SnapshotId);
            if (!ofTheirEmail && !person.Mentions(change.Path) && !person.Mentions(change.OldValue) && !person.Mentions(change.NewValue))
            {
                continue;
            }

            var entry = db.Entry(change);
            entry.Property(e => e.Path).CurrentValue = person.Path(change.Path);
            entry.Property(e => e.OldValue).CurrentValue = person.Text(change.OldValue);
            // The subject of an e-mail to them may greet them by first name: it goes, as it goes from the touch.
            entry.Property(e => e.NewValue).CurrentValue = ofTheirEmail ? null : person.Text(change.NewValue);
            changed[change.Id] = change;
        }

        return changed;
    }

    /// <summary>Alerts on the scrubbed changes are worded again from them; other alerts of the account naming the person are scrubbed.</summary>
    public static async Task<int> ScrubAlertsAsync(PartnerForgeDbContext db, Guid companyId, string accountName, Dictionary<Guid, ChangeEvent> changes,
        PersonScrubber person, CancellationToken ct)
    {
        var changeIds = changes.Keys.ToList();
        var ids = await MentioningAsync(db.Alerts.Where(a => a.CompanyId == companyId), person, n => a => a.Title.Contains(n), ct);
        var alerts = await db.Alerts.Where(a => a.CompanyId == companyId && (ids.Contains(a.Id) || changeIds.Contains(a.ChangeEventId))).ToListAsync(ct);
        foreach (var alert in alerts)
        {
            var title = changes.TryGetValue(alert.ChangeEventId, out var change)
                ? person.Text($"{accountName}: {change.Describe()}")!
                : person.Text(alert.Title)!;
            db.Entry(alert).Property(a => a.Title).CurrentValue = title.Length > 300 ? title[..300] : title;
        }

        return alerts.Count;
    }

    /// <summary>Scrubs the account's intelligence snapshots (module results) as JSON, with their hashes (and the head's) made again.</summary>
    public static async Task<int> ScrubSnapshotsAsync(PartnerForgeDbContext db, Guid companyId, PersonScrubber person, CancellationToken ct)
    {
        var ids = await MentioningAsync(db.IntelSnapshots.Where(s => s.CompanyId == companyId), person, n => s => s.CanonicalJson.Contains(n), ct);
        var snapshots = await db.IntelSnapshots.Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        var heads = await db.SnapshotHeads.Where(h => ids.Contains(h.SnapshotId)).ToListAsync(ct);
        var count = 0;
        foreach (var snapshot in snapshots.Where(s => person.Mentions(s.CanonicalJson)))
        {
            var json = person.Json(snapshot.CanonicalJson, canonical: true);
            var hash = CanonicalJson.Hash(json);
            var entry = db.Entry(snapshot);
            entry.Property(s => s.CanonicalJson).CurrentValue = json;
            entry.Property(s => s.Hash).CurrentValue = hash;
            foreach (var head in heads.Where(h => h.SnapshotId == snapshot.Id))
            {
                db.Entry(head).Property(h => h.Hash).CurrentValue = hash;
            }

            count++;
        }

        return count;
    }

    /// <summary>The workspace's audit entries (their before/after JSON) and alert digests that name the person.</summary>
    public static async Task<(int AuditEntries, int Digests)> ScrubLogsAsync(PartnerForgeDbContext db, PersonScrubber person, CancellationToken ct)
    {
        var auditIds = await MentioningAsync(db.AuditEntries, person, n => a => a.Changes.Contains(n), ct);
        var audits = await db.AuditEntries.Where(a => auditIds.Contains(a.Id)).ToListAsync(ct);
        foreach (var audit in audits.Where(a => person.Mentions(a.Changes)))
        {
            db.Entry(audit).Property(a => a.Changes).CurrentValue = person.Json(audit.Changes, canonical: false);
        }

        var digestIds = await MentioningAsync(db.AlertDigests, person, n => d => d.Subject.Contains(n) || d.Text.Contains(n) || d.Html.Contains(n), ct);
        var digests = await db.AlertDigests.Where(d => digestIds.Contains(d.Id)).ToListAsync(ct);
        foreach (var digest in digests)
        {
            var entry = db.Entry(digest);
            entry.Property(d => d.Subject).CurrentValue = person.Text(digest.Subject)!;
            entry.Property(d => d.Text).CurrentValue = person.Text(digest.Text)!;
            entry.Property(d => d.Html).CurrentValue = person.Text(digest.Html)!;
        }

        return (audits.Count(a => db.Entry(a).State == EntityState.Modified), digests.Count);
    }

    /// <summary>Buying-committee decisions about the person at the account, deleted in SQL (see the class remarks).</summary>
    public static async Task<int> RemoveCommitteeDecisionsAsync(PartnerForgeDbContext db, Contact contact, PersonScrubber person, CancellationToken ct)
    {
        var candidates = await db.CommitteeOverrides.Where(o => o.CompanyId == contact.CompanyId).Select(o => new { o.Id, o.PersonName }).ToListAsync(ct);
        var ids = candidates.Where(o => string.Equals(person.Text(o.PersonName), PersonScrubber.Erased, StringComparison.Ordinal)).Select(o => o.Id).ToList();
        return ids.Count == 0 ? 0 : await db.CommitteeOverrides.Where(o => ids.Contains(o.Id)).ExecuteDeleteAsync(ct);
    }
}
