using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Auditing;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Auditing;

public sealed class AuditInterceptorTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _tenant;
    private Guid _user;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_tenant, _user) = await _host.AsSystemAsync(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().FirstAsync(u => u.Email == "rep@northwind.test");
            return (user.TenantId, user.Id);
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Creating_and_renaming_a_company_records_who_what_when_and_before_after()
    {
        Guid created;
        await using (var scope = _host.Scope(_tenant, _user))
        {
            var editor = scope.ServiceProvider.GetRequiredService<AccountEditor>();
            created = (await editor.CreateAsync(new CompanyProfileInput("Audit Co", "audit.example", null, null, null, null, null), null)).Value;
            (await editor.UpdateAsync(created, new CompanyProfileInput("Audit Company", "audit.example", null, null, null, null, null), null)).Succeeded.Should().BeTrue();
        }

        var entries = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.EntityId == created).OrderBy(a => a.AtUtc).ThenBy(a => a.Action).ToListAsync());

        entries.Select(e => e.Action).Should().Equal(AuditAction.Created, AuditAction.Updated);
        entries.Should().OnlyContain(e => e.UserId == _user && e.TenantId == _tenant && e.Origin == "test" && e.EntityType == nameof(Company));
        var update = JsonDocument.Parse(entries[1].Changes).RootElement;
        update.EnumerateObject().Select(p => p.Name).Should().Equal("Name");
        update.GetProperty("Name").GetProperty("old").GetString().Should().Be("Audit Co");
        update.GetProperty("Name").GetProperty("new").GetString().Should().Be("Audit Company");
        JsonDocument.Parse(entries[0].Changes).RootElement.GetProperty("Domain").GetProperty("new").GetString().Should().Be("audit.example");
    }

    [Fact]
    public async Task A_save_that_changes_nothing_writes_no_audit_entry()
    {
        var id = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == _tenant).Select(c => c.Id).FirstAsync());
        await using var scope = _host.Scope(_tenant, _user);
        var current = (await scope.ServiceProvider.GetRequiredService<AccountQueries>().GetAsync(id))!;
        var before = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == id).ToListAsync());
        before.Should().ContainSingle(a => a.Action == AuditAction.Created && a.Origin == "system" && a.UserId == null, "seeding the demo created it");

        var same = new CompanyProfileInput(current.Name, current.Domain, current.Industry, current.Country, current.EmployeeBand, current.RevenueBand, string.Join(", ", current.Tags));
        (await scope.ServiceProvider.GetRequiredService<AccountEditor>().UpdateAsync(id, same, current.OwnerId)).Succeeded.Should().BeTrue();

        (await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.EntityId == id))).Should().Be(before.Count);
    }
}
