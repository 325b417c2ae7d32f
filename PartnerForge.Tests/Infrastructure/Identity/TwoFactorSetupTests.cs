using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Identity;

/// <summary>Two-factor with an authenticator app through Identity's EF stores: key, enable by TOTP code, recovery codes, disable.</summary>
public sealed class TwoFactorSetupTests : IAsyncLifetime
{
    private InfrastructureHost _host = default!;

    public async Task InitializeAsync() => _host = await InfrastructureHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_user_turns_on_two_factor_with_a_totp_code_gets_ten_recovery_codes_that_work_once_and_turns_it_off()
    {
        var rep = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test"));
        var signedIn = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, rep.Id.ToString())], "test"));
        TwoFactorState state;
        IReadOnlyList<string> codes;
        await using (var scope = _host.Scope(rep.TenantId, rep.Id))
        {
            var setup = scope.ServiceProvider.GetRequiredService<TwoFactorSetup>();
            state = await setup.GetAsync(signedIn);
            state.Enabled.Should().BeFalse();
            state.AuthenticatorUri.Should().StartWith("otpauth://totp/PartnerForge:rep%40northwind.test?secret=").And.Contain("issuer=PartnerForge");
            (await setup.GetAsync(signedIn)).SharedKey.Should().Be(state.SharedKey, "the key stays the same until two-factor is turned on or off");

            var wrong = await setup.EnableAsync(signedIn, "000000" == Totp.Code(state.SharedKey, DateTimeOffset.UtcNow) ? "111111" : "000000");
            wrong.Succeeded.Should().BeFalse();
            wrong.Error.Should().Contain("not the current one");

            var enabled = await setup.EnableAsync(signedIn, Totp.Code(state.SharedKey, DateTimeOffset.UtcNow));
            enabled.Succeeded.Should().BeTrue();
            codes = enabled.RecoveryCodes;
            codes.Should().HaveCount(10).And.OnlyHaveUniqueItems();
            (await setup.GetAsync(signedIn)).Should().Match<TwoFactorState>(s => s.Enabled && s.RecoveryCodesLeft == 10);
        }

        await using (var scope = _host.Scope(null))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var account = (await users.FindByIdAsync(rep.Id.ToString()))!;
            account.TwoFactorEnabled.Should().BeTrue();
            (await users.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, Totp.Code(state.SharedKey, DateTimeOffset.UtcNow))).Should().BeTrue();
            (await users.RedeemTwoFactorRecoveryCodeAsync(account, codes[0])).Succeeded.Should().BeTrue();
            (await users.RedeemTwoFactorRecoveryCodeAsync(account, codes[0])).Succeeded.Should().BeFalse("a recovery code works once");
            (await users.CountRecoveryCodesAsync(account)).Should().Be(9);
        }

        await using (var scope = _host.Scope(rep.TenantId, rep.Id))
        {
            var setup = scope.ServiceProvider.GetRequiredService<TwoFactorSetup>();
            await setup.DisableAsync(signedIn);
            var after = await setup.GetAsync(signedIn);
            after.Enabled.Should().BeFalse();
            after.SharedKey.Should().NotBe(state.SharedKey, "turning it off forgets the old key");
        }
    }

    [Fact]
    public async Task Opening_set_up_keeps_the_session_and_turning_it_on_ends_the_others()
    {
        var rep = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test"));
        var manager = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "manager@northwind.test"));
        await using var scope = _host.Scope(rep.TenantId, rep.Id);
        var setup = scope.ServiceProvider.GetRequiredService<TwoFactorSetup>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var stampBefore = await users.GetSecurityStampAsync((await users.FindByIdAsync(rep.Id.ToString()))!);

        var state = await setup.GetAsync(Principal(rep.Id));
        (await users.GetSecurityStampAsync((await users.FindByIdAsync(rep.Id.ToString()))!)).Should()
            .Be(stampBefore, "a new, unconfirmed key must not end the session that opened the page");

        var enabled = await setup.EnableAsync(Principal(rep.Id), Totp.Code(state.SharedKey, DateTimeOffset.UtcNow));
        (await users.GetSecurityStampAsync((await users.FindByIdAsync(rep.Id.ToString()))!)).Should()
            .NotBe(stampBefore, "turning it on ends the user's other sessions");

    }

    [Fact]
    public async Task A_workspace_that_requires_two_factor_sends_only_its_users_without_it_to_set_up()
    {
        var rep = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test"));
        var other = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().FirstAsync(u => u.TenantId != rep.TenantId));
        await using var scope = _host.Scope(rep.TenantId, rep.Id);
        var setup = scope.ServiceProvider.GetRequiredService<TwoFactorSetup>();
        var policy = scope.ServiceProvider.GetRequiredService<TwoFactorPolicy>();
        (await policy.MustSetUpAsync(Principal(rep.Id))).Should().BeFalse("the setting is off by default");

        await scope.ServiceProvider.GetRequiredService<PartnerForge.Infrastructure.Administration.TenantAdministration>().RequireTwoFactorAsync(true);
        (await policy.MustSetUpAsync(Principal(rep.Id))).Should().BeTrue();
        (await policy.MustSetUpAsync(Principal(other.Id))).Should().BeFalse("another workspace's setting is its own");

        var state = await setup.GetAsync(Principal(rep.Id));
        await setup.EnableAsync(Principal(rep.Id), Totp.Code(state.SharedKey, DateTimeOffset.UtcNow));
        (await policy.MustSetUpAsync(Principal(rep.Id))).Should().BeFalse("two-factor is on now");
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(Guid userId) => new(new System.Security.Claims.ClaimsIdentity(
        [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId.ToString())], "test"));
}
