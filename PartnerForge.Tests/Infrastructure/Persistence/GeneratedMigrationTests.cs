using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Persistence;

/// <summary>
/// The generated migrations, per provider, with the same design-time factory <c>dotnet ef</c> uses (no connection is
/// opened): each provider's assembly holds a baseline and its snapshot matches the model. SQL Server is proven only
/// this far: its model builds, its idempotent script parses as T-SQL, and no index key is an nvarchar(max) column;
/// nothing here runs against a SQL Server.
/// </summary>
public sealed class GeneratedMigrationTests
{
    [Theory]
    [InlineData("sqlite", DatabaseProviderSetup.SqliteMigrationsAssembly)]
    [InlineData("postgres", DatabaseProviderSetup.PostgresMigrationsAssembly)]
    [InlineData("sqlserver", DatabaseProviderSetup.SqlServerMigrationsAssembly)]
    public void Every_provider_has_a_baseline_and_no_model_change_without_a_migration(string provider, string assembly)
    {
        using var db = new DesignTimeDbContextFactory().CreateDbContext(["--provider", provider]);

        db.GetService<IMigrationsAssembly>().Assembly.GetName().Name.Should().Be(assembly);
        db.Database.GetMigrations().Should().NotBeEmpty().And.Subject.First().Should().EndWith("_Initial");
        db.Database.HasPendingModelChanges().Should().BeFalse($"every model change needs a migration: dotnet ef migrations add <Name> --project {assembly} --startup-project PartnerForge.Web -- --provider {provider}");
    }

    [Fact]
    public void The_sql_server_idempotent_script_parses_as_t_sql()
    {
        using var db = new DesignTimeDbContextFactory().CreateDbContext(["--provider", "sqlserver"]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        script.Should().Contain("CREATE TABLE [Companies]").And.Contain("IX_EnrichmentRuns_OneActivePerAccount");
        Parse(script).Should().BeEmpty();
        Parse(db.Database.GenerateCreateScript()).Should().BeEmpty();
        Parse("CREATE TABLE [Broken] ([Id] int NOT NULL,, );\nGO\n").Should().NotBeEmpty("the parser must report a broken statement");
    }

    [Fact]
    public void No_sql_server_index_key_is_an_unbounded_column()
    {
        using var db = new DesignTimeDbContextFactory().CreateDbContext(["--provider", "sqlserver"]);

        var model = db.GetService<IDesignTimeModel>().Model;
        model.GetEntityTypes().Should().NotBeEmpty();
        var unbounded = model.GetEntityTypes().SelectMany(e => e.GetIndexes())
            .SelectMany(i => i.Properties.Select(p => (Index: i.GetDatabaseName(), Column: p.GetColumnName(), Type: p.GetColumnType())))
            .Where(c => c.Type.Contains("(max)", StringComparison.OrdinalIgnoreCase))
            .ToList();

        unbounded.Should().BeEmpty("SQL Server cannot index nvarchar(max): give the property a maximum length");
    }

    private static List<string> Parse(string sql)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(sql), out var errors);
        return errors.Select(e => $"line {e.Line}: {e.Message}").ToList();
    }
}

/// <summary>
/// A database at the generated baseline (before Identity's EF stores), holding users as the hand-made store wrote
/// them, migrated to the latest migration: each user has an Identity account with the same Id, password hash,
/// stamp, lockout and roles, and the old password checks against it.
/// </summary>
internal static class BaselineToIdentityUpgrade
{
    public static async Task ShouldKeepSignInAsync(PartnerForgeDbContext db)
    {
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(db.Database.GetMigrations().First());
        var rows = await LegacyDatabase.FillAsync(db);
        db.ChangeTracker.Clear();

        await migrator.MigrateAsync();

        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        var accounts = await db.IdentityUsers.Where(a => a.TenantId == rows.TenantId).OrderBy(a => a.Email).ToListAsync();
        accounts.Select(a => a.Id).Should().BeEquivalentTo(rows.UserIds);
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<PartnerForge.Infrastructure.Identity.ApplicationUser>();
        accounts.Should().OnlyContain(a => hasher.VerifyHashedPassword(a, a.PasswordHash!, LegacyDatabase.Password) != Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed);
        accounts.Should().OnlyContain(a => hasher.VerifyHashedPassword(a, a.PasswordHash!, "wrong-password") == Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed);
        accounts.Select(a => a.LockoutEnd).Should().Equal(null, LegacyDatabase.LockedUntil);
        accounts.Select(a => a.AccessFailedCount).Should().Equal(0, 3);
        (await db.UserRoles.CountAsync(ur => rows.UserIds.Contains(ur.UserId))).Should().Be(2, "role links stay in place");
        (await db.Users.IgnoreQueryFilters().CountAsync(u => u.TenantId == rows.TenantId)).Should().Be(2, "the people stay in place");
    }
}

public sealed class SqliteBaselineUpgradeTests
{
    [Fact]
    public async Task A_sqlite_database_at_the_baseline_keeps_its_users_passwords_lockout_and_roles_on_identitys_stores()
    {
        await using var db = MigrationSchemaTests.SqliteContext(Path.Combine(TestEnvironment.NewDirectory("baseline"), "baseline.db"));
        await BaselineToIdentityUpgrade.ShouldKeepSignInAsync(db);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresBaselineUpgradeTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_postgres_database_at_the_baseline_keeps_its_users_passwords_lockout_and_roles_on_identitys_stores()
    {
        await using var db = PostgresMigrationSchemaTests.PostgresContext(await postgres.CreateDatabaseAsync("pf_baseline"));
        await BaselineToIdentityUpgrade.ShouldKeepSignInAsync(db);
    }
}
