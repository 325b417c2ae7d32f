using System.ComponentModel.DataAnnotations;

namespace PartnerForge.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>
/// Where the data lives. SQLite (a file under <see cref="DataDirectory"/>) unless
/// <c>ConnectionStrings:PostgreSQL</c> or <c>ConnectionStrings:SqlServer</c> is set (not both).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Folder for the SQLite file, relative to the app's content root unless absolute.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    [Required]
    [RegularExpression(@"^[A-Za-z0-9_.\-]+\.db$", ErrorMessage = "SqliteFileName must be a plain file name ending in .db")]
    public string SqliteFileName { get; set; } = "partnerforge.db";

    /// <summary>
    /// Create a new SQLite database when the file does not exist. Even when true, a file missing from a data
    /// folder that already held one is a start-up error, never a silent new database.
    /// </summary>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>With SQLite: below this much free space on the data folder's disk, /health/ready says the database is not writable.</summary>
    [Range(0, 1_000_000)]
    public int MinFreeMegabytes { get; set; } = 8;

    /// <summary>Filled from <c>ConnectionStrings:PostgreSQL</c>.</summary>
    public string? PostgreSqlConnectionString { get; set; }

    /// <summary>Filled from <c>ConnectionStrings:SqlServer</c>.</summary>
    public string? SqlServerConnectionString { get; set; }

    /// <summary>False when both server connection strings are set: the app refuses to guess.</summary>
    public bool HasOneProvider => string.IsNullOrWhiteSpace(PostgreSqlConnectionString) || string.IsNullOrWhiteSpace(SqlServerConnectionString);

    public DatabaseProvider Provider =>
        !string.IsNullOrWhiteSpace(PostgreSqlConnectionString) ? DatabaseProvider.PostgreSql
        : !string.IsNullOrWhiteSpace(SqlServerConnectionString) ? DatabaseProvider.SqlServer
        : DatabaseProvider.Sqlite;

    public string SqlitePath(string contentRoot) =>
        Path.GetFullPath(Path.Combine(Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.Combine(contentRoot, DataDirectory), SqliteFileName));
}
