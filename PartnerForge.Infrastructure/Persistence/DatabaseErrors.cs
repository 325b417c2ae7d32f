using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PartnerForge.Infrastructure.Persistence;

/// <summary>
/// What a database or file-system error means, the same on SQLite and PostgreSQL: a unique key already taken
/// (someone else wrote the same row first), or storage that is full and cannot take a write.
/// </summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;     // SQLITE_CONSTRAINT
    private const int SqliteFull = 13;           // SQLITE_FULL: database or disk is full
    private const int SqliteReadOnly = 8;        // SQLITE_READONLY
    private const int NoSpaceLeft = 28;          // ENOSPC
    private const int DiskFullWin32 = 0x70;      // ERROR_DISK_FULL

    /// <summary>A unique index or primary key refused the row: another writer got there first.</summary>
    public static bool IsUniqueViolation(Exception exception) =>
        Chain(exception).Any(e => e switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase)
                                      || sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            _ => false,
        });

    /// <summary>The disk (or the database's size limit) is full, or the storage is read-only: no write can succeed now.</summary>
    public static bool IsStorageFull(Exception exception) =>
        Chain(exception).Any(e => e switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode is SqliteFull or SqliteReadOnly,
            PostgresException postgres => postgres.SqlState is PostgresErrorCodes.DiskFull or PostgresErrorCodes.InsufficientResources
                                          or PostgresErrorCodes.ReadOnlySqlTransaction,
            IOException io => (io.HResult & 0xFFFF) is NoSpaceLeft or DiskFullWin32,
            _ => false,
        });

    /// <summary>Any failure of the database itself (as opposed to a bug in our code).</summary>
    public static bool IsDatabaseError(Exception exception) => Chain(exception).Any(e => e is DbException);

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
