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
        catch (SqliteException ex)
        {
            throw new DatabaseStartupException(
                $"The database file {path} cannot be opened as a SQLite database ({ex.Message}). It may be corrupt or " +
                "not a database at all. PartnerForge has left it untouched: restore it from a backup, or move it aside " +
                "to start a new workspace.", ex);
        }

        return false;
    }

    /// <summary>Written once the database is migrated, so a later missing file is noticed.</summary>
    public static void WriteMarker(string path) =>
        File.WriteAllText(MarkerPath(path), $"PartnerForge database {Path.GetFileName(path)} created here. Do not delete while the database exists.\n");

    public static string MarkerPath(string path) => path + ".marker";
}
