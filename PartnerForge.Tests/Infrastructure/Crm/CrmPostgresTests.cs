using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Crm;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Crm;

/// <summary>A CRM sync on PostgreSQL with two nodes sharing the database and the clustered Quartz store.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CrmPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_sync_started_on_one_node_runs_once_across_two_and_its_log_is_read_on_the_other()
    {
        var database = await postgres.CreateDatabaseAsync("pf_crm");
        await using var f = await CrmFixture.StartAsync(new Dictionary<string, string?> { ["Crm:HubSpot:PageSize"] = "40" }, database);
        await using var nodeB = await InfrastructureHost.StartAsync(seedDemo: false, postgres: database, settings: f.Settings.ToDictionary(),
            services: s => s.AddSingleton<TimeProvider>(f.Clock));
        var connection = await f.ConnectAsync();
        f.Fake.AddCompanies(150);

        var started = await f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().StartSyncAsync(connection));
        started.Succeeded.Should().BeTrue(started.Describe());
        await using (var scope = nodeB.Scope(f.Tenant, f.Admin))
        {
            // Node B tries the same run while node A's job has it: whichever claims it first runs it, the other does nothing.
            await scope.ServiceProvider.GetRequiredService<CrmSyncService>().RunAsync(started.Value);
        }

        var run = await f.FinishedAsync(connection, started.Value);
        run.State.Should().Be(SyncRunState.Succeeded, run.Error);
        run.Kind.Should().Be(SyncRunKind.Initial);
        f.Fake.Requests.Count(r => r.StartsWith("GET /crm/v3/objects/companies?", StringComparison.Ordinal) && r.Contains("archived=false", StringComparison.Ordinal))
            .Should().Be(4, "160 companies in pages of 40, read once whichever node ran it");
        (await f.DbAsync(db => db.CrmLinks.CountAsync(l => l.ObjectKind == CrmObjectKind.Company))).Should().Be(159);
        (await f.DbAsync(db => db.Contacts.CountAsync(c => db.CrmLinks.Any(l => l.RecordId == c.Id)))).Should().Be(11);
        await using (var scope = nodeB.Scope(f.Tenant, f.Admin))
        {
            var records = await scope.ServiceProvider.GetRequiredService<CrmSyncService>().RecordsAsync(run.Id, SyncOutcome.Created, 1000);
            records.Should().HaveCount(run.Created);
            records.GroupBy(r => (r.Kind, r.CrmId)).Should().OnlyContain(g => g.Count() == 1);
        }
    }
}
