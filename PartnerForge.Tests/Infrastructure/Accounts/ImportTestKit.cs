using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Infrastructure.Accounts.Import;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Accounts;

/// <summary>Runs imports through the real path: stage the upload, start it (Quartz job), wait until it ends.</summary>
internal static class ImportTestKit
{
    public static async Task<(Guid Northwind, Guid Globex, Guid NorthwindRep)> DemoIdsAsync(InfrastructureHost host) =>
        await host.AsSystemAsync(async db =>
        {
            var tenants = await db.Tenants.ToDictionaryAsync(t => t.Slug, t => t.Id);
            var rep = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test");
            return (tenants["northwind"], tenants["globex"], rep.Id);
        });

    public static Task<ImportJob> ImportAsync(InfrastructureHost host, Guid tenantId, string csv, ImportMode mode = ImportMode.CreateAndUpdate,
        IReadOnlyList<MatchField>? match = null, Encoding? encoding = null, bool bom = true, IReadOnlyList<ImportField?>? mapping = null) =>
        ImportBytesAsync(host, tenantId, Bytes(csv, encoding ?? new UTF8Encoding(false), bom), mode, match, mapping);

    public static byte[] Bytes(string text, Encoding encoding, bool bom) =>
        bom ? [.. encoding.GetPreamble(), .. encoding.GetBytes(text)] : encoding.GetBytes(text);

    public static async Task<ImportJob> ImportBytesAsync(InfrastructureHost host, Guid tenantId, byte[] bytes, ImportMode mode = ImportMode.CreateAndUpdate,
        IReadOnlyList<MatchField>? match = null, IReadOnlyList<ImportField?>? mapping = null)
    {
        await using var scope = host.Scope(tenantId);
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        var staged = await imports.StageAsync(new MemoryStream(bytes), "accounts.csv", 10 * 1024 * 1024);
        var id = await imports.StartAsync(new ImportRequest(staged.UploadId, "accounts.csv", mapping ?? staged.SuggestedMapping, mode, match ?? [MatchField.Domain]));
        return await WaitAsync(imports, id);
    }

    /// <summary>A contact import of <paramref name="bytes"/> started by <paramref name="userId"/>, with the suggested mapping (or <paramref name="mapping"/>).</summary>
    public static async Task<ImportJob> ImportContactsAsync(InfrastructureHost host, Guid tenantId, Guid? userId, byte[] bytes, ImportMode mode = ImportMode.CreateAndUpdate,
        IReadOnlyList<ImportField?>? mapping = null)
    {
        await using var scope = host.Scope(tenantId, userId);
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        var staged = await imports.StageAsync(new MemoryStream(bytes), "contacts.csv", 10 * 1024 * 1024, ImportKind.Contacts);
        var id = await imports.StartAsync(new ImportRequest(staged.UploadId, "contacts.csv", mapping ?? staged.SuggestedMapping, mode, [MatchField.Email], ImportKind.Contacts));
        return await WaitAsync(imports, id);
    }

    public static async Task<ImportJob> WaitAsync(ImportService imports, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var job = await imports.FindAsync(id);
            if (job is { State: ImportJobState.Completed or ImportJobState.Failed })
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Import {id} did not finish in 60 s.");
    }

    public static async Task<List<string[]>> ErrorRowsAsync(InfrastructureHost host, Guid tenantId, Guid importId)
    {
        await using var scope = host.Scope(tenantId);
        var file = await scope.ServiceProvider.GetRequiredService<ImportService>().ErrorFileAsync(importId);
        file.Should().NotBeNull("a finished import has an error file");
        await using var stream = File.OpenRead(file!.Value.Path);
        return CsvSource.Read(stream, new UTF8Encoding(false), ',').Select(r => r.Cells).ToList();
    }
}
