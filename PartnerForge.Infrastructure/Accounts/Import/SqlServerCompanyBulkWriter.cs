using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts.Import;

/// <summary>
/// SQL Server: <see cref="SqlBulkCopy"/> of typed tables inside the context's transaction, checking constraints and
/// firing no triggers, columns mapped by name. Not run against a SQL Server here (none on the build machines);
/// <c>CompanyBulkWriterTests</c> prove the tables carry every column the SQL Server model requires, in its types.
/// </summary>
internal sealed class SqlServerCompanyBulkWriter : CompanyBulkWriter
{
    public override async Task InsertAsync(PartnerForgeDbContext db, IReadOnlyList<Company> companies, IReadOnlyList<CompanyTag> tags, CancellationToken cancellationToken)
    {
        var transaction = (SqlTransaction)CurrentTransaction(db);
        var connection = (SqlConnection)db.Database.GetDbConnection();
        using (var table = CompanyTable(companies))
        {
            await CopyAsync(connection, transaction, "Companies", table, cancellationToken);
        }

        if (tags.Count > 0)
        {
            using var table = TagTable(tags);
            await CopyAsync(connection, transaction, "CompanyTags", table, cancellationToken);
        }
    }

    /// <summary>The accounts as a table of <see cref="CompanyBulkWriter.CompanyColumns"/>, in the CLR types SQL Server's columns take.</summary>
    internal static DataTable CompanyTable(IReadOnlyList<Company> companies)
    {
        var table = new DataTable("Companies") { Locale = System.Globalization.CultureInfo.InvariantCulture };
        var types = new[]
        {
            typeof(Guid), typeof(Guid), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string),
            typeof(Guid), typeof(int), typeof(DateTime), typeof(DateTime), typeof(Guid),
        };
        for (var i = 0; i < CompanyColumns.Length; i++)
        {
            table.Columns.Add(CompanyColumns[i], types[i]);
        }

        foreach (var c in companies)
        {
            table.Rows.Add(
                c.Id, c.TenantId, c.Name, c.SearchName, c.Domain, Value(c.Industry), Value(c.Country), Value(c.EmployeeBand), Value(c.RevenueBand),
                c.OwnerId is { } owner ? owner : DBNull.Value, c.Tier is { } tier ? (int)tier : DBNull.Value,
                c.CreatedAtUtc, c.UpdatedAtUtc, c.ImportId is { } import ? import : DBNull.Value);
        }

        return table;
    }

    /// <summary>The tags as a table of <see cref="CompanyBulkWriter.TagColumns"/>.</summary>
    internal static DataTable TagTable(IReadOnlyList<CompanyTag> tags)
    {
        var table = new DataTable("CompanyTags") { Locale = System.Globalization.CultureInfo.InvariantCulture };
        var types = new[] { typeof(Guid), typeof(Guid), typeof(Guid), typeof(string), typeof(string) };
        for (var i = 0; i < TagColumns.Length; i++)
        {
            table.Columns.Add(TagColumns[i], types[i]);
        }

        foreach (var t in tags)
        {
            table.Rows.Add(t.Id, t.TenantId, t.CompanyId, t.Tag, t.NormalizedTag);
        }

        return table;
    }

    private static object Value(string? value) => (object?)value ?? DBNull.Value;

    private static async Task CopyAsync(SqlConnection connection, SqlTransaction transaction, string name, DataTable table, CancellationToken cancellationToken)
    {
        using var copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints, transaction)
        {
            DestinationTableName = "[" + name + "]",
            BatchSize = 5_000,
            BulkCopyTimeout = 0,
        };
        foreach (DataColumn column in table.Columns)
        {
            copy.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }

        await copy.WriteToServerAsync(table, cancellationToken);
    }
}
