using System.Net;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>Counters of one pass, as a <see cref="DispatchSummary"/> at the end.</summary>
internal sealed class DispatchCounts
{
    public int Sent;
    public int Failed;
    public int Deferred;
    public int Tasks;
    public int Skipped;
    public int Stopped;

    public DispatchSummary ToSummary() => new(Sent, Failed, Deferred, Tasks, Skipped, Stopped);
}

/// <summary>
/// The decisions of one dispatch pass, enrolment by enrolment: what each due step does now (send, defer to the next slot,
/// make a task, skip on its condition, stop) and the e-mails to hand to SMTP. Reads only the loaded batch.
/// </summary>
internal sealed class DispatchPlan(DispatchBatch batch, OutreachLinks links, OutreachOptions options, DateTime nowUtc)
{
    public List<OutgoingEmail> Outgoing { get; } = [];

    public List<(Touch Touch, Enrolment Enrolment)> Reserved { get; } = [];

    public DispatchCounts Counts { get; } = new();

    /// <summary>
    /// Decides the enrolment's due step; when that only moved it on (a wait that is over, a task, a step skipped on its
    /// condition) and the next step is due now, that one is decided in the same pass too, instead of in a pass of its own.
    /// </summary>
    public void Decide(Enrolment e)
    {
        for (var guard = 0; guard <= Sequence.MaxSteps; guard++)
        {
            var step = e.NextStep;
            DecideStep(e);
            if (e.NextStep == step || e.State != EnrolmentState.Active || e.NextDueUtc is not { } due || due > nowUtc)
            {
                return;
            }
        }
    }

    private void DecideStep(Enrolment e)
    {
        var sequence = batch.Sequences[e.SequenceId];
        var steps = sequence.Steps;
        if (e.NextStep >= steps.Count)
        {
            e.Advance(nowUtc, null, steps.Count); // the sequence lost steps since: this person is through it
            Counts.Skipped++;
            return;
        }

        var contact = batch.Contacts[e.ContactId];
        var step = steps[e.NextStep];
        switch (step.Kind)
        {
            case StepKind.Wait:
                AdvanceAfter(e, nowUtc); // the wait is over: the next step is due now (inside the window)
                Counts.Skipped++;
                break;
            case StepKind.Task:
                if (ConditionMet(e, step) && !batch.Touches.ContainsKey((e.Id, e.NextStep)))
                {
                    Add(e, StepKind.Task, TouchState.TaskOpen);
                    Counts.Tasks++;
                }

                AdvanceAfter(e, nowUtc);
                break;
            default:
                Email(e, sequence, step, contact);
                break;
        }
    }

    /// <summary>The step ran at <paramref name="atUtc"/>: on to the next one, due in the person's own calendar.</summary>
    public void AdvanceAfter(Enrolment e, DateTime atUtc)
    {
        var sequence = batch.Sequences[e.SequenceId];
        var contact = batch.Contacts[e.ContactId];
        var due = SendPlanner.DueUtc(sequence.Steps, e.NextStep + 1, atUtc, batch.Rules.For(contact.TimeZone, sequence.Window));
        e.Advance(atUtc, due, sequence.Steps.Count);
    }

    /// <summary>Ends the enrolment and puts the person's address on the suppression list.</summary>
    public void StopForAddress(Enrolment e, StopReason reason, SuppressionReason suppression, DateTime atUtc)
    {
        e.Stop(reason, atUtc);
        if (batch.Contacts[e.ContactId].Email is { } address && batch.Suppress(address))
        {
            NewSuppressions.Add(new SuppressedAddress(SuppressedAddress.Hash(batch.TenantId, address), suppression, atUtc));
        }
    }

    /// <summary>Suppression entries this pass found (saved apart, so a race on one never loses the record of what was sent).</summary>
    public List<SuppressedAddress> NewSuppressions { get; } = [];

