using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerForge.Infrastructure.Persistence;

/// <summary>
/// Every SQLite connection runs with <c>secure_delete = FAST</c>: when a row is deleted or rewritten by an update, its
/// old bytes in the page are overwritten with zeros at no extra I/O. Without it, an update leaves the row's earlier
/// version readable in the page's free space, and an erased person's address could still be read from the file.
/// (Erasure itself turns it fully on, so freed pages are cleared as well.)
/// </summary>
internal sealed class SqliteSecureDeleteInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteSecureDeleteInterceptor Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Command(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = FAST;";
        return command;
    }
}
