using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Tenancy;

/// <summary>A user's theme choice is saved with the user, travels in the sign-in claims, and is not audited.</summary>
public sealed class UserPreferencesTests
{
    [Fact]
    public async Task The_theme_is_saved_for_the_current_user_only_comes_back_as_a_claim_and_writes_no_audit_entry()
    {
        await using var host = await InfrastructureHost.StartAsync();
        var (tenant, rep, manager) = await host.AsSystemAsync(async db => (
            (await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test")).TenantId,
            (await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test")).Id,
            (await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "manager@northwind.test")).Id));
        var auditsBefore = await host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync());

        await using (var scope = host.Scope(tenant, rep))
        {
            (await scope.ServiceProvider.GetRequiredService<UserPreferences>().SetThemeAsync("dark")).Should().BeTrue();
        }

        var themes = await host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == rep || u.Id == manager).ToDictionaryAsync(u => u.Id, u => u.Theme));
        themes[rep].Should().Be("dark");
        themes[manager].Should().BeNull();
        (await host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync())).Should().Be(auditsBefore, "a display choice is not an audited change");

        await using (var scope = host.Scope(tenant, rep))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PartnerForge.Infrastructure.Identity.ApplicationUser>>();
            var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PartnerForge.Infrastructure.Identity.ApplicationUser>>().CreateAsync((await users.FindByIdAsync(rep.ToString()))!);
            principal.FindFirst(PartnerForgeClaims.Theme)?.Value.Should().Be("dark");

            (await scope.ServiceProvider.GetRequiredService<UserPreferences>().SetThemeAsync(null)).Should().BeTrue();
        }

        (await host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == rep))).Theme.Should().BeNull();
        await using (var nobody = host.Scope(tenant))
        {
            (await nobody.ServiceProvider.GetRequiredService<UserPreferences>().SetThemeAsync("dark")).Should().BeFalse();
        }
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    [InlineData(null)]
    public void A_user_can_choose_light_dark_or_none(string? theme)
    {
        var user = new User(Guid.NewGuid(), "a@b.test", "A B", DateTime.UtcNow);
        user.ChooseTheme(theme);
        user.Theme.Should().Be(theme);
    }

    [Fact]
    public void Any_other_theme_is_refused()
    {
        var user = new User(Guid.NewGuid(), "a@b.test", "A B", DateTime.UtcNow);
        user.Invoking(u => u.ChooseTheme("neon")).Should().Throw<ArgumentOutOfRangeException>();
        user.Theme.Should().BeNull();
    }
}
