using PartnerForge.Infrastructure.Persistence;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PartnerForge.Infrastructure.Pipeline;

namespace PartnerForge.Tests.Infrastructure.Persistence;

/// <summary>
/// SQL that is ours or that we run on SQL Server, besides the migrations (<see cref="GeneratedMigrationTests"/>), parsed
/// as T-SQL with ScriptDom: syntax, not behaviour — nothing here runs against a SQL Server.
/// </summary>
public sealed class ProviderSqlTests
{
    [Fact]
    public void The_board_renumbering_statement_parses_as_t_sql()
    {
        var sql = PipelineService.RenumberSql.Replace("{0}", "@p0", StringComparison.Ordinal).Replace("{1}", "@p1", StringComparison.Ordinal);
        sql.Should().NotContain("{");

        Parse(sql).Should().BeEmpty();
        Parse(sql.Replace("AS ranked", "AS", StringComparison.Ordinal)).Should().NotBeEmpty("the parser must report a broken statement");
    }

    [Fact]
    public void The_start_up_lock_statements_parse_as_t_sql()
    {
        Parse(StartupLock.SqlServerAcquire).Should().BeEmpty();
        Parse(StartupLock.SqlServerRelease).Should().BeEmpty();
    }

    [Fact]
    public void Quartzs_sql_server_job_store_schema_parses_as_t_sql()
    {
        var quartz = typeof(Quartz.IScheduler).Assembly;
        var scripts = quartz.GetManifestResourceNames().Where(n => n.Contains("sqlserver", StringComparison.OrdinalIgnoreCase)).ToList();

        scripts.Should().Contain(n => n.EndsWith("create_sqlServer.sql", StringComparison.Ordinal), "store.ProvisionSchema() creates the SQL Server store from it");
        foreach (var name in scripts)
        {
            using var reader = new StreamReader(quartz.GetManifestResourceStream(name)!);
            // {0} is the table prefix, {1} the same without a schema; the store sends each piece between "--;;" lines as one command.
            var sql = reader.ReadToEnd().Replace("{0}", "QRTZ_", StringComparison.Ordinal).Replace("{1}", "QRTZ_", StringComparison.Ordinal);
            var statements = sql.Split("\n--;;", StringSplitOptions.RemoveEmptyEntries).Where(s => s.Contains("CREATE", StringComparison.Ordinal)).ToList();
            statements.Should().Contain(s => s.Contains("CREATE TABLE QRTZ_JOB_DETAILS", StringComparison.Ordinal), $"{name} is the job store's schema");
            statements.SelectMany(Parse).Should().BeEmpty($"every statement of {name} must parse");
        }
    }

    private static List<string> Parse(string sql)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(sql), out var errors);
        return errors.Select(e => $"line {e.Line}: {e.Message}").ToList();
    }
}
