using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Common;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Changes;

/// <summary>A new alert for one user (the bell and toasts of that user's open tabs listen for it).</summary>
/// <param name="Toast">False when the user turned in-app alerts off: the badge counts it, no toast pops up.</param>
public sealed record AlertRaised(Guid TenantId, Guid UserId, Guid AlertId, Guid CompanyId, string Title, int Significance, DateTime CreatedAtUtc, bool Toast = true) : ITenantEvent;

/// <summary>Alerts of one user were read or unread (other tabs refresh their badge).</summary>
public sealed record AlertsRead(Guid TenantId, Guid UserId) : ITenantEvent;

/// <summary>New change events on one account (timelines refresh).</summary>
public sealed record ChangesRecorded(Guid TenantId, Guid CompanyId, string Module, int Count) : ITenantEvent;

/// <summary>What <see cref="SnapshotRecorder.RecordAsync"/> did.</summary>
/// <param name="SnapshotId">The snapshot holding this content (the existing one when nothing new was stored).</param>
/// <param name="Stored">False when the hash equalled the previous snapshot's: only its last-confirmed time moved.</param>
public sealed record SnapshotRecordResult(Guid SnapshotId, bool Stored, IReadOnlyList<Guid> ChangeEventIds, IReadOnlyList<Guid> AlertIds);

/// <summary>Competitor products of the current tenant, for the significance rules. Replace when the tenant's list exists.</summary>
public interface ICompetitorProductSource
{
    Task<IReadOnlyCollection<string>> GetAsync(PartnerForgeDbContext db, CancellationToken cancellationToken);
}

/// <summary>Owner, tier and territory of an account, for alert rules. Replace when accounts carry them.</summary>
public interface IAccountProfileSource
{
    Task<AccountProfile?> GetAsync(PartnerForgeDbContext db, Guid companyId, CancellationToken cancellationToken);
}

