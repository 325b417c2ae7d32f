using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Health;

/// <summary>
/// When a write last failed because storage was full (or read-only). A full disk is seldom all-or-nothing (a small
/// write can still fit where a larger one fails), so it stays "full" for a while after the last such failure, or
/// until a check of the disk itself finds room again. <c>/health/ready</c> reports it.
/// </summary>
public sealed class StorageState(TimeProvider time)
{
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(1);

    private long _lastFullTicks;

    public DateTimeOffset? LastFullAt => Interlocked.Read(ref _lastFullTicks) is var t and not 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    public bool IsFull => LastFullAt is { } at && time.GetUtcNow() - at < Memory;

    public void ReportFull() => Interlocked.Exchange(ref _lastFullTicks, time.GetUtcNow().UtcTicks);

    public void ReportWritable() => Interlocked.Exchange(ref _lastFullTicks, 0);
}

/// <summary>Feeds <see cref="StorageState"/> from every EF write and every raw command (bulk imports).</summary>
internal sealed class StorageStateInterceptor(StorageState state) : SaveChangesInterceptor, IDbCommandInterceptor
{
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Observe(eventData.Exception);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Observe(eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    private void Observe(Exception exception)
    {
        if (DatabaseErrors.IsStorageFull(exception))
        {
            state.ReportFull();
        }
    }
}
