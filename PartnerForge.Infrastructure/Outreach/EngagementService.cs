using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>
/// What people do with outreach: opens and clicks (from signed links), unsubscribes (one click, RFC 8058), replies and
/// bounces (from the mailbox). Each is recorded on the touch once, put on the account's timeline as a change (so alert
/// rules and the signal score see it), and a reply, bounce or unsubscribe ends the person's enrolment. Runs as the tenant
/// the link or the message belongs to.
/// </summary>
public sealed class EngagementService(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    TenantContext tenant,
    SnapshotRecorder recorder,
    SuppressionList suppressions,
    TimeProvider time,
    ILogger<EngagementService> log)
{
    /// <summary>Records an event of a signed link; false when the touch is gone (erased, or the link was made elsewhere).</summary>
    public async Task<bool> RecordLinkAsync(LinkTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        tenant.Set(target.TenantId, null, "outreach-link");
        var kind = target.Kind switch
        {
            LinkKind.Click => EngagementKind.Clicked,
            LinkKind.Unsubscribe => EngagementKind.Unsubscribed,
            _ => EngagementKind.Opened,
        };
        return await RecordAsync(target.TouchId, kind, cancellationToken);
    }

    /// <summary>A reply to or a bounce of the e-mail with this Message-ID, in whichever workspace sent it.</summary>
    public async Task<bool> RecordInboundAsync(string messageId, EngagementKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        Guid? tenantId, touchId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // The mailbox serves every workspace: find the touch across them, then act as its workspace.
            var found = await db.Touches.IgnoreQueryFilters().Where(t => t.MessageId == messageId)
                .Select(t => new { t.TenantId, t.Id }).FirstOrDefaultAsync(cancellationToken);
            (tenantId, touchId) = (found?.TenantId, found?.Id);
        }

        if (tenantId is null)
        {
            return false;
        }

        tenant.Set(tenantId.Value, null, "outreach-mailbox");
        return await RecordAsync(touchId!.Value, kind, cancellationToken);
    }

    private async Task<bool> RecordAsync(Guid touchId, EngagementKind kind, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var touch = await db.Touches.SingleOrDefaultAsync(t => t.Id == touchId, cancellationToken);
        if (touch is null || touch.ContactId is not { } contactId)
        {
            return false;
        }

        var first = kind switch
        {
            EngagementKind.Clicked => touch.MarkClicked(now),
            EngagementKind.Replied => touch.MarkReplied(now),
            EngagementKind.Bounced => touch.MarkBounced(now),
            EngagementKind.Unsubscribed => touch.MarkUnsubscribed(now),
            _ => touch.MarkOpened(now),
        };
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        var ownerId = await db.Sequences.Where(s => s.Id == touch.SequenceId).Select(s => (Guid?)s.OwnerId).FirstOrDefaultAsync(cancellationToken);
        if (kind is EngagementKind.Replied or EngagementKind.Bounced or EngagementKind.Unsubscribed)
        {
            await StopAsync(db, touch, contact, kind, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (kind is EngagementKind.Bounced or EngagementKind.Unsubscribed && contact?.Email is { } address)
        {
            await suppressions.AddAsync(address, kind == EngagementKind.Bounced ? SuppressionReason.Bounced : SuppressionReason.Unsubscribed, cancellationToken);
        }

        if (first && contact is not null)
        {
            await recorder.RecordExternalAsync(touch.CompanyId, touch.Id, EngagementEvents.Change(kind, contact.FullName, touch.Subject), ownerId, cancellationToken);
            log.LogInformation("Outreach engagement: {Kind} on touch {TouchId}", kind, touch.Id);
        }

        return true;
    }

    /// <summary>
    /// A reply or bounce ends this enrolment; an unsubscribe (or a bounce: the address is dead) ends every open enrolment of
    /// every contact with this address in the workspace.
    /// </summary>
    private static async Task StopAsync(PartnerForgeDbContext db, Domain.Outreach.Touch touch, Domain.Contacts.Contact? contact, EngagementKind kind, DateTime now,
        CancellationToken cancellationToken)
    {
        var reason = kind switch
        {
            EngagementKind.Replied => StopReason.Replied,
            EngagementKind.Bounced => StopReason.Bounced,
            _ => StopReason.Unsubscribed,
        };
        var query = kind == EngagementKind.Replied || contact?.Email is null
            ? db.Enrolments.Where(e => e.Id == touch.EnrolmentId)
            : db.Enrolments.Where(e => db.Contacts.Any(c => c.Id == e.ContactId && c.Email == contact.Email));
        foreach (var enrolment in await query.Where(e => e.State == EnrolmentState.Active || e.State == EnrolmentState.Paused).ToListAsync(cancellationToken))
        {
            enrolment.Stop(reason, now);
        }
    }
}
