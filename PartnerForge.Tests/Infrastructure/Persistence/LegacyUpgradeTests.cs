using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Persistence;

/// <summary>
/// A database made by the hand-written migrations (the schema main had on 2026-12-04, checked in under
/// <c>Legacy/</c> with its history rows), filled with rows, then started with this version through the app's own
/// start-up path (InfrastructureHost: DatabaseInitializer): every row is still there, a new write works, the
/// baseline is recorded as applied, and the schema equals one the generated migrations build from nothing.
/// </summary>
internal static class LegacyDatabase
{
    public const string Password = "Legacy!Pass2026";

    /// <summary>Bob's lockout end in the legacy row: far ahead, so he is still locked out after the upgrade.</summary>
    public static readonly DateTimeOffset LockedUntil = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Script(string provider) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Persistence", "Legacy", $"{provider}-20261204.sql"));

    private const string LegacyUserInsert =
        "INSERT INTO \"Users\" (\"Id\", \"TenantId\", \"Email\", \"NormalizedEmail\", \"DisplayName\", \"PasswordHash\", \"SecurityStamp\", \"LockoutEndUtc\", \"LockoutEnabled\", \"AccessFailedCount\", \"IsActive\", \"TimeZone\", \"CreatedAtUtc\") ";

    private const string LegacyUserLocked = LegacyUserInsert + "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12})";

    private const string LegacyUserOpen = LegacyUserInsert + "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, NULL, {8}, {9}, {10}, {11}, {12})";

    public sealed record Rows(Guid TenantId, Guid[] UserIds, Guid[] CompanyIds, Guid RunId, Guid[] SnapshotIds);

