using Microsoft.EntityFrameworkCore;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Persistence;

/// <summary>Start-up against a new, an existing, a corrupt and a missing SQLite file, and a read-only data folder.</summary>
public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task First_start_migrates_seeds_the_demo_workspace_and_turns_on_wal()
    {
        await using var host = await InfrastructureHost.StartAsync();

        var (tenants, users, companies, journal) = await host.AsSystemAsync(async db => (
            await db.Tenants.CountAsync(),
            await db.Users.IgnoreQueryFilters().CountAsync(),
            await db.Companies.IgnoreQueryFilters().CountAsync(),
            await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync()));

        tenants.Should().Be(DemoWorkspace.Tenants.Count).And.Be(2);
        users.Should().Be(DemoWorkspace.Tenants.Sum(t => t.Users.Count));
        companies.Should().Be(DemoWorkspace.Tenants.Sum(t => t.Companies.Count));
        journal.Should().Equal("wal");
    }

    [Fact]
    public async Task Restarting_does_not_duplicate_the_demo_workspace()
    {
        string directory;
        await using (var first = await InfrastructureHost.StartAsync())
        {
            directory = first.DataDirectory;
        }

        await using var second = await InfrastructureHost.StartAsync(dataDirectory: directory);
        var (tenants, users, roles) = await second.AsSystemAsync(async db => (
            await db.Tenants.CountAsync(), await db.Users.IgnoreQueryFilters().CountAsync(), await db.Roles.CountAsync()));

        tenants.Should().Be(2);
        users.Should().Be(DemoWorkspace.Tenants.Sum(t => t.Users.Count));
        roles.Should().Be(4);
    }

    [Fact]
    public async Task A_corrupt_database_file_stops_start_up_with_a_clear_message_and_is_left_untouched()
    {
        var directory = TestEnvironment.NewDirectory("corrupt");
        var path = Path.Combine(directory, "partnerforge.db");
        var garbage = Enumerable.Range(0, 8192).Select(i => (byte)(i * 7 % 251)).ToArray();
        await File.WriteAllBytesAsync(path, garbage);

        var start = () => InfrastructureHost.StartAsync(dataDirectory: directory);

        var error = await start.Should().ThrowAsync<DatabaseStartupException>();
        error.Which.Message.Should().Contain(path).And.Contain("cannot be opened as a SQLite database").And.Contain("left it untouched");
        (await File.ReadAllBytesAsync(path)).Should().Equal(garbage);
    }

    [Fact]
    public async Task A_missing_database_file_in_a_used_data_folder_is_not_silently_recreated()
    {
        string directory;
        await using (var first = await InfrastructureHost.StartAsync())
        {
            directory = first.DataDirectory;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(directory, "partnerforge.db*").Where(f => !f.EndsWith(".marker", StringComparison.Ordinal)))
        {
            File.Delete(file);
        }

        var start = () => InfrastructureHost.StartAsync(dataDirectory: directory);

        var error = await start.Should().ThrowAsync<DatabaseStartupException>();
        error.Which.Message.Should().Contain("is missing").And.Contain("will not create an empty database");
        File.Exists(Path.Combine(directory, "partnerforge.db")).Should().BeFalse();
    }

    [Fact]
    public async Task A_read_only_data_folder_is_called_not_writable_not_corrupt_and_is_left_untouched()
    {
        string directory;
        await using (var first = await InfrastructureHost.StartAsync())
        {
            directory = first.DataDirectory;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = Directory.GetFiles(directory).Order(StringComparer.Ordinal).ToList();
        using (FileSystemFaults.ReadOnly(directory))
        {
            var start = () => InfrastructureHost.StartAsync(dataDirectory: directory);

            var error = await start.Should().ThrowAsync<DatabaseStartupException>();
            error.Which.Message.Should().Contain("is not writable").And.Contain("give the user that runs it write access").And.NotContain("corrupt");
        }

        Directory.GetFiles(directory).Order(StringComparer.Ordinal).Should().Equal(before);
    }
}
