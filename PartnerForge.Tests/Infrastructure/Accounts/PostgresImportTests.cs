using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Infrastructure.Accounts.Import;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;
using static PartnerForge.Tests.Infrastructure.Accounts.ImportTestKit;

namespace PartnerForge.Tests.Infrastructure.Accounts;

/// <summary>The import on PostgreSQL: new accounts through binary COPY, updates through EF, revert.</summary>
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
}
