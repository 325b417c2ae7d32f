using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Persistence;

/// <summary>Data Protection's keys live in the database; keys from the folder they used to live in are copied in once.</summary>
public sealed class DataProtectionKeysTests
{
    [Fact]
    public async Task Keys_from_the_old_keys_folder_are_copied_in_once_and_still_read_what_they_protected()
    {
        var folder = TestEnvironment.NewDirectory("oldkeys");
        var before = DataProtectionProvider.Create(new DirectoryInfo(folder), b => b.SetApplicationName("PartnerForge"));
        var token = before.CreateProtector("PartnerForge.Tests").Protect("kept across the upgrade");
        Directory.GetFiles(folder, "key-*.xml").Should().ContainSingle("the old version kept one key file");

        var data = TestEnvironment.NewDirectory("keysdb");
        var settings = new Dictionary<string, string?> { ["DataProtection:KeysDirectory"] = folder };
        await using (var host = await InfrastructureHost.StartAsync(seedDemo: false, dataDirectory: data, settings: settings))
        {
            (await host.AsSystemAsync(db => db.DataProtectionKeys.CountAsync())).Should().Be(1);
            host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("PartnerForge.Tests").Unprotect(token)
                .Should().Be("kept across the upgrade");
        }

        await using (var again = await InfrastructureHost.StartAsync(seedDemo: false, dataDirectory: data, settings: settings))
        {
            (await again.AsSystemAsync(db => db.DataProtectionKeys.CountAsync())).Should().Be(1, "a database that has keys imports nothing");
        }
    }

    [Fact]
    public async Task A_new_database_without_an_old_folder_makes_its_own_key_in_the_database()
    {
        await using var host = await InfrastructureHost.StartAsync(seedDemo: false, settings: new Dictionary<string, string?> { ["DataProtection:KeysDirectory"] = "no-such-folder" });
        var token = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("p").Protect("x");
        (await host.AsSystemAsync(db => db.DataProtectionKeys.CountAsync())).Should().Be(1);
        Directory.Exists(Path.Combine(host.DataDirectory, "no-such-folder")).Should().BeFalse("keys are not written to files any more");
        token.Should().NotBeNullOrEmpty();
    }
}
