using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Billing;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Billing;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Administration;

/// <summary>The administration queries (grouping, sums, searches, joins) on a real PostgreSQL, as scaled-out nodes run them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AdministrationPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task Usage_invoices_audit_search_tenants_and_api_keys_work_on_postgresql()
    {
        await using var host = await InfrastructureHost.StartAsync(postgres: await postgres.CreateDatabaseAsync("pf_admin"));
        var (northwind, admin, platformAdmin) = await host.AsSystemAsync(async db =>
        {
            var a = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "admin@northwind.test");
            var p = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "platform@partnerforge.test");
            return (a.TenantId, a.Id, p.Id);
        });

        await using (var scope = host.Scope(northwind, admin))
        {
            var usage = (await scope.ServiceProvider.GetRequiredService<UsageReport>().CurrentPeriodAsync())!;
            usage.PlanName.Should().Be("Growth");
            usage.EnrichmentCreditsUsed.Should().BePositive();
            var invoices = await scope.ServiceProvider.GetRequiredService<InvoiceService>().ListAsync();
            var invoice = (await scope.ServiceProvider.GetRequiredService<InvoiceService>().GetAsync(invoices.Single().Id))!;
            invoice.Lines.Sum(l => l.Amount).Should().Be(invoice.Invoice.Total);
            invoice.Lines[0].Amount.Should().Be(1490.00m);
            await scope.ServiceProvider.GetRequiredService<TenantAdministration>().CreateTeamAsync("Postgres Team");
            var log = await scope.ServiceProvider.GetRequiredService<AuditLog>().SearchAsync(new AuditSearch(Text: "Postgres Team"), acrossTenants: false);
            log.Rows.Should().ContainSingle().Which.UserName.Should().Be("Alex Admin");
            var key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("pg")).Value!;
            (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().AuthenticateAsync(key.Key))!.TenantId.Should().Be(northwind);
        }

        await using (var platform = host.Scope(northwind, platformAdmin))
        {
            var service = platform.ServiceProvider.GetRequiredService<PlatformAdministration>();
            var tenants = await service.ListTenantsAsync();
            tenants.Should().HaveCount(2).And.OnlyContain(t => t.PlanCode != null && t.ActiveUsers > 0);
            var sources = await service.EnrichmentUsageBySourceAsync(DateTime.UtcNow);
            sources.Select(s => s.TenantName).Distinct().Should().HaveCount(2);
            sources.Should().Contain(s => s.Source == "sec-companyfacts" && s.Credits > 0);
            var all = await service.ListAllInvoicesAsync();
            all.Should().HaveCount(2);
            (await service.MarkPaidAsync(all[0].Id, "pg")).Succeeded.Should().BeTrue();
            (await service.GetInvoiceAsync(all[0].Id))!.Invoice.Status.Should().Be(InvoiceStatus.Paid);
            var across = await platform.ServiceProvider.GetRequiredService<AuditLog>().SearchAsync(new AuditSearch(EntityType: "Invoice"), acrossTenants: true);
            across.Rows.Select(r => r.TenantName).Distinct().Should().HaveCount(2);
        }
    }
}
