using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Persistence.Seeding;

namespace PartnerForge.Infrastructure.Persistence;

/// <summary>
/// Runs before the web server starts: checks the database file, applies migrations, turns on WAL for SQLite,
/// and seeds the demo workspace into an empty database when configured to.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    IOptions<DemoOptions> demo,
    IHostEnvironment environment,
    IConfiguration configuration,
    ILogger<DatabaseInitializer> logger) : IHostedLifecycleService, IAsyncDisposable
{
    private IAsyncDisposable? startupLock;

    /// <summary>
    /// Nodes started together take turns through the whole start-up (this service's migrate-and-seed and every
    /// other hosted service's first database work, e.g. the technology catalogue): the lock is taken before any
    /// hosted service starts and let go once all have started, so the next node finds the work done.
    /// </summary>
    public async Task StartingAsync(CancellationToken cancellationToken) =>
        startupLock = await StartupLock.AcquireAsync(options.Value, cancellationToken);

    public Task StartedAsync(CancellationToken cancellationToken) => ReleaseLockAsync();

    public Task StoppingAsync(CancellationToken cancellationToken) => ReleaseLockAsync();

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A start that failed part-way still lets the lock go when the host is disposed.</summary>
    public async ValueTask DisposeAsync() => await ReleaseLockAsync();

    private async Task ReleaseLockAsync()
    {
        if (Interlocked.Exchange(ref startupLock, null) is { } held)
        {
            await held.DisposeAsync();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var db = options.Value;
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var path = db.SqlitePath(environment.ContentRootPath);
            var isNew = SqliteFileGuard.Check(path, db.CreateIfMissing);
            LogDatabase(logger, "SQLite", isNew ? $"{path} (new)" : path);
            LogSingleNode(logger);
        }
        else
        {
            LogDatabase(logger, db.Provider == DatabaseProvider.SqlServer ? "SQL Server" : "PostgreSQL",
                db.Provider == DatabaseProvider.SqlServer ? "ConnectionStrings:SqlServer" : "ConnectionStrings:PostgreSQL");
        }

        await using var scope = scopes.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>();
        await using (var context = await factory.CreateDbContextAsync(cancellationToken))
        {
            try
            {
                // A database made by the hand-written migrations (before issue #14) gets the generated baseline
                // recorded as applied first, so Migrate() applies only what came after it.
                if (await LegacyMigrationHistory.AdoptAsync(context, cancellationToken) == LegacyMigrationHistory.Outcome.BaselineRecorded)
                {
                    LogBaselineAdopted(logger, LegacyMigrationHistory.LastHandWritten);
                }

                await context.Database.MigrateAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not DatabaseStartupException)
            {
                throw new DatabaseStartupException($"Cannot migrate the {db.Provider} database: {ex.Message}", ex);
            }

            if (db.Provider == DatabaseProvider.Sqlite)
            {
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                // Refresh the query planner's statistics where they are stale (cheap; SQLite decides).
                await context.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
                SqliteFileGuard.WriteMarker(db.SqlitePath(environment.ContentRootPath));
            }

            if (configuration[LegacyKeysDirectorySetting] is { Length: > 0 } keys
                && await LegacyKeyImport.ImportAsync(context, Path.Combine(environment.ContentRootPath, keys), cancellationToken) is > 0 and var imported)
            {
                LogKeysImported(logger, imported, keys);
            }
        }

        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        if (demo.Value.Seed)
        {
            if (await seeder.SeedIfEmptyAsync(cancellationToken) && demo.Value.SampleIcp)
            {
                await DemoIcp.ApplyAsync(scopes, cancellationToken);
            }
        }
        else
        {
            await seeder.EnsureRolesAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Where Data Protection keys were kept before they moved into the database (imported once).</summary>
    public const string LegacyKeysDirectorySetting = "DataProtection:KeysDirectory";

    [LoggerMessage(Level = LogLevel.Information, Message = "Data Protection: copied {Count} keys from {Directory} into the database (keys live in the database now)")]
    private static partial void LogKeysImported(ILogger logger, int count, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database: made by the hand-written migrations (at {LastHandWritten}); the generated baseline is now recorded as applied")]
    private static partial void LogBaselineAdopted(ILogger logger, string lastHandWritten);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite runs as one node: live events stay in this process (use PostgreSQL for several nodes)")]
    private static partial void LogSingleNode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Provider} at {Location}")]
    private static partial void LogDatabase(ILogger logger, string provider, string location);
}
