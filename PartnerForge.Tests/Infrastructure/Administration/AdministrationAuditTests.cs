using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Billing;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Billing;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Administration;

/// <summary>Suspension, plan changes, role changes and deactivation each leave an audit entry with before and after.</summary>
public sealed class AdministrationAuditTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _northwind;
    private Guid _globex;
    private Guid _admin;
    private Guid _platformAdmin;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_northwind, _globex, _admin, _platformAdmin) = await _host.AsSystemAsync(async db =>
        {
            var admin = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "admin@northwind.test");
            var platform = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "platform@partnerforge.test");
            var globex = await db.Tenants.SingleAsync(t => t.Slug == "globex");
            return (admin.TenantId, globex.Id, admin.Id, platform.Id);
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Suspending_and_reactivating_a_tenant_is_audited_in_that_tenants_log_with_the_platform_admin_as_actor()
    {
        await using (var scope = _host.Scope(_northwind, _platformAdmin))
        {
            var platform = scope.ServiceProvider.GetRequiredService<PlatformAdministration>();
            await platform.SuspendAsync(_globex);
            await platform.ReactivateAsync(_globex);
        }

        var entries = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.EntityType == nameof(Tenant) && a.EntityId == _globex && a.Action == AuditAction.Updated).OrderBy(a => a.AtUtc).ToListAsync());
        entries.Should().HaveCount(2);
        entries.Should().OnlyContain(a => a.TenantId == _globex && a.UserId == _platformAdmin && a.Action == AuditAction.Updated);
        var suspended = JsonDocument.Parse(entries[0].Changes).RootElement.GetProperty("Status");
        // Enums are stored by name, so the log reads "Suspended", not a number.
        suspended.GetProperty("old").GetString().Should().Be(nameof(TenantStatus.Active));
        suspended.GetProperty("new").GetString().Should().Be(nameof(TenantStatus.Suspended));
        var reactivated = JsonDocument.Parse(entries[1].Changes).RootElement.GetProperty("Status");
        reactivated.GetProperty("new").GetString().Should().Be(nameof(TenantStatus.Active));

        // The suspended tenant's admins see it in their log; Northwind's log does not.
        await using var globexAdmin = _host.Scope(_globex);
        (await globexAdmin.ServiceProvider.GetRequiredService<AuditLog>().SearchAsync(new AuditSearch(EntityType: nameof(Tenant)), acrossTenants: false)).Total
            .Should().Be(3, "created (seeding), suspended, reactivated");
        await using var northwindAdmin = _host.Scope(_northwind, _admin);
        (await northwindAdmin.ServiceProvider.GetRequiredService<AuditLog>().SearchAsync(new AuditSearch(EntityType: nameof(Tenant)), acrossTenants: false)).Rows
            .Should().OnlyContain(r => r.EntityId == _northwind, "Northwind's log holds only its own tenant row (its creation)");
    }

    [Fact]
    public async Task A_new_tenant_is_audited_as_created()
    {
        Guid id;
        await using (var scope = _host.Scope(_northwind, _platformAdmin))
        {
            id = (await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().CreateTenantAsync("Initech", "initech", PlanCatalog.Starter)).Value;
        }

        var entry = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.EntityType == nameof(Tenant) && a.EntityId == id));
        entry.Action.Should().Be(AuditAction.Created);
        entry.TenantId.Should().Be(id);
        JsonDocument.Parse(entry.Changes).RootElement.GetProperty("Name").GetProperty("new").GetString().Should().Be("Initech");
    }

    [Fact]
    public async Task A_plan_change_is_audited_with_the_old_subscription_ending_and_the_new_plan_starting()
    {
        var (starter, enterprise) = await _host.AsSystemAsync(async db =>
            ((await db.Plans.SingleAsync(p => p.Code == PlanCatalog.Starter)).Id, (await db.Plans.SingleAsync(p => p.Code == PlanCatalog.Enterprise)).Id));
        var before = await _host.AsSystemAsync(db => db.Subscriptions.IgnoreQueryFilters().SingleAsync(s => s.TenantId == _globex && s.EndedAtUtc == null));

        await using (var scope = _host.Scope(_northwind, _platformAdmin))
        {
            (await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().ChangePlanAsync(_globex, PlanCatalog.Enterprise)).Succeeded.Should().BeTrue();
        }

        var entries = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.TenantId == _globex && a.EntityType == nameof(Subscription) && a.UserId == _platformAdmin).ToListAsync());
        var ended = entries.Single(a => a.Action == AuditAction.Updated);
        ended.EntityId.Should().Be(before.Id);
        var endedAt = JsonDocument.Parse(ended.Changes).RootElement.GetProperty("EndedAtUtc");
        endedAt.GetProperty("old").ValueKind.Should().Be(JsonValueKind.Null);
        endedAt.GetProperty("new").GetDateTime().Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        var started = JsonDocument.Parse(entries.Single(a => a.Action == AuditAction.Created).Changes).RootElement;
        started.GetProperty("PlanId").GetProperty("old").ValueKind.Should().Be(JsonValueKind.Null);
        started.GetProperty("PlanId").GetProperty("new").GetGuid().Should().Be(enterprise);
        before.PlanId.Should().NotBe(enterprise);
        starter.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_role_change_is_audited_with_the_roles_before_and_after_and_deactivation_with_is_active()
    {
        var manager = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "manager@northwind.test"));
        await using (var scope = _host.Scope(_northwind, _admin))
        {
            var admin = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
            (await admin.SetRoleAsync(manager.Id, Roles.Rep)).Succeeded.Should().BeTrue();
            (await admin.SetRoleAsync(manager.Id, Roles.Rep)).Succeeded.Should().BeTrue("setting the same role again is allowed");
            (await admin.DeactivateAsync(manager.Id)).Succeeded.Should().BeTrue();
        }

        var entries = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == manager.Id && a.UserId == _admin).ToListAsync());
        var roleEntries = entries.Where(a => a.Changes.Contains("\"Roles\"", StringComparison.Ordinal)).ToList();
        roleEntries.Should().ContainSingle("an unchanged role is not a change");
        var roles = JsonDocument.Parse(roleEntries[0].Changes).RootElement.GetProperty("Roles");
        roles.GetProperty("old").GetString().Should().Be(Roles.Manager);
        roles.GetProperty("new").GetString().Should().Be(Roles.Rep);
        roleEntries[0].TenantId.Should().Be(_northwind);
        roleEntries[0].EntityType.Should().Be(nameof(User));
        var deactivated = entries.Single(a => a.Changes.Contains("\"IsActive\"", StringComparison.Ordinal));
        JsonDocument.Parse(deactivated.Changes).RootElement.GetProperty("IsActive").GetProperty("new").GetBoolean().Should().BeFalse();

        await using var read = _host.Scope(_northwind, _admin);
        (await read.ServiceProvider.GetRequiredService<AuditLog>().SearchAsync(new AuditSearch(Text: "\"Roles\""), acrossTenants: false)).Rows
            .Should().Contain(r => r.EntityId == manager.Id && r.UserName == "Alex Admin");
    }
}
