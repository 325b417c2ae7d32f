namespace PartnerForge.Domain.Administration;

public enum JobExecutionStatus
{
    Running = 0,
    Succeeded = 1,
    Failed = 2,
    Skipped = 3,
}

/// <summary>
/// One run of a scheduled job: which job, for which tenant (if any), when, how long, and how it ended.
/// System-wide (platform admins see every tenant's runs), so not tenant-owned.
/// </summary>
public sealed class JobExecution
{
    private JobExecution()
    {
        JobName = string.Empty;
        JobGroup = string.Empty;
        FireInstanceId = string.Empty;
    }

    public JobExecution(string jobName, string jobGroup, string fireInstanceId, Guid? tenantId, DateTime startedAtUtc)
        : this()
    {
        Id = Guid.NewGuid();
        JobName = jobName.Length > 200 ? jobName[..200] : jobName;
        JobGroup = jobGroup.Length > 200 ? jobGroup[..200] : jobGroup;
        FireInstanceId = fireInstanceId.Length > 200 ? fireInstanceId[..200] : fireInstanceId;
        TenantId = tenantId;
        StartedAtUtc = startedAtUtc;
        Status = JobExecutionStatus.Running;
    }

    public Guid Id { get; private set; }

    public string JobName { get; private set; }

    public string JobGroup { get; private set; }

    public string FireInstanceId { get; private set; }

    public Guid? TenantId { get; private set; }

    public DateTime StartedAtUtc { get; private set; }

    public DateTime? FinishedAtUtc { get; private set; }

    public long? DurationMs { get; private set; }

    public JobExecutionStatus Status { get; private set; }

    public string? Error { get; private set; }

    public void Finish(DateTime atUtc, TimeSpan duration, string? error)
    {
        FinishedAtUtc = atUtc;
        DurationMs = (long)duration.TotalMilliseconds;
        Status = error is null ? JobExecutionStatus.Succeeded : JobExecutionStatus.Failed;
        Error = error is { Length: > 4000 } ? error[..4000] : error;
    }

    public void Skip(DateTime atUtc, string reason)
    {
        FinishedAtUtc = atUtc;
        DurationMs = 0;
        Status = JobExecutionStatus.Skipped;
        Error = reason;
    }
}
