using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using PartnerForge.Domain.Accounts;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts.Import;

/// <summary>
/// Writes new accounts (and their tags) fast, inside the context's current transaction, bypassing the change
/// tracker: a prepared INSERT on SQLite, binary COPY on PostgreSQL, SqlBulkCopy on SQL Server. Values are stored exactly as EF Core
/// stores them (SQLite: Guid as upper-case TEXT, DateTime as 'yyyy-MM-dd HH:mm:ss.FFFFFFF' TEXT), which
/// <c>CompanyBulkWriterTests</c> proves by reading the rows back through EF. Audit: these rows get one
/// summary entry per import (see <see cref="ImportRunner"/>), not one entry each.
/// </summary>
internal abstract class CompanyBulkWriter
{
    protected static readonly string[] CompanyColumns =
    [
        "Id", "TenantId", "Name", "SearchName", "Domain", "Industry", "Country", "EmployeeBand", "RevenueBand",
        "OwnerId", "Tier", "CreatedAtUtc", "UpdatedAtUtc", "ImportId",
    ];

    protected static readonly string[] TagColumns = ["Id", "TenantId", "CompanyId", "Tag", "NormalizedTag"];

    public static CompanyBulkWriter For(PartnerForgeDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsNpgsql() ? new PostgresCompanyBulkWriter()
            : db.Database.IsSqlite() ? new SqliteCompanyBulkWriter()
            : db.Database.IsSqlServer() ? new SqlServerCompanyBulkWriter()
            : throw new NotSupportedException($"CSV import has no bulk writer for {db.Database.ProviderName}.");
    }

    /// <summary>Inserts within <paramref name="db"/>'s current transaction (the caller begins and commits it).</summary>
    public abstract Task InsertAsync(PartnerForgeDbContext db, IReadOnlyList<Company> companies, IReadOnlyList<CompanyTag> tags, CancellationToken cancellationToken);

    protected static string Quote(string name) => "\"" + name + "\"";

    protected static DbTransaction CurrentTransaction(PartnerForgeDbContext db) =>
        db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Bulk writes run inside a transaction.");
}

internal sealed class SqliteCompanyBulkWriter : CompanyBulkWriter
{
    /// <summary>EF Core's SQLite format for DateTime (SqliteDateTimeTypeMapping).</summary>
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    public static string Text(Guid id) => id.ToString().ToUpperInvariant();

    public static string Text(DateTime value) => value.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public override Task InsertAsync(PartnerForgeDbContext db, IReadOnlyList<Company> companies, IReadOnlyList<CompanyTag> tags, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)CurrentTransaction(db);
        using (var insert = Prepare(connection, transaction, "Companies", CompanyColumns))
        {
            var p = insert.Parameters;
            foreach (var c in companies)
            {
                p[0].Value = Text(c.Id);
                p[1].Value = Text(c.TenantId);
                p[2].Value = c.Name;
                p[3].Value = c.SearchName;
                p[4].Value = c.Domain;
                p[5].Value = (object?)c.Industry ?? DBNull.Value;
                p[6].Value = (object?)c.Country ?? DBNull.Value;
                p[7].Value = (object?)c.EmployeeBand ?? DBNull.Value;
                p[8].Value = (object?)c.RevenueBand ?? DBNull.Value;
                p[9].Value = c.OwnerId is { } owner ? Text(owner) : DBNull.Value;
                p[10].Value = c.Tier is { } tier ? (long)tier : DBNull.Value;
                p[11].Value = Text(c.CreatedAtUtc);
                p[12].Value = Text(c.UpdatedAtUtc);
                p[13].Value = c.ImportId is { } import ? Text(import) : DBNull.Value;
                insert.ExecuteNonQuery();
            }
        }

        if (tags.Count > 0)
        {
            using var insertTag = Prepare(connection, transaction, "CompanyTags", TagColumns);
            var p = insertTag.Parameters;
            foreach (var t in tags)
            {
                p[0].Value = Text(t.Id);
                p[1].Value = Text(t.TenantId);
                p[2].Value = Text(t.CompanyId);
                p[3].Value = t.Tag;
                p[4].Value = t.NormalizedTag;
                insertTag.ExecuteNonQuery();
            }
        }

        return Task.CompletedTask;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // table and column names are constants of this class
        command.CommandText = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
#pragma warning restore CA2100
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null));
        }

        command.Prepare();
        return command;
    }
}

internal sealed class PostgresCompanyBulkWriter : CompanyBulkWriter
{
    public override async Task InsertAsync(PartnerForgeDbContext db, IReadOnlyList<Company> companies, IReadOnlyList<CompanyTag> tags, CancellationToken cancellationToken)
    {
        _ = CurrentTransaction(db);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var copy = await connection.BeginBinaryImportAsync(CopyCommand("Companies", CompanyColumns), cancellationToken))
        {
            foreach (var c in companies)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(c.TenantId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(c.Name, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(c.SearchName, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(c.Domain, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(copy, c.Industry, cancellationToken);
                await WriteNullableAsync(copy, c.Country, cancellationToken);
                await WriteNullableAsync(copy, c.EmployeeBand, cancellationToken);
                await WriteNullableAsync(copy, c.RevenueBand, cancellationToken);
                await WriteNullableAsync(copy, c.OwnerId, cancellationToken);
                if (c.Tier is { } tier)
                {
                    await copy.WriteAsync((int)tier, NpgsqlDbType.Integer, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }

                await copy.WriteAsync(c.CreatedAtUtc, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(c.UpdatedAtUtc, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteNullableAsync(copy, c.ImportId, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        if (tags.Count > 0)
        {
            await using var copy = await connection.BeginBinaryImportAsync(CopyCommand("CompanyTags", TagColumns), cancellationToken);
            foreach (var t in tags)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(t.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(t.TenantId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(t.CompanyId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(t.Tag, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(t.NormalizedTag, NpgsqlDbType.Varchar, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }

    private static string CopyCommand(string table, string[] columns) =>
        $"COPY {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)";

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, Guid? value, CancellationToken cancellationToken)
    {
        if (value is { } id)
        {
            await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
        }
        else
        {
            await copy.WriteNullAsync(cancellationToken);
        }
    }
}
