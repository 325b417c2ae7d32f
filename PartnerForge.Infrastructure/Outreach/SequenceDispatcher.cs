using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>What one dispatch did.</summary>
public sealed record DispatchSummary(int Sent, int Failed, int Deferred, int Tasks, int Skipped, int Stopped)
{
    public static DispatchSummary operator +(DispatchSummary a, DispatchSummary b) =>
        new(a.Sent + b.Sent, a.Failed + b.Failed, a.Deferred + b.Deferred, a.Tasks + b.Tasks, a.Skipped + b.Skipped, a.Stopped + b.Stopped);

    public int Handled => Sent + Failed + Deferred + Tasks + Skipped + Stopped;
}

/// <summary>
/// Runs the steps that came due for the current tenant, in batches: every step is checked against the person's calendar
/// (inside the window, a business day, not a holiday — else it moves to the next slot), the mailbox's daily cap and the
/// suppression list; an e-mail is reserved as a <see cref="Touch"/> (unique per enrolment and step) and committed before it
/// is handed to SMTP, then recorded as sent. A crash between the two leaves the reservation, and the next pass sends it
/// under the same Message-ID, so a step reaches the person once.
/// </summary>
public sealed class SequenceDispatcher(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    ICurrentTenant tenant,
    MergeValueSource mergeValues,
    IOutreachMailer mailer,
    OutreachLinks links,
    SuppressionList suppressions,
    IOptions<OutreachOptions> options,
    TimeProvider time,
    ILogger<SequenceDispatcher> log)
{
    private const int MaxPasses = 10_000;

    public async Task<DispatchSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var total = new DispatchSummary(0, 0, 0, 0, 0, 0);
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var summary = await PassAsync(cancellationToken);
            total += summary;
            if (summary.Handled == 0)
            {
                break;
            }
        }

        if (total.Handled > 0)
        {
            log.LogInformation("Outreach dispatch: {Sent} sent, {Failed} failed, {Deferred} moved to their next slot, {Tasks} tasks, {Skipped} skipped, {Stopped} stopped",
                total.Sent, total.Failed, total.Deferred, total.Tasks, total.Skipped, total.Stopped);
        }

        return total;
    }

    private async Task<DispatchSummary> PassAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Dispatch runs as a tenant.");
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.Enrolments.Where(e => e.State == EnrolmentState.Active && e.NextDueUtc <= now)
            .OrderBy(e => e.NextDueUtc).ThenBy(e => e.Id).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return new DispatchSummary(0, 0, 0, 0, 0, 0);
        }

        var batch = await DispatchBatch.LoadAsync(db, tenantId, due, mergeValues, now, cancellationToken);
        var plan = new DispatchPlan(batch, links, options.Value, now);
        foreach (var enrolment in due)
        {
            plan.Decide(enrolment);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken); // the reservations, before anything leaves
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Another dispatcher reserved one of these steps first: it sends them; this pass stops here.
            log.LogWarning("Outreach dispatch found a step reserved by another node; leaving the batch to it");
            return new DispatchSummary(0, 0, 0, 0, 0, 0);
        }

        var results = await mailer.SendAsync(plan.Outgoing, cancellationToken);
        var sentAt = time.GetUtcNow().UtcDateTime;
        foreach (var (touch, enrolment) in plan.Reserved)
        {
            if (results.GetValueOrDefault(touch.Id, new SendFailure(false, "It was not handed to the mail server.")) is { } failure)
            {
                touch.MarkFailed(failure.Error);
                if (failure.Refused)
                {
                    // A refused address is a bounce at the door: nothing more goes to it from any sequence.
                    touch.MarkBounced(sentAt);
                    plan.StopForAddress(enrolment, StopReason.Bounced, SuppressionReason.Bounced, sentAt);
                }
                else
                {
                    enrolment.Defer(sentAt.AddMinutes(options.Value.RetryAfterMinutes));
                }

                plan.Counts.Failed++;
                continue;
            }

            touch.MarkSent(sentAt);
            plan.AdvanceAfter(enrolment, sentAt);
            plan.Counts.Sent++;
        }

        await db.SaveChangesAsync(CancellationToken.None); // what was sent is recorded even when the job is being stopped
        await suppressions.AddAsync(plan.NewSuppressions, CancellationToken.None);
        return plan.Counts.ToSummary();
    }
}
