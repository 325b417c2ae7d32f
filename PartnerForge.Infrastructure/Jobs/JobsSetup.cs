using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Persistence;
using Quartz;

namespace PartnerForge.Infrastructure.Jobs;

/// <summary>
/// Quartz with a persistent store, so scheduled and queued jobs survive a restart: a SQLite file beside the
/// app's database (embedded), or the PostgreSQL (or SQL Server) database with clustering (scale-out: each job fires once
/// across nodes, and a dead node's jobs are recovered). Quartz creates its own tables.
/// </summary>
internal static class JobsSetup
{
    public static void AddPartnerForgeJobs(this IServiceCollection services, DatabaseOptions database, string contentRoot)
    {
        services.Configure<QuartzOptions>(o =>
        {
            o.Properties["quartz.scheduler.instanceName"] = "PartnerForge";
            o.Properties["quartz.scheduler.instanceId"] = "AUTO";
        });
        services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = Math.Max(2, Environment.ProcessorCount * 2));
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                if (database.Provider == DatabaseProvider.PostgreSql)
                {
                    store.UsePostgres(database.PostgreSqlConnectionString!);
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(10));
                }
                else if (database.Provider == DatabaseProvider.SqlServer)
                {
                    // Not run here (no SQL Server on the build machines): the same shape as PostgreSQL.
                    store.UseSqlServer(database.SqlServerConnectionString!);
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(10));
                }
                else
                {
                    var path = Path.Combine(Path.GetDirectoryName(database.SqlitePath(contentRoot))!, "quartz.db");
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    store.UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString());
                }
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }
}
