using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Outreach;

public enum TouchState
{
    /// <summary>Reserved for sending (the idempotency row); sent, or failed, next.</summary>
    Sending = 0,
    Sent = 1,
    Failed = 2,

    /// <summary>A manual task waiting for the rep.</summary>
    TaskOpen = 3,
    TaskDone = 4,

    /// <summary>The step's condition was not met.</summary>
    Skipped = 5,
}

/// <summary>
/// What one step of one enrolment did: the e-mail sent (and what the person did with it) or the task made. At most one per
/// enrolment and step (a unique key): the row is written before the e-mail leaves, so no step is ever sent twice.
/// </summary>
public sealed class Touch : TenantOwnedEntity
{
    private Touch()
    {
    }

    public Touch(Enrolment enrolment, int stepIndex, StepKind kind, TouchState state, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        EnrolmentId = enrolment.Id;
        SequenceId = enrolment.SequenceId;
        ContactId = enrolment.ContactId;
        CompanyId = enrolment.CompanyId;
        StepIndex = stepIndex;
        Kind = kind;
        State = state;
        CreatedAtUtc = nowUtc;
    }

    public Guid EnrolmentId { get; private set; }

    public Guid SequenceId { get; private set; }

    public Guid? ContactId { get; private set; }

    public Guid CompanyId { get; private set; }

    public int StepIndex { get; private set; }

    public StepKind Kind { get; private set; }

    public TouchState State { get; private set; }

    /// <summary>The sending mailbox (the sequence owner's address), for the daily cap.</summary>
    public string? Mailbox { get; private set; }

    public string? ToAddress { get; private set; }

    public string? Subject { get; private set; }

    /// <summary>The Message-ID (without angle brackets); replies and bounces name it.</summary>
    public string? MessageId { get; private set; }

    public string? Error { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    public DateTime? OpenedAtUtc { get; private set; }

    public DateTime? ClickedAtUtc { get; private set; }

    public DateTime? RepliedAtUtc { get; private set; }

    public DateTime? BouncedAtUtc { get; private set; }

    public DateTime? UnsubscribedAtUtc { get; private set; }

    public DateTime? CompletedAtUtc { get; private set; }

    public void Address(string mailbox, string to, string subject, string messageId)
    {
        Mailbox = mailbox;
        ToAddress = to;
        Subject = subject;
        MessageId = messageId;
    }

    public void MarkSent(DateTime atUtc)
    {
        State = TouchState.Sent;
        SentAtUtc = atUtc;
        Error = null;
    }

    public void MarkFailed(string error)
    {
        State = TouchState.Failed;
        Error = error.Length > 500 ? error[..500] : error;
    }

    /// <summary>First open only; returns whether this was it.</summary>
    public bool MarkOpened(DateTime atUtc) => First(OpenedAtUtc, atUtc, v => OpenedAtUtc = v);

    public bool MarkClicked(DateTime atUtc)
    {
        MarkOpened(atUtc);
        return First(ClickedAtUtc, atUtc, v => ClickedAtUtc = v);
    }

    public bool MarkReplied(DateTime atUtc) => First(RepliedAtUtc, atUtc, v => RepliedAtUtc = v);

    public bool MarkBounced(DateTime atUtc) => First(BouncedAtUtc, atUtc, v => BouncedAtUtc = v);

    public bool MarkUnsubscribed(DateTime atUtc) => First(UnsubscribedAtUtc, atUtc, v => UnsubscribedAtUtc = v);

    public void CompleteTask(DateTime atUtc)
    {
        State = TouchState.TaskDone;
        CompletedAtUtc = atUtc;
    }

    /// <summary>Erasure: the person's address and the subject (it may carry their name) are removed; the counts stay.</summary>
    public void Erase()
    {
        ToAddress = null;
        Subject = null;
        ContactId = null;
        Error = null;
    }

    private static bool First(DateTime? current, DateTime atUtc, Action<DateTime> set)
    {
        if (current is not null)
        {
            return false;
        }

        set(atUtc);
        return true;
    }
}