    /// <summary>Rows as today's main writes them, through a plain context (no migrations run, no interceptors).</summary>
    public static async Task<Rows> FillAsync(PartnerForgeDbContext db)
    {
        var at = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        var tenant = new Tenant("Legacy Ltd", "legacy", at);
        var sqlite = db.Database.IsSqlite();
        object Key(Guid id) => sqlite ? id.ToString().ToUpperInvariant() : id;
        // The tenant row as the old schema holds it (raw SQL: today's model has columns that schema has not).
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"Tenants\" (\"Id\", \"Name\", \"Slug\", \"Status\", \"TimeZone\", \"CreatedAtUtc\") VALUES ({0}, {1}, {2}, {3}, {4}, {5})",
            Key(tenant.Id), tenant.Name, tenant.Slug, (int)tenant.Status, tenant.TimeZone,
            sqlite ? at.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : at);
        // Users as the hand-made user store wrote them: hash, stamp and lockout on the "Users" row, a role link in
        // "UserRoles". Raw SQL, because today's model no longer has those columns. Bob is locked out.
        var hasher = new PasswordHasher<ApplicationUser>();
        var role = Guid.NewGuid();
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"Roles\" (\"Id\", \"Name\", \"NormalizedName\") VALUES ({0}, {1}, {2})", Key(role), Roles.Manager, Roles.Manager.ToUpperInvariant());
        var users = new[] { "ada@legacy.test", "bob@legacy.test" }.Select(email => new User(tenant.Id, email, email[..3], at)).ToArray();
        foreach (var user in users)
        {
            var locked = user.Email.StartsWith("bob", StringComparison.Ordinal);
            await db.Database.ExecuteSqlRawAsync(
                locked ? LegacyUserLocked : LegacyUserOpen,
                Key(user.Id), Key(tenant.Id), user.Email, user.NormalizedEmail, user.DisplayName, hasher.HashPassword(new ApplicationUser(), Password),
                $"STAMP-{user.Email}", sqlite ? LockedUntil.ToString("yyyy-MM-dd HH:mm:ss+00:00", System.Globalization.CultureInfo.InvariantCulture) : LockedUntil, true, locked ? 3 : 0, true, user.TimeZone,
                sqlite ? at.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : at);
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"UserRoles\" (\"UserId\", \"RoleId\") VALUES ({0}, {1})", Key(user.Id), Key(role));
        }

        var companies = new[] { "acme", "globex", "initech" }.Select(name =>
        {
            var company = new Company(name, DomainName.Parse($"{name}.test"), at);
            company.StampTenant(tenant.Id);
            return company;
        }).ToArray();
        db.Companies.AddRange(companies);
        await db.SaveChangesAsync();
        // The run in the old table's own columns: the model has columns added since (the bulk-run lease).
        var run = new EnrichmentRun(companies[0].Id, null, users[0].Id, at, 15);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"EnrichmentRuns\" (\"Id\", \"TenantId\", \"CompanyId\", \"RequestedBy\", \"State\", \"QueuedAtUtc\", \"ModulesTotal\", \"ModulesOk\", \"ModulesFailed\", \"Attempts\") " +
            "VALUES ({0}, {1}, {2}, {3}, 0, {4}, 15, 0, 0, 0)",
            Key(run.Id), Key(tenant.Id), Key(companies[0].Id), Key(users[0].Id), sqlite ? at.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : at);
        var first = new IntelSnapshot(companies[0].Id, "M02", run.Id, at, "{\"facts\":[]}", 0, null);
        var second = new IntelSnapshot(companies[0].Id, "M02", run.Id, at.AddHours(1), "{\"facts\":[]}", 0, first.Id);
        foreach (var snapshot in new[] { first, second })
        {
            snapshot.StampTenant(tenant.Id);
        }

        db.IntelSnapshots.AddRange(first, second);
        await db.SaveChangesAsync();
        return new Rows(tenant.Id, users.Select(u => u.Id).ToArray(), companies.Select(c => c.Id).ToArray(), run.Id, [first.Id, second.Id]);
    }

    public static async Task ShouldBeUpgradedAsync(InfrastructureHost host, Rows rows, DbContext fresh)
    {
        await host.AsSystemAsync(async db =>
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            applied.Should().Contain(db.Database.GetMigrations().First(), "the baseline is recorded as applied");
            applied.Should().Contain(LegacyMigrationHistory.LastHandWritten, "the old rows are left as they were");
            (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();

            (await db.Tenants.Select(t => t.Id).ToListAsync()).Should().Equal(rows.TenantId);
            var users = await db.Users.IgnoreQueryFilters().Where(u => u.TenantId == rows.TenantId).ToListAsync();
            users.Select(u => u.Id).Should().BeEquivalentTo(rows.UserIds);
            var accounts = await db.IdentityUsers.Where(a => a.TenantId == rows.TenantId).OrderBy(a => a.Email).ToListAsync();
            accounts.Select(a => a.Id).Should().BeEquivalentTo(rows.UserIds, "every user has an Identity account with the same Id");
            accounts.Select(a => a.SecurityStamp).Should().Equal("STAMP-ada@legacy.test", "STAMP-bob@legacy.test");
            accounts.Select(a => a.NormalizedUserName).Should().Equal("ADA@LEGACY.TEST", "BOB@LEGACY.TEST");
            accounts.Should().OnlyContain(a => a.LockoutEnabled && a.EmailConfirmed && !a.TwoFactorEnabled);
            accounts.Select(a => a.AccessFailedCount).Should().Equal(0, 3);
            accounts[0].LockoutEnd.Should().BeNull();
            accounts[1].LockoutEnd.Should().Be(LockedUntil);
            (await db.Companies.IgnoreQueryFilters().Select(c => c.Id).ToListAsync()).Should().BeEquivalentTo(rows.CompanyIds);
            (await db.EnrichmentRuns.IgnoreQueryFilters().Select(r => r.Id).ToListAsync()).Should().Equal(rows.RunId);
            (await db.IntelSnapshots.IgnoreQueryFilters().Select(s => s.Id).ToListAsync()).Should().BeEquivalentTo(rows.SnapshotIds);

            // Quartz provisions its own tables in the PostgreSQL database when the host starts: not ours to compare.
            var upgraded = (await SchemaSnapshot.ReadAsync(db)).Where(l => !l.Contains("qrtz_", StringComparison.OrdinalIgnoreCase));
            upgraded.Should().Equal(await SchemaSnapshot.ReadAsync(fresh), "the upgraded schema is the one the generated migrations build");
            return 0;
        });

        // Sign-in through Identity's EF stores: the old password works, roles are kept, Bob is still locked out.
        await using (var scope = host.Scope(null))
        {
            var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var ada = (await userManager.FindByEmailAsync("ada@legacy.test"))!;
            (await userManager.CheckPasswordAsync(ada, Password)).Should().BeTrue("the password from before the upgrade still signs in");
            (await userManager.CheckPasswordAsync(ada, "not-the-password")).Should().BeFalse();
            (await userManager.IsLockedOutAsync(ada)).Should().BeFalse();
            (await userManager.GetRolesAsync(ada)).Should().Equal(Roles.Manager);
            var bob = (await userManager.FindByNameAsync("BOB@legacy.test"))!;
            (await userManager.IsLockedOutAsync(bob)).Should().BeTrue("the lockout is kept");
            (await userManager.IsInRoleAsync(bob, Roles.Manager)).Should().BeTrue();
        }

        // A new write through the app's own services (tenant stamp and audit interceptors).
        await using (var scope = host.Scope(rows.TenantId, rows.UserIds[0]))
        {
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            db.Companies.Add(new Company("Umbrella", DomainName.Parse("umbrella.test"), DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        (await host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().CountAsync(c => c.TenantId == rows.TenantId))).Should().Be(rows.CompanyIds.Length + 1);
    }
}

public sealed class LegacyUpgradeTests
{
    [Fact]
    public async Task A_sqlite_file_made_by_the_hand_written_migrations_upgrades_in_place_with_every_row()
    {
        var directory = TestEnvironment.NewDirectory("legacy");
        var rows = await CreateLegacySqliteAsync(directory);

        await using var host = await InfrastructureHost.StartAsync(seedDemo: false, dataDirectory: directory);
        await using var fresh = MigrationSchemaTests.SqliteContext(Path.Combine(TestEnvironment.NewDirectory("fresh"), "fresh.db"));
        await fresh.Database.MigrateAsync();

        await LegacyDatabase.ShouldBeUpgradedAsync(host, rows, fresh);
    }

    [Fact]
    public async Task A_database_at_an_older_hand_written_migration_is_refused_and_left_as_it_was()
    {
        var directory = TestEnvironment.NewDirectory("legacy-old");
        await CreateLegacySqliteAsync(directory);
        var path = Path.Combine(directory, "partnerforge.db");
        await ExecuteSqliteAsync(path, $"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '{LegacyMigrationHistory.LastHandWritten}'");

        var start = async () => await InfrastructureHost.StartAsync(seedDemo: false, dataDirectory: directory);

        (await start.Should().ThrowAsync<Exception>()).Which.Message.Should()
            .Contain("20261204000000_OneActiveRunPerAccount").And.Contain(LegacyMigrationHistory.LastHandWritten).And.Contain("before issue #14");
        await using var db = MigrationSchemaTests.SqliteContext(path);
        (await db.Database.GetAppliedMigrationsAsync()).Should().HaveCount(LegacyMigrationHistory.HandWritten.Count - 1, "nothing was changed");
    }

    private static async Task<LegacyDatabase.Rows> CreateLegacySqliteAsync(string directory)
    {
        var path = Path.Combine(directory, "partnerforge.db");
        await ExecuteSqliteAsync(path, LegacyDatabase.Script("sqlite"));
        await using var db = MigrationSchemaTests.SqliteContext(path);
        return await LegacyDatabase.FillAsync(db);
    }

    private static async Task ExecuteSqliteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(DatabaseProviderSetup.SqliteConnectionString(path, create: true));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresLegacyUpgradeTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_postgres_database_made_by_the_hand_written_migrations_upgrades_in_place_with_every_row()
    {
        var connectionString = await postgres.CreateDatabaseAsync("pf_legacy");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(LegacyDatabase.Script("postgres"), connection);
            await command.ExecuteNonQueryAsync();
        }

        LegacyDatabase.Rows rows;
        await using (var db = PostgresMigrationSchemaTests.PostgresContext(connectionString))
        {
            rows = await LegacyDatabase.FillAsync(db);
        }

        await using var host = await InfrastructureHost.StartAsync(seedDemo: false, postgres: connectionString);
        await using var fresh = PostgresMigrationSchemaTests.PostgresContext(await postgres.CreateDatabaseAsync("pf_fresh"));
        await fresh.Database.MigrateAsync();

        await LegacyDatabase.ShouldBeUpgradedAsync(host, rows, fresh);
    }
}
