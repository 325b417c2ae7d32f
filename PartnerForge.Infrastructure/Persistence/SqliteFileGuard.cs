using Microsoft.Data.Sqlite;

namespace PartnerForge.Infrastructure.Persistence;

/// <summary>
/// Checks the SQLite file before anything touches it: a missing file in a data folder that held one, or a
/// file that is not a readable SQLite database, stops start-up with a clear message. Nothing is overwritten.
/// </summary>
internal static class SqliteFileGuard
{
    /// <summary>Returns true when the database file is new (created now, needs migrating and seeding).</summary>
    public static bool Check(string path, bool createIfMissing)
    {
        var directory = Path.GetDirectoryName(path)!;
        var marker = MarkerPath(path);
        if (!File.Exists(path))
        {
            if (File.Exists(marker))
            {
                throw new DatabaseStartupException(
                    $"The database file {path} is missing, but this data folder already held a PartnerForge database " +
                    $"(see {marker}). PartnerForge will not create an empty database in its place. Restore the file from a " +
                    "backup, or delete the marker file to start a new, empty workspace.");
            }

            if (!createIfMissing)
            {
                throw new DatabaseStartupException(
                    $"The database file {path} does not exist and Database:CreateIfMissing is false.");
            }

            try
            {
                Directory.CreateDirectory(directory);
                using var create = new SqliteConnection(DatabaseProviderSetup.SqliteConnectionString(path, create: true));
                create.Open();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
            {
                throw new DatabaseStartupException($"Cannot create the database file {path}: {ex.Message}", ex);
            }

            return true;
        }

        EnsureWritable(directory, path);
        try
        {
            using var connection = new SqliteConnection(DatabaseProviderSetup.SqliteConnectionString(path, create: false));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check;";
            var result = command.ExecuteScalar() as string;
            if (!string.Equals(result, "ok", StringComparison.OrdinalIgnoreCase))
            {
                throw new DatabaseStartupException(
                    $"The database file {path} failed its integrity check ({result}). PartnerForge will not modify it. " +
                    "Restore it from a backup or move it aside to start a new workspace.");
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqlitePermission or SqliteReadOnly or SqliteCantOpen)
        {
            throw NotWritable(directory, ex.Message, ex);
        }
        catch (SqliteException ex)
        {
            throw new DatabaseStartupException(
                $"The database file {path} cannot be opened as a SQLite database ({ex.Message}). It may be corrupt or " +
                "not a database at all. PartnerForge has left it untouched: restore it from a backup, or move it aside " +
                "to start a new workspace.", ex);
        }

        return false;
    }

    private const int SqlitePermission = 3, SqliteReadOnly = 8, SqliteCantOpen = 14;

    /// <summary>
    /// SQLite in WAL mode writes beside the database (the -wal and -shm files), so both the folder and the file
    /// must be writable. A read-only folder is said to be one, not mistaken for a damaged database.
    /// </summary>
    private static void EnsureWritable(string directory, string path)
    {
        var probe = Path.Combine(directory, $".write-check-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable(directory, ex.Message, ex);
        }
    }

    private static DatabaseStartupException NotWritable(string directory, string reason, Exception inner) =>
        new($"The data folder {directory} or the database file in it is not writable ({reason}). PartnerForge writes its " +
            "database there: give the user that runs it write access to the folder and its files, or point " +
            "Database:DataDirectory at a writable folder. The database has not been changed.", inner);

    /// <summary>Written once the database is migrated, so a later missing file is noticed.</summary>
    public static void WriteMarker(string path) =>
        File.WriteAllText(MarkerPath(path), $"PartnerForge database {Path.GetFileName(path)} created here. Do not delete while the database exists.\n");

    public static string MarkerPath(string path) => path + ".marker";
}
