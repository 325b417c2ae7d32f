using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Accounts.Import;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Accounts;

/// <summary>An upload the server cannot store is refused in words a user can act on, never with the server's paths.</summary>
public sealed class ImportStorageTests
{
    private static readonly byte[] Csv = Encoding.UTF8.GetBytes("Name,Website\nAcme,acme.example\n");

    [Fact]
    public async Task A_read_only_import_folder_is_a_clear_message_without_paths()
    {
        await using var host = await InfrastructureHost.StartAsync();
        var (northwind, _, _) = await ImportTestKit.DemoIdsAsync(host);
        await using var scope = host.Scope(northwind);
        var files = scope.ServiceProvider.GetRequiredService<ImportFiles>();
        Directory.CreateDirectory(files.TenantFolder(northwind));

        using (FileSystemFaults.ReadOnly(files.TenantFolder(northwind)))
        {
            var stage = () => scope.ServiceProvider.GetRequiredService<ImportService>().StageAsync(new MemoryStream(Csv), "accounts.csv", 1 << 20);

            var error = await stage.Should().ThrowAsync<ImportStorageException>();
            error.Which.Message.Should().Be("The server could not save the file: its import folder is not writable. Nothing was imported; tell your admin.");
            error.Which.Message.Should().NotContain(host.DataDirectory).And.NotContain("/");
        }
    }

    [Fact]
    public async Task A_full_disk_is_a_clear_message_without_paths_and_leaves_no_partial_file()
    {
        using var disk = FileSystemFaults.MountTinyDisk(48);
        await using var host = await InfrastructureHost.StartAsync(dataDirectory: disk.Path);
        var (northwind, _, _) = await ImportTestKit.DemoIdsAsync(host);
        await using var scope = host.Scope(northwind);
        var files = scope.ServiceProvider.GetRequiredService<ImportFiles>();
        Directory.CreateDirectory(files.TenantFolder(northwind));

        disk.Fill();
        var big = new MemoryStream(Encoding.UTF8.GetBytes("Name,Website\n" + string.Concat(Enumerable.Repeat("Acme Outdoor Gear,acme.example\n", 20_000))));
        var stage = () => scope.ServiceProvider.GetRequiredService<ImportService>().StageAsync(big, "accounts.csv", 50 << 20);

        var error = await stage.Should().ThrowAsync<ImportStorageException>();
        error.Which.Message.Should().StartWith("The server's storage is full").And.NotContain("/");
        Directory.GetFiles(files.TenantFolder(northwind), "staging-*").Should().BeEmpty("the partial upload was removed");
        disk.Free();
    }
}