    private void Email(Enrolment e, Sequence sequence, SequenceStep step, DispatchContact contact)
    {
        var existing = batch.Touches.GetValueOrDefault((e.Id, e.NextStep));
        if (existing?.State == TouchState.Sent)
        {
            AdvanceAfter(e, existing.SentAtUtc ?? nowUtc); // sent before a crash, not yet recorded on the enrolment
            Counts.Skipped++;
            return;
        }

        if (existing is null && !ConditionMet(e, step))
        {
            Add(e, StepKind.Email, TouchState.Skipped);
            AdvanceAfter(e, nowUtc);
            Counts.Skipped++;
            return;
        }

        if (contact.Email is null || contact.LawfulBasis == LawfulBasis.NotRecorded)
        {
            e.Stop(StopReason.NotContactable, nowUtc);
            Counts.Stopped++;
            return;
        }

        if (batch.IsSuppressed(contact.Email))
        {
            e.Stop(StopReason.Suppressed, nowUtc);
            Counts.Stopped++;
            return;
        }

        var context = batch.Rules.For(contact.TimeZone, sequence.Window);
        var mailbox = batch.Mailboxes.GetValueOrDefault(sequence.OwnerId);
        if (!SendCalendar.IsSendable(nowUtc, context.Zone, context.Window, context.Holidays))
        {
            Defer(e, SendCalendar.NextSlotUtc(nowUtc, context.Zone, context.Window, context.Holidays));
            return;
        }

        if (mailbox is not null && batch.SentToday(mailbox.Address) >= batch.Rules.DailyCapPerMailbox)
        {
            Defer(e, SendCalendar.NextSlotUtc(nowUtc.Date.AddDays(1), context.Zone, context.Window, context.Holidays));
            return;
        }

        Compose(e, step, contact, mailbox, existing);
    }

    private void Compose(Enrolment e, SequenceStep step, DispatchContact contact, Mailbox? mailbox, Touch? existing)
    {
        var account = batch.Accounts.GetValueOrDefault(e.CompanyId);
        var values = MergeTemplate.Values(contact.FullName, contact.Title, account?.Name ?? string.Empty, account?.Domain, account?.Technology, account?.Trigger, mailbox?.Name);
        var subject = MergeTemplate.Render(step.Subject ?? string.Empty, values);
        var body = MergeTemplate.Render(step.Body ?? string.Empty, values);
        var touch = existing ?? Add(e, StepKind.Email, TouchState.Sending);
        var problem = mailbox is null ? "The sequence's owner has no mailbox: choose another owner."
            : !links.CanLink ? "Outreach needs Smtp:PublicBaseUrl for its unsubscribe and tracking links."
            : subject.Missing.Concat(body.Missing).Distinct().ToList() is { Count: > 0 } missing
                ? $"{contact.FullName} has no value for {string.Join(", ", missing.Select(m => "{{" + m + "}}"))}: give it a fallback like {{{{{missing[0]} | …}}}} or fill it in, then resume."
                : null;
        if (problem is not null)
        {
            touch.MarkFailed(problem);
            e.Pause();
            Counts.Failed++;
            return;
        }

        var messageId = existing?.MessageId ?? OutreachMessageIds.For(touch.Id);
        touch.Address(mailbox!.Address, contact.Email!, subject.Text, messageId);
        var unsubscribe = links.Unsubscribe(batch.TenantId, touch.Id);
        var html = MergeTemplate.ToHtml(body.Text, url => links.Click(batch.TenantId, touch.Id, url))
            + $"<p style=\"color:#6b6b6b;font-size:12px\">If you would rather not hear from {WebUtility.HtmlEncode(mailbox.Name)} again, <a href=\"{WebUtility.HtmlEncode(unsubscribe)}\">unsubscribe</a>.</p>\n"
            + $"<img src=\"{WebUtility.HtmlEncode(links.Open(batch.TenantId, touch.Id))}\" width=\"1\" height=\"1\" alt=\"\">";
        var text = $"{body.Text}\n\n--\nIf you would rather not hear from {mailbox.Name} again: {unsubscribe}";
        Outgoing.Add(new OutgoingEmail(touch.Id, mailbox.Name, mailbox.Address, contact.Email!, options.ReplyTo, subject.Text, text, html, messageId, unsubscribe) { DateUtc = nowUtc });
        Reserved.Add((touch, e));
        batch.CountSend(mailbox.Address);
    }

    private bool ConditionMet(Enrolment e, SequenceStep step) => step.Condition switch
    {
        StepCondition.IfNotOpened => !batch.Opened.Contains(e.Id),
        StepCondition.IfNotReplied => !batch.Engaged.Contains(e.Id),
        _ => true,
    };

    private void Defer(Enrolment e, DateTime dueUtc)
    {
        e.Defer(dueUtc);
        Counts.Deferred++;
    }

    private Touch Add(Enrolment e, StepKind kind, TouchState state)
    {
        var touch = new Touch(e, e.NextStep, kind, state, nowUtc);
        batch.Db.Touches.Add(touch);
        batch.Touches[(e.Id, e.NextStep)] = touch;
        return touch;
    }
}
