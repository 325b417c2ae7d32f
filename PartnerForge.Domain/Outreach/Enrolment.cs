using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Outreach;

public enum EnrolmentState
{
    Active = 0,
    Paused = 1,

    /// <summary>Went through every step.</summary>
    Finished = 2,

    /// <summary>Ended early; <see cref="Enrolment.StopReason"/> says why.</summary>
    Stopped = 3,
}

public enum StopReason
{
    /// <summary>A rep ended it.</summary>
    Manual = 0,
    Replied = 1,
    Bounced = 2,
    Unsubscribed = 3,

    /// <summary>The address is on the workspace's suppression list.</summary>
    Suppressed = 4,

    /// <summary>The contact has no e-mail address, or no lawful basis recorded, for an e-mail step.</summary>
    NotContactable = 5,

    /// <summary>The contact was removed or erased.</summary>
    ContactRemoved = 6,
}

/// <summary>A contact going through a sequence: the next step and when it is due (UTC, already inside the send window).</summary>
public sealed class Enrolment : TenantOwnedEntity
{
    private Enrolment()
    {
    }

    public Enrolment(Guid sequenceId, Guid contactId, Guid companyId, Guid? enrolledById, DateTime dueUtc, DateTime nowUtc)
    {
        SequenceId = sequenceId;
        ContactId = contactId;
        CompanyId = companyId;
        EnrolledById = enrolledById;
        EnrolledAtUtc = nowUtc;
        NextDueUtc = dueUtc;
    }

    public Guid SequenceId { get; private set; }

    public Guid ContactId { get; private set; }

    public Guid CompanyId { get; private set; }

    public Guid? EnrolledById { get; private set; }

    public EnrolmentState State { get; private set; }

    public StopReason? StopReason { get; private set; }

    /// <summary>The index of the next step in the sequence's steps.</summary>
    public int NextStep { get; private set; }

    /// <summary>When the next step is due; null once the enrolment ended or while it is paused.</summary>
    public DateTime? NextDueUtc { get; private set; }

    /// <summary>When the last step ran (waits count from it).</summary>
    public DateTime? LastStepAtUtc { get; private set; }

    public DateTime EnrolledAtUtc { get; private set; }

    public DateTime? EndedAtUtc { get; private set; }

    public bool IsOpen => State is EnrolmentState.Active or EnrolmentState.Paused;

    /// <summary>
    /// The step at <see cref="NextStep"/> ran (or was skipped) at <paramref name="atUtc"/>; the next one is due at <paramref name="nextDueUtc"/>.
    /// Only an active enrolment gets a due time or finishes: a paused one stays paused, an ended one keeps how it ended.
    /// </summary>
    public void Advance(DateTime atUtc, DateTime? nextDueUtc, int stepCount)
    {
        NextStep++;
        LastStepAtUtc = atUtc;
        if (State != EnrolmentState.Active)
        {
            return;
        }

        if (NextStep >= stepCount)
        {
            State = EnrolmentState.Finished;
            NextDueUtc = null;
            EndedAtUtc = atUtc;
        }
        else
        {
            NextDueUtc = nextDueUtc;
        }
    }

    /// <summary>The next step waits until <paramref name="dueUtc"/> (outside the window, over the day's cap).</summary>
    public void Defer(DateTime dueUtc)
    {
        if (State == EnrolmentState.Active)
        {
            NextDueUtc = dueUtc;
        }
    }

    public void Pause()
    {
        if (State == EnrolmentState.Active)
        {
            State = EnrolmentState.Paused;
            NextDueUtc = null;
        }
    }

    public void Resume(DateTime dueUtc)
    {
        if (State == EnrolmentState.Paused)
        {
            State = EnrolmentState.Active;
            NextDueUtc = dueUtc;
        }
    }

    public void Stop(StopReason reason, DateTime nowUtc)
    {
        if (!IsOpen)
        {
            return;
        }

        State = EnrolmentState.Stopped;
        StopReason = reason;
        NextDueUtc = null;
        EndedAtUtc = nowUtc;
    }
}
