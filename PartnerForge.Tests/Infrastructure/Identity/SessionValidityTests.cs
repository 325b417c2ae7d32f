using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Identity;

/// <summary>The live circuit's periodic check: the session stands only for an active person in an active workspace with the stamp it was issued.</summary>
public sealed class SessionValidityTests : IAsyncLifetime
{
    private InfrastructureHost _host = default!;

    public async Task InitializeAsync() => _host = await InfrastructureHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<bool> StillValidAsync(Guid userId, string? stamp)
    {
        await using var scope = _host.Scope(null);
        return await scope.ServiceProvider.GetRequiredService<SessionValidity>().StillValidAsync(userId, stamp);
    }

    private Task<ApplicationUser> RepAsync() => _host.AsSystemAsync(db => db.IdentityUsers.AsNoTracking().SingleAsync(u => u.Email == "rep@northwind.test"));

    [Fact]
    public async Task The_session_stands_with_the_current_stamp_and_ends_when_the_stamp_rotates()
    {
        var rep = await RepAsync();
        (await StillValidAsync(rep.Id, rep.SecurityStamp)).Should().BeTrue();
        (await StillValidAsync(rep.Id, null)).Should().BeFalse("a session without a stamp cannot be checked");

        await using (var scope = _host.Scope(null))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            (await users.UpdateSecurityStampAsync((await users.FindByIdAsync(rep.Id.ToString()))!)).Succeeded.Should().BeTrue();
        }

        (await StillValidAsync(rep.Id, rep.SecurityStamp)).Should().BeFalse("a password reset or sign-out everywhere rotates the stamp");
        (await StillValidAsync(rep.Id, (await RepAsync()).SecurityStamp)).Should().BeTrue();
    }

    [Fact]
    public async Task A_deactivated_person_a_suspended_workspace_or_an_unknown_id_ends_the_session()
    {
        var rep = await RepAsync();
        (await StillValidAsync(Guid.NewGuid(), rep.SecurityStamp)).Should().BeFalse();

        await _host.AsSystemAsync(db => db.Tenants.Where(t => t.Id == rep.TenantId).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TenantStatus.Suspended)));
        (await StillValidAsync(rep.Id, rep.SecurityStamp)).Should().BeFalse("a suspended workspace's people lose their sessions");

        await _host.AsSystemAsync(db => db.Tenants.Where(t => t.Id == rep.TenantId).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TenantStatus.Active)));
        (await StillValidAsync(rep.Id, rep.SecurityStamp)).Should().BeTrue();

        await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == rep.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));
        (await StillValidAsync(rep.Id, rep.SecurityStamp)).Should().BeFalse("a deactivated person loses their sessions");
    }
}
