using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerForge.Infrastructure.Persistence;

/// <summary>The one place that chooses and configures the database provider.</summary>
public static class DatabaseProviderSetup
{
    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string contentRoot)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.PostgreSql:
                // A named data source: Npgsql's metrics label the pool with its name (else with the connection string).
                builder.UseNpgsql(options.PostgreSqlConnectionString, o => o.ConfigureDataSource(d => d.Name = "partnerforge"));
                break;
            default:
                builder.UseSqlite(SqliteConnectionString(options.SqlitePath(contentRoot), create: false));
                break;
        }

        // Migrations are hand-written (no EF Design package here), so there is no model snapshot to compare
        // with; MigrationSchemaTests prove migrations and model agree instead.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    public static string SqliteConnectionString(string path, bool create) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
}
