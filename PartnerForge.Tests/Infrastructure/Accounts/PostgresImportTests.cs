using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Infrastructure.Accounts.Import;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;
using static PartnerForge.Tests.Infrastructure.Accounts.ImportTestKit;

namespace PartnerForge.Tests.Infrastructure.Accounts;

/// <summary>The import on PostgreSQL: new accounts through binary COPY, updates through EF, revert; contacts too.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresImportTests(PostgresServer postgres)
{
    [Fact]
    public async Task Binary_copy_writes_accounts_EF_reads_back_and_revert_removes()
    {
        await using var host = await InfrastructureHost.StartAsync(postgres: await postgres.CreateDatabaseAsync("pf_import"));
        var (northwind, _, rep) = await DemoIdsAsync(host);

        var job = await ImportAsync(host, northwind,
            "Name,Domain,Country,Employees,Revenue,Tags,Owner,Tier\nCopy Co,copy-co.test,DE,300,1B+,\"a; b\",rep@northwind.test,C\nAcme Outdoor Supply,acme-outdoor.test,AU,,,,,\n");

        job.State.Should().Be(ImportJobState.Completed, job.Failure);
        (job.Created, job.Updated).Should().Be((1L, 1L));
        await using (var scope = host.Scope(northwind))
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            var copy = await db.Companies.SingleAsync(c => c.Domain == "copy-co.test");
            (copy.Name, copy.SearchName, copy.Country, copy.EmployeeBand, copy.RevenueBand, copy.OwnerId, copy.Tier, copy.ImportId, copy.TenantId)
                .Should().Be(("Copy Co", "copy co", "DE", "201-500", "1B+", (Guid?)rep, (AccountTier?)AccountTier.C, (Guid?)job.Id, northwind));
            copy.CreatedAtUtc.Kind.Should().Be(DateTimeKind.Utc);
            copy.CreatedAtUtc.Should().BeCloseTo(job.StartedAtUtc!.Value, TimeSpan.FromSeconds(30));
            (await db.CompanyTags.Where(t => t.CompanyId == copy.Id).Select(t => t.Tag).OrderBy(t => t).ToListAsync()).Should().Equal("a", "b");

            (await scope.ServiceProvider.GetRequiredService<ImportService>().RevertAsync(job.Id)).Should().BeTrue();
            (await db.Companies.AnyAsync(c => c.Domain == "copy-co.test")).Should().BeFalse();
            (await db.Companies.AsNoTracking().SingleAsync(c => c.Domain == "acme-outdoor.test")).Country.Should().Be("US", "revert restores the demo value");
        }
    }

    [Fact]
    public async Task Contacts_import_update_and_revert_on_postgres()
    {
        await using var host = await InfrastructureHost.StartAsync(postgres: await postgres.CreateDatabaseAsync("pf_contact_import"));
        var (northwind, _, rep) = await DemoIdsAsync(host);
        var csv = "Name,E-mail,Title,Time zone,Company Domain\nDana Reyes,dana@acme-outdoor.test,CMO,Pacific Standard Time,\nDana Again,DANA@acme-outdoor.test,CEO,,\nSam Lee,sam@cobalthealth.test,CTO,,\n";

        var job = await ImportContactsAsync(host, northwind, rep, System.Text.Encoding.UTF8.GetBytes(csv));
        var update = await ImportContactsAsync(host, northwind, rep, System.Text.Encoding.UTF8.GetBytes("Name,E-mail,Title\nSam Lee,SAM@cobalthealth.test,Chief Technology Officer\n"));

        (job.State, job.Created, job.Duplicates, update.Updated).Should().Be((ImportJobState.Completed, 2L, 1L, 1L), job.Failure);
        await using var scope = host.Scope(northwind);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        var dana = await db.Contacts.SingleAsync(c => c.Email == "dana@acme-outdoor.test");
        (dana.Title, dana.TimeZone, dana.OwnerId, dana.ImportId).Should().Be(("CMO", "America/Los_Angeles", (Guid?)rep, (Guid?)job.Id));
        (await scope.ServiceProvider.GetRequiredService<ImportService>().RevertAsync(update.Id)).Should().BeTrue();
        (await db.Contacts.AsNoTracking().SingleAsync(c => c.Email == "sam@cobalthealth.test")).Title.Should().Be("CTO", "revert restores the value before");
        (await scope.ServiceProvider.GetRequiredService<ImportService>().RevertAsync(job.Id)).Should().BeTrue();
        (await db.Contacts.AnyAsync()).Should().BeFalse();
    }
}
