using PartnerForge.Infrastructure.Persistence;
using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using PartnerForge.Domain.Accounts;
using PartnerForge.Infrastructure.Accounts.Import;

namespace PartnerForge.Tests.Infrastructure.Accounts;

/// <summary>
/// The SQL Server bulk writer cannot run here (no SQL Server): what can fail is proven against the SQL Server model
/// <c>dotnet ef</c> builds — the tables it copies carry every column the model requires, by name, in the CLR type the
/// provider's column takes, with nulls as DBNull. SQLite and PostgreSQL writers are proven end to end by the import tests.
/// </summary>
public sealed class CompanyBulkWriterTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_sql_server_account_table_has_every_required_column_in_the_models_types()
    {
        var companies = new[] { FullCompany(), new Company("Bare", DomainName.Parse("bare.example"), Now) };
        using var table = SqlServerCompanyBulkWriter.CompanyTable(companies);

        AssertMatchesModel(table, typeof(Company));
        table.Rows.Should().HaveCount(2);
        table.Rows[0]["Tier"].Should().Be((int)AccountTier.A);
        table.Rows[0]["OwnerId"].Should().Be(companies[0].OwnerId!.Value);
        table.Rows[0]["CreatedAtUtc"].Should().Be(Now);
        table.Rows[1]["Tier"].Should().Be(DBNull.Value);
        table.Rows[1]["Industry"].Should().Be(DBNull.Value);
        table.Rows[1]["ImportId"].Should().Be(DBNull.Value);
    }

    [Fact]
    public void The_sql_server_tag_table_has_every_required_column_in_the_models_types()
    {
        var company = FullCompany();
        using var table = SqlServerCompanyBulkWriter.TagTable([new CompanyTag(company.Id, "Key account")]);

        AssertMatchesModel(table, typeof(CompanyTag));
        table.Rows[0]["CompanyId"].Should().Be(company.Id);
        table.Rows[0]["NormalizedTag"].Should().Be("key account");
    }

    private static Company FullCompany()
    {
        var company = new Company("Acme Tools", DomainName.Parse("acme-tools.example"), Now);
        company.StampTenant(Guid.NewGuid());
        company.SetFirmographics("Manufacturing", "DE", Firmographics.EmployeeBands[2], Firmographics.RevenueBands[2], Now);
        company.AssignOwner(Guid.NewGuid(), Now);
        company.SetTier(AccountTier.A, Now);
        company.MarkImportedBy(Guid.NewGuid());
        return company;
    }

    private static void AssertMatchesModel(DataTable table, Type entity)
    {
        using var db = new DesignTimeDbContextFactory().CreateDbContext(["--provider", "sqlserver"]);
        var type = db.GetService<IDesignTimeModel>().Model.FindEntityType(entity)!;
        var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        type.GetTableName().Should().Be(table.TableName);

        var columns = type.GetProperties().Select(p => (
            Name: p.GetColumnName(store)!,
            Required: !p.IsColumnNullable(store) && p.GetDefaultValueSql(store) is null && p.GetDefaultValue(store) is null && p.ValueGenerated == ValueGenerated.Never,
            Type: Nullable.GetUnderlyingType(p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType) ?? p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType))
            .ToList();
        var written = table.Columns.Cast<DataColumn>().ToDictionary(c => c.ColumnName, c => c.DataType);

        columns.Where(c => c.Required).Select(c => c.Name).Should().BeSubsetOf(written.Keys, "every required column must be written");
        foreach (var (name, type2) in written)
        {
            var column = columns.SingleOrDefault(c => c.Name == name);
            column.Name.Should().Be(name, $"the table {table.TableName} has a column {name}");
            type2.Should().Be(column.Type, $"{table.TableName}.{name} is {column.Type.Name} in the SQL Server model");
        }
    }
}