internal sealed class NoCompetitorProducts : ICompetitorProductSource
{
    public Task<IReadOnlyCollection<string>> GetAsync(PartnerForgeDbContext db, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<string>>([]);
}


/// <summary>
/// The one entry point enrichment calls after a module produced its canonical JSON. Identical content (same
/// SHA-256 as the newest snapshot of that account × module) is not stored again: only the head's last-confirmed
/// time moves. New content is stored as an <see cref="IntelSnapshot"/>, diffed against the previous one, its
/// differences saved as <see cref="ChangeEvent"/>s, matched against the tenant's alert rules into
/// <see cref="Alert"/>s, all in one save; then the alerts are published for live toasts. Runs as the current
/// tenant (a web request, circuit or <c>TenantJob</c>).
/// </summary>
public sealed class SnapshotRecorder(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    ICurrentTenant tenant,
    IEventBus events,
    ICompetitorProductSource competitors,
    IAccountProfileSource accounts,
    TimeProvider time,
    IOptions<Email.SmtpOptions> smtp,
    Email.DigestService mail,
    Observability.PartnerForgeMetrics metrics)
{
    public async Task<SnapshotRecordResult> RecordAsync(Guid companyId, string module, Guid runId, string canonicalJson, int factCount,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(module);
        ArgumentException.ThrowIfNullOrWhiteSpace(canonicalJson);
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Snapshots are recorded for the current tenant; none is set.");
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (module == ModuleCatalog.TechStack)
        {
            canonicalJson = TechnologyPresence.Carry(await NewestJsonAsync(db, companyId, module, cancellationToken), canonicalJson);
        }

        var hash = CanonicalJson.Hash(canonicalJson);
        var head = await db.SnapshotHeads.FirstOrDefaultAsync(h => h.CompanyId == companyId && h.Module == module, cancellationToken);
        IntelSnapshot? previous = null;
        if (head is not null)
        {
            if (head.Hash == hash)
            {
                head.Confirm(now);
                await db.SaveChangesAsync(cancellationToken);
                return new SnapshotRecordResult(head.SnapshotId, false, [], []);
            }

            previous = await db.IntelSnapshots.FirstOrDefaultAsync(s => s.Id == head.SnapshotId, cancellationToken);
        }
        else
        {
            // Snapshots stored before heads existed (or by another path): the newest one is the previous.
            previous = await db.IntelSnapshots.Where(s => s.CompanyId == companyId && s.Module == module)
                .OrderByDescending(s => s.CapturedAtUtc).FirstOrDefaultAsync(cancellationToken);
            if (previous?.Hash == hash)
            {
                db.SnapshotHeads.Add(new SnapshotHead(companyId, module, previous.Id, hash, now));
                await db.SaveChangesAsync(cancellationToken);
                return new SnapshotRecordResult(previous.Id, false, [], []);
            }
        }

        var snapshot = new IntelSnapshot(companyId, module, runId, now, canonicalJson, factCount, previous?.Id);
        db.IntelSnapshots.Add(snapshot);
        if (head is null)
        {
            db.SnapshotHeads.Add(new SnapshotHead(companyId, module, snapshot.Id, hash, now));
        }
        else
        {
            head.Advance(snapshot.Id, hash, now);
        }

        // The first snapshot of a module is the baseline: there is nothing to have changed from.
        var changes = new List<ChangeEvent>();
        if (previous is not null)
        {
            var context = new SignificanceContext(await competitors.GetAsync(db, cancellationToken));
            changes.AddRange(SignificanceRules.Detect(module, previous.CanonicalJson, canonicalJson, context)
                .Select(c => new ChangeEvent(companyId, snapshot.Id, previous.Id, c, now)));
            db.ChangeEvents.AddRange(changes);
        }

        var worthAlerting = changes.Count > 0
            && (module != ModuleCatalog.StrategicBrief || await BriefFactsChangedAsync(db, companyId, previous!, runId, cancellationToken));
        var alerts = worthAlerting ? await MatchAsync(db, companyId, changes, now, cancellationToken) : [];
        db.Alerts.AddRange(alerts);
        await db.SaveChangesAsync(cancellationToken);
        metrics.AlertsRaised(alerts.Count);
        await DeliverAsync(tenantId, companyId, module, changes.Count, alerts, cancellationToken);
        return new SnapshotRecordResult(snapshot.Id, true, changes.Select(c => c.Id).ToList(), alerts.Select(a => a.Id).ToList());
    }

    /// <summary>
    /// A change that did not come from a snapshot (engagement with outreach: a reply, a click): recorded on the account's
    /// timeline under its own module, matched against the alert rules and delivered like any other change.
    /// <paramref name="sourceId"/> names what it came from (it takes the snapshot's place on the event).
    /// </summary>
    /// <remarks>
    /// <paramref name="responsibleUserId"/> stands in for the account's owner when rules ask for "my accounts": for a reply,
    /// the owner of the sequence that wrote to the person, whose default rule "Replies to my outreach" then matches.
    /// </remarks>
    public async Task<ChangeEvent> RecordExternalAsync(Guid companyId, Guid sourceId, DetectedChange change, Guid? responsibleUserId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Changes are recorded for the current tenant; none is set.");
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var evt = new ChangeEvent(companyId, sourceId, null, change, now);
        db.ChangeEvents.Add(evt);
        var alerts = await MatchAsync(db, companyId, [evt], now, cancellationToken, responsibleUserId);
        db.Alerts.AddRange(alerts);
        await db.SaveChangesAsync(cancellationToken);
        metrics.AlertsRaised(alerts.Count);
        await DeliverAsync(tenantId, companyId, change.Module, 1, alerts, cancellationToken);
        return evt;
    }

    /// <summary>Tells the live pages about new changes and alerts, and sends the immediate alert e-mails.</summary>
    private async Task DeliverAsync(Guid tenantId, Guid companyId, string module, int changeCount, List<Alert> alerts, CancellationToken cancellationToken)
    {

        if (changeCount > 0)
        {
            await events.PublishAsync(new ChangesRecorded(tenantId, companyId, module, changeCount), cancellationToken);
        }

        if (alerts.Count > 0)
        {
            // In-app off: the alert is stored and counted, but no toast (users without preferences get the default, on).
            var recipients = alerts.Select(a => a.UserId).Distinct().ToList();
            await using var read = await contexts.CreateDbContextAsync(cancellationToken);
            var silent = await read.AlertPreferences.Where(p => recipients.Contains(p.UserId) && !p.InApp).Select(p => p.UserId).ToListAsync(cancellationToken);
            foreach (var alert in alerts)
            {
                await events.PublishAsync(new AlertRaised(tenantId, alert.UserId, alert.Id, alert.CompanyId, alert.Title, alert.Significance, alert.CreatedAtUtc,
                    Toast: !silent.Contains(alert.UserId)), cancellationToken);
            }

            metrics.AlertsDelivered("in_app", alerts.Count(a => !silent.Contains(a.UserId)));
        }

        if (alerts.Count > 0 && smtp.Value.Enabled)
        {
            // Immediate e-mail for those who asked for it (quiet hours respected); what fails here the digest job retries.
            await mail.SendImmediateAsync(cancellationToken);
        }

    }

    private static async Task<string?> NewestJsonAsync(PartnerForgeDbContext db, Guid companyId, string module, CancellationToken cancellationToken)
    {
        var headId = await db.SnapshotHeads.Where(h => h.CompanyId == companyId && h.Module == module).Select(h => (Guid?)h.SnapshotId).FirstOrDefaultAsync(cancellationToken);
        var snapshots = db.IntelSnapshots.Where(s => s.CompanyId == companyId && s.Module == module);
        snapshots = headId is { } id ? snapshots.Where(s => s.Id == id) : snapshots.OrderByDescending(s => s.CapturedAtUtc);
        return await snapshots.Select(s => s.CanonicalJson).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The brief (M15) is written from the other modules' facts. When none of them changed since the previous
    /// brief (no change event of another module after it, nor in this run), a new brief is only re-worded: its
    /// change is kept on the timeline but raises no alert.
    /// </summary>
    private static Task<bool> BriefFactsChangedAsync(PartnerForgeDbContext db, Guid companyId, IntelSnapshot previousBrief, Guid runId,
        CancellationToken cancellationToken)
    {
        var since = previousBrief.CapturedAtUtc;
        return db.ChangeEvents.AnyAsync(c => c.CompanyId == companyId && c.Module != ModuleCatalog.StrategicBrief
            && (c.DetectedAtUtc > since || db.IntelSnapshots.Any(s => s.Id == c.SnapshotId && s.RunId == runId)), cancellationToken);
    }

    private async Task<List<Alert>> MatchAsync(PartnerForgeDbContext db, Guid companyId, List<ChangeEvent> changes, DateTime now, CancellationToken cancellationToken,
        Guid? responsibleUserId = null)
    {
        var rules = await db.AlertRules.Where(r => r.IsActive).ToListAsync(cancellationToken);
        if (rules.Count == 0)
        {
            return [];
        }

        var account = await accounts.GetAsync(db, companyId, cancellationToken) ?? new AccountProfile(companyId, "(account)", null, null, null);
        if (responsibleUserId is not null)
        {
            account = account with { OwnerId = responsibleUserId };
        }

        var teamIds = rules.Where(r => r.TeamId is not null).Select(r => r.TeamId!.Value).Distinct().ToList();
        var members = teamIds.Count == 0
            ? []
            : await db.Users.Where(u => u.IsActive && u.TeamId != null && teamIds.Contains(u.TeamId.Value))
                .Select(u => new { u.Id, TeamId = u.TeamId!.Value }).ToListAsync(cancellationToken);

        var alerts = new List<Alert>();
        var seen = new HashSet<(Guid User, Guid Change)>();
        foreach (var rule in rules)
        {
            var recipients = rule.UserId is { } user ? [user] : members.Where(m => m.TeamId == rule.TeamId).Select(m => m.Id).ToList();
            foreach (var recipient in recipients)
            {
                foreach (var change in changes)
                {
                    if (rule.Matches(change, account, recipient) && seen.Add((recipient, change.Id)))
                    {
                        alerts.Add(new Alert(recipient, rule.Id, change, account.CompanyName, now));
                    }
                }
            }
        }

        return alerts;
    }
}
