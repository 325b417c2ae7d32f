using Microsoft.EntityFrameworkCore;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Persistence;

/// <summary>
/// The generated migrations (one assembly per provider) build exactly the schema the EF model describes: one
/// database built by Migrate(), one by EnsureCreated() (straight from the model), compared column by
/// column, index by index and key by key. (ModelSnapshotTests prove no model change lacks a migration.)
/// </summary>
public sealed class MigrationSchemaTests
{
    [Fact]
    public async Task Sqlite_migrations_build_the_schema_the_model_describes()
    {
        var directory = TestEnvironment.NewDirectory("schema");
        await using var migrated = SqliteContext(Path.Combine(directory, "migrated.db"));
        await using var modelled = SqliteContext(Path.Combine(directory, "model.db"));

        await migrated.Database.MigrateAsync();
        await modelled.Database.EnsureCreatedAsync();

        await SchemaShouldMatchAsync(migrated, modelled);
    }

    internal static async Task SchemaShouldMatchAsync(DbContext migrated, DbContext modelled)
    {
        var fromMigrations = await SchemaSnapshot.ReadAsync(migrated);
        var fromModel = await SchemaSnapshot.ReadAsync(modelled);

        fromModel.Should().Contain(l => l.Contains("Companies", StringComparison.Ordinal), "the model has a Companies table");
        fromMigrations.Except(fromModel).Should().BeEmpty("the migrations must build nothing the model lacks");
        fromModel.Except(fromMigrations).Should().BeEmpty("the migrations must build everything the model describes");
        fromMigrations.Should().Equal(fromModel);
        (await migrated.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        migrated.Model.GetEntityTypes().Select(e => e.GetTableName()).Should().OnlyContain(t => fromMigrations.Any(l => l.Contains(t!, StringComparison.Ordinal)));
    }

    internal static PartnerForgeDbContext SqliteContext(string path)
    {
        var builder = new DbContextOptionsBuilder<PartnerForgeDbContext>();
        DatabaseProviderSetup.UseSqlite(builder, DatabaseProviderSetup.SqliteConnectionString(path, create: true));
        return new(builder.Options, new TenantContext());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationSchemaTests(PostgresServer postgres)
{
    [Fact]
    public async Task PostgreSql_migrations_build_the_schema_the_model_describes()
    {
        await using var migrated = PostgresContext(await postgres.CreateDatabaseAsync("pf_migrated"));
        await using var modelled = PostgresContext(await postgres.CreateDatabaseAsync("pf_model"));

        await migrated.Database.MigrateAsync();
        await modelled.Database.EnsureCreatedAsync();

        await MigrationSchemaTests.SchemaShouldMatchAsync(migrated, modelled);
    }

    internal static PartnerForgeDbContext PostgresContext(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PartnerForgeDbContext>();
        DatabaseProviderSetup.UsePostgres(builder, connectionString);
        return new(builder.Options, new TenantContext());
    }
}
