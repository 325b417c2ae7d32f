using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Domain.Common;

namespace PartnerForge.Infrastructure.Accounts.Import;

/// <summary>Published after every batch of an import and when it ends; the import page's progress bar listens.</summary>
public sealed record ImportProgressed(
    Guid TenantId,
    Guid ImportId,
    ImportJobState State,
    long RowsRead,
    long Errors,
    double RowsPerSecond,
    double Percent) : ITenantEvent
{
    public static ImportProgressed Of(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(job.TenantId, job.Id, job.State, job.RowsRead, job.Errors, job.RowsPerSecond, job.Percent);
    }
}
