using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Health;

/// <summary>
/// Ready when the database answers, every migration is applied and it can take writes: with SQLite the data
/// folder's disk has room (Database:MinFreeMegabytes); on any provider no write failed for lack of storage in
/// the last minute.
/// </summary>
internal sealed class DatabaseReadyHealthCheck(IDbContextFactory<PartnerForgeDbContext> contexts, StorageState storage, IOptions<DatabaseOptions> options, IHostEnvironment environment) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                return HealthCheckResult.Unhealthy($"Pending migrations: {string.Join(", ", pending)}");
            }

            if (db.Database.IsSqlite())
            {
                var folder = Path.GetDirectoryName(options.Value.SqlitePath(environment.ContentRootPath))!;
                var free = new DriveInfo(folder).AvailableFreeSpace;
                if (free < options.Value.MinFreeMegabytes * 1024L * 1024L)
                {
                    return HealthCheckResult.Unhealthy($"The database is not writable: its disk has {free / 1024:N0} KB free (at least {options.Value.MinFreeMegabytes} MB needed).");
                }

                storage.ReportWritable(); // the disk has room again
            }

            if (storage.IsFull)
            {
                return HealthCheckResult.Unhealthy($"The database is not writable: a write failed for lack of storage at {storage.LastFullAt:u}.");
            }

            return HealthCheckResult.Healthy($"{db.Database.ProviderName}: all migrations applied; writable.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database check failed.", ex);
        }
    }
}
