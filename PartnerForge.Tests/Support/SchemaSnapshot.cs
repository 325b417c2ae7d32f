using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace PartnerForge.Tests.Support;

/// <summary>
/// What a database really holds: tables and columns (type, nullability, default), indexes (columns,
/// uniqueness) and foreign keys (columns, target, delete rule), as sorted lines that compare as text.
/// </summary>
internal static class SchemaSnapshot
{
    private const string History = "__EFMigrationsHistory";

    public static async Task<IReadOnlyList<string>> ReadAsync(DbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var lines = db.Database.IsSqlite() ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
            return lines.Order(StringComparer.Ordinal).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string>> ReadSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        lines.AddRange(await QueryAsync(connection, $"""
            SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || ' notnull=' || p."notnull" || ' default=' || ifnull(p.dflt_value, '') || ' pk=' || p.pk
            FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN ('{History}', '__EFMigrationsLock')
            """));
        lines.AddRange(await QueryAsync(connection, $"""
            SELECT 'index ' || m.name || ' ' || il.name || ' unique=' || il."unique" || ' (' ||
                   (SELECT group_concat(ii.name, ',') FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno) ii) || ')'
            FROM sqlite_master m JOIN pragma_index_list(m.name) il
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN ('{History}', '__EFMigrationsLock')
            """));
        lines.AddRange(await QueryAsync(connection, $"""
            SELECT 'fk ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' on delete ' || f.on_delete
            FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' AND m.name NOT IN ('{History}', '__EFMigrationsLock')
            """));
        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        lines.AddRange(await QueryAsync(connection, $"""
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || '(' || coalesce(character_maximum_length::text, '') || ')'
                   || ' nullable=' || is_nullable || ' default=' || coalesce(column_default, '') || ' identity=' || is_identity
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '{History}'
            """));
        lines.AddRange(await QueryAsync(connection, $"""
            SELECT 'index ' || tablename || ' ' || indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '{History}'
            """));
        lines.AddRange(await QueryAsync(connection, $"""
            SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"{History}"'
            """));
        return lines;
    }

    private static async Task<List<string>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
