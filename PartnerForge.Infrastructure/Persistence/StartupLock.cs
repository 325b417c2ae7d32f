using Microsoft.Data.SqlClient;
using Npgsql;

namespace PartnerForge.Infrastructure.Persistence;

/// <summary>
/// One node at a time through start-up's database work (adopting a legacy history, migrating, seeding): nodes started
/// together on one PostgreSQL or SQL Server database queue on a lock the database holds for them — a session-level
/// advisory lock (<c>pg_advisory_lock</c>) or an application lock (<c>sp_getapplock</c>) — and the second finds the
/// work done. Released when disposed or when the node's connection ends (a killed node cannot keep it). SQLite is
/// one node by design and takes no lock.
/// </summary>
internal static class StartupLock
{
    /// <summary>The advisory-lock key: the first eight bytes of "PFstartu" read as a number, fixed for every version.</summary>
    public const long PostgresKey = 0x5046_7374_6172_7475;

    public const string SqlServerResource = "PartnerForge.Startup";

    public static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);

    public static async Task<IAsyncDisposable> AcquireAsync(DatabaseOptions options, CancellationToken cancellationToken) =>
        options.Provider switch
        {
            DatabaseProvider.PostgreSql => await PostgresAsync(options.PostgreSqlConnectionString!, cancellationToken),
            DatabaseProvider.SqlServer => await SqlServerAsync(options.SqlServerConnectionString!, cancellationToken),
            _ => NoLock.Instance,
        };

    private static async Task<IAsyncDisposable> PostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = (int)Wait.TotalSeconds };
            command.Parameters.AddWithValue("key", PostgresKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new Held(connection, "SELECT pg_advisory_unlock(" + PostgresKey + ")");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<IAsyncDisposable> SqlServerAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new SqlCommand(SqlServerAcquire, connection) { CommandTimeout = (int)Wait.TotalSeconds + 30 };
            command.Parameters.AddWithValue("@timeout", (int)Wait.TotalMilliseconds);
            var result = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (result < 0)
            {
                throw new DatabaseStartupException($"Another node held the start-up lock for more than {Wait.TotalMinutes:0} minutes (sp_getapplock returned {result}).");
            }

            return new Held(connection, SqlServerRelease);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>T-SQL taking the session-owned application lock; checked by <c>ProviderSqlTests</c> with ScriptDom.</summary>
    public const string SqlServerAcquire =
        "DECLARE @result int; EXEC @result = sp_getapplock @Resource = N'" + SqlServerResource + "', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = @timeout; SELECT @result;";

    public const string SqlServerRelease =
        "EXEC sp_releaseapplock @Resource = N'" + SqlServerResource + "', @LockOwner = N'Session';";

    private sealed class Held(System.Data.Common.DbConnection connection, string release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = release;
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync(); // ending the session releases the lock in any case
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
