using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Outreach;

public enum StepKind
{
    Email = 0,

    /// <summary>Wait some business days before the next step.</summary>
    Wait = 1,

    /// <summary>Something the rep does by hand (a call, a LinkedIn message); it becomes a task and the sequence goes on.</summary>
    Task = 2,
}

public enum TaskKind
{
    Call = 0,
    LinkedIn = 1,
    Other = 2,
}

/// <summary>When a step runs; a step whose condition is not met is skipped and the sequence goes on.</summary>
public enum StepCondition
{
    Always = 0,

    /// <summary>Only if no e-mail of this enrolment has been opened yet.</summary>
    IfNotOpened = 1,

    /// <summary>Only if nothing of this enrolment has been clicked or replied to (a reply also ends the enrolment).</summary>
    IfNotReplied = 2,
}

public enum SequenceState
{
    Active = 0,
    Archived = 1,
}

/// <summary>One step of a sequence, in order; what it holds depends on its <see cref="Kind"/>.</summary>
public sealed record SequenceStep(StepKind Kind, StepCondition Condition, string? Subject, string? Body, int WaitDays, TaskKind? Task, string? Note)
{
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 20_000;
    public const int MaxNoteLength = 500;
    public const int MaxWaitDays = 60;
}

/// <summary>
/// An outreach sequence: ordered steps (e-mails, waits, manual tasks) that enrolled contacts go through, sent from the
/// owner's mailbox inside <see cref="Window"/> in each contact's time zone.
/// </summary>
public sealed class Sequence : TenantOwnedEntity
{
    public const int MaxNameLength = 120;
    public const int MaxSteps = 20;

    private readonly List<SequenceStep> steps = [];

    private Sequence()
    {
        Name = string.Empty;
    }

    public Sequence(string name, Guid ownerId, SendWindow window, IEnumerable<SequenceStep> steps, DateTime nowUtc)
    {
        Name = name;
        OwnerId = ownerId;
        CreatedAtUtc = nowUtc;
        Update(name, ownerId, window, steps, nowUtc);
    }

    public string Name { get; private set; }

    /// <summary>The user whose mailbox sends the e-mails and who gets the tasks.</summary>
    public Guid OwnerId { get; private set; }

    public TimeOnly WindowStart { get; private set; }

    public TimeOnly WindowEnd { get; private set; }

    public SendWindow Window => new(WindowStart, WindowEnd);

    public SequenceState State { get; private set; }

    public IReadOnlyList<SequenceStep> Steps => steps;

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public void Update(string name, Guid ownerId, SendWindow window, IEnumerable<SequenceStep> newSteps, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(newSteps);
        Name = name;
        OwnerId = ownerId;
        WindowStart = window.Start;
        WindowEnd = window.End;
        steps.Clear();
        steps.AddRange(newSteps);
        UpdatedAtUtc = nowUtc;
    }

    public void Archive(DateTime nowUtc)
    {
        State = SequenceState.Archived;
        UpdatedAtUtc = nowUtc;
    }

    public void Restore(DateTime nowUtc)
    {
        State = SequenceState.Active;
        UpdatedAtUtc = nowUtc;
    }
}
