using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Crm;

/// <summary>One sync of a connection: its counts per outcome, the CRM API calls it used, when it ran.</summary>
public sealed class SyncRun : TenantOwnedEntity
{
    private SyncRun()
    {
    }

    public SyncRun(Guid connectionId, SyncRunKind kind, Guid? retryOfRunId, DateTime nowUtc)
    {
        ConnectionId = connectionId;
        Kind = kind;
        RetryOfRunId = retryOfRunId;
        QueuedAtUtc = nowUtc;
        State = SyncRunState.Queued;
    }

    public Guid ConnectionId { get; private set; }

    public SyncRunKind Kind { get; private set; }

    /// <summary>For a retry: the run whose failed records it tries again.</summary>
    public Guid? RetryOfRunId { get; private set; }

    public SyncRunState State { get; private set; }

    public DateTime QueuedAtUtc { get; private set; }

    public DateTime? StartedAtUtc { get; private set; }

    public DateTime? FinishedAtUtc { get; private set; }

    public int Created { get; private set; }

    public int Updated { get; private set; }

    public int Unchanged { get; private set; }

    public int Deleted { get; private set; }

    public int Merged { get; private set; }

    public int Failed { get; private set; }

    public int Skipped { get; private set; }

    public int Pushed { get; private set; }

    /// <summary>Requests made to the CRM's API (retries after a 429 count too).</summary>
    public int ApiCalls { get; private set; }

    /// <summary>Why the run stopped, when it did (<see cref="SyncRunState.Failed"/>).</summary>
    public string? Error { get; private set; }

    public int Processed => Created + Updated + Unchanged + Deleted + Merged + Failed + Skipped + Pushed;

    public bool IsFinished => State is SyncRunState.Succeeded or SyncRunState.PartlyFailed or SyncRunState.Failed;

    public void Start(DateTime nowUtc)
    {
        if (State != SyncRunState.Queued)
        {
            throw new InvalidOperationException($"A run that is {State} cannot start.");
        }

        State = SyncRunState.Running;
        StartedAtUtc = nowUtc;
    }

    public void Count(SyncOutcome outcome, int howMany = 1)
    {
        switch (outcome)
        {
            case SyncOutcome.Created: Created += howMany; break;
            case SyncOutcome.Updated: Updated += howMany; break;
            case SyncOutcome.Unchanged: Unchanged += howMany; break;
            case SyncOutcome.Deleted: Deleted += howMany; break;
            case SyncOutcome.Merged: Merged += howMany; break;
            case SyncOutcome.Failed: Failed += howMany; break;
            case SyncOutcome.Skipped: Skipped += howMany; break;
            case SyncOutcome.Pushed: Pushed += howMany; break;
            default: throw new ArgumentOutOfRangeException(nameof(outcome));
        }
    }

    public void UsedCalls(int calls) => ApiCalls = Math.Max(ApiCalls, calls);

    /// <summary>Finished: succeeded, or partly failed when any record failed.</summary>
    public void Finish(DateTime nowUtc)
    {
        EnsureRunning();
        State = Failed > 0 ? SyncRunState.PartlyFailed : SyncRunState.Succeeded;
        FinishedAtUtc = nowUtc;
    }

    /// <summary>
    /// The app stopped while it ran: back in the queue, so the recovered job takes it again (records done so far stay
    /// done; they are found through their links the second time).
    /// </summary>
    public void Requeue()
    {
        EnsureRunning();
        State = SyncRunState.Queued;
    }

    /// <summary>Stopped before the end (the records done so far stay done).</summary>
    public void Abort(string error, DateTime nowUtc)
    {
        if (IsFinished)
        {
            return;
        }

        State = SyncRunState.Failed;
        Error = CrmConnection.Truncate(error, CrmConnection.MaxErrorLength);
        FinishedAtUtc = nowUtc;
    }

    private void EnsureRunning()
    {
        if (State != SyncRunState.Running)
        {
            throw new InvalidOperationException($"A run that is {State} cannot finish.");
        }
    }
}

/// <summary>What happened to one record in one run, with the error when it failed.</summary>
public sealed class SyncRecord : TenantOwnedEntity
{
    public const int MaxErrorLength = 1000;

    private SyncRecord()
    {
        CrmId = string.Empty;
    }

    public SyncRecord(Guid runId, CrmObjectKind kind, SyncDirection direction, string crmId, Guid? recordId, SyncOutcome outcome, string? error, DateTime nowUtc)
        : this()
    {
        RunId = runId;
        ObjectKind = kind;
        Direction = direction;
        CrmId = crmId;
        RecordId = recordId;
        Outcome = outcome;
        Error = CrmConnection.Truncate(error, MaxErrorLength);
        AtUtc = nowUtc;
    }

    public Guid RunId { get; private set; }

    public CrmObjectKind ObjectKind { get; private set; }

    public SyncDirection Direction { get; private set; }

    /// <summary>The CRM's id (empty for a push of a record that is not in the CRM yet).</summary>
    public string CrmId { get; private set; }

    /// <summary>Our record, when there is one.</summary>
    public Guid? RecordId { get; private set; }

    public SyncOutcome Outcome { get; private set; }

    public string? Error { get; private set; }

    public DateTime AtUtc { get; private set; }
}
