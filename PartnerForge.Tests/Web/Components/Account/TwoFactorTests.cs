using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Account;

namespace PartnerForge.Tests.Web.Components.Account;

/// <summary>
/// The two-factor set-up page of a signed-in user, with TwoFactorSetup, the app's sign-in manager and Identity over
/// SQLite: the shared key and link to add, a wrong code refused in words, the right one turns it on and shows the
/// recovery codes once, and turning it off offers a new key. The forms' posts are driven as the component's submits.
/// </summary>
public sealed class TwoFactorTests : SignInPageTest
{
    [Fact]
    public async Task A_user_without_two_factor_sees_the_key_and_link_to_add_and_the_workspace_requirement_when_asked()
    {
        await SignInAsync();
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/account/two-factor?required=1");

        var http = await RequestAsync(HttpMethods.Get);

        var cut = Render<TwoFactor>(p => p.AddCascadingValue<HttpContext>(http));

        cut.Find("h1").TextContent.Should().Be("Two-factor sign-in");
        cut.Find("[data-testid=two-factor-required]").TextContent.Should().Be("Your workspace requires two-factor sign-in. Set it up now to keep using PartnerForge.");
        var key = cut.Find("[data-testid=shared-key]").TextContent;
        key.Should().MatchRegex("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", "the key is shown in groups of four, as apps expect it typed");
        cut.Find("[data-testid=authenticator-uri]").GetAttribute("href").Should().StartWith("otpauth://totp/PartnerForge:rep%40northwind.test?secret=" + key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        cut.Find("label[for=verify-code]").TextContent.Should().Be("Code");
        cut.FindAll("[data-testid=two-factor-on]").Should().BeEmpty();
    }

    [Fact]
    public async Task A_wrong_code_is_refused_the_right_one_turns_it_on_shows_the_recovery_codes_and_renews_this_session()
    {
        await SignInAsync();
        var request = await RequestAsync(HttpMethods.Post);
        var cut = Render<TwoFactor>(p => p.AddCascadingValue<HttpContext>(request));
        var key = cut.Find("[data-testid=shared-key]").TextContent;

        cut.Find("#verify-code").Change(WrongCode(key));
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=two-factor-error]").TextContent.Should().Be(
            "That code is not the current one. Check the time on your phone and enter the newest 6-digit code."));
        cut.Find("#verify-code").GetAttribute("value").Should().BeEmpty();
        (await TwoFactorEnabledAsync()).Should().BeFalse();

        cut.Find("#verify-code").Change(Totp.Code(key, DateTimeOffset.UtcNow));
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=two-factor-on]").TextContent.Should().Be("Two-factor sign-in is on."));
        cut.FindAll("[data-testid=recovery-codes] li").Should().HaveCount(TwoFactorSetup.RecoveryCodeCount);
        cut.Find("[data-testid=recovery-codes-done]").GetAttribute("href").Should().Be("/");
        (await TwoFactorEnabledAsync()).Should().BeTrue();
        request.Response.Headers.SetCookie.Should().Contain(c => c!.StartsWith("PartnerForge.Auth=", StringComparison.Ordinal), "this browser gets a cookie with the new security stamp");
        KeepCookies(request);

        var http = await RequestAsync(HttpMethods.Get);
        var next = Render<TwoFactor>(p => p.AddCascadingValue<HttpContext>(http));
        next.Find("[data-testid=two-factor-on]").TextContent.Should().Be($"Two-factor sign-in is on. Recovery codes left: {TwoFactorSetup.RecoveryCodeCount}.");
        next.FindAll("[data-testid=shared-key]").Should().BeEmpty();
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones_and_turning_it_off_offers_a_new_key()
    {
        await SignInAsync();
        var first = await RequestAsync(HttpMethods.Post);
        var setup = Render<TwoFactor>(p => p.AddCascadingValue<HttpContext>(first));
        var oldKey = setup.Find("[data-testid=shared-key]").TextContent;
        setup.Find("#verify-code").Change(Totp.Code(oldKey, DateTimeOffset.UtcNow));
        setup.Find("form").Submit();
        setup.WaitForAssertion(() => setup.FindAll("[data-testid=recovery-codes] li").Should().HaveCount(TwoFactorSetup.RecoveryCodeCount));
        var oldCodes = setup.FindAll("[data-testid=recovery-codes] code").Select(c => c.TextContent).ToList();
        KeepCookies(first);

        var again = await RequestAsync(HttpMethods.Post);
        var cut = Render<TwoFactor>(p => p.AddCascadingValue<HttpContext>(again));
        cut.Find("[data-testid=new-recovery-codes]").Closest("form")!.Submit();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=recovery-codes] code").Should().HaveCount(TwoFactorSetup.RecoveryCodeCount));
        cut.FindAll("[data-testid=recovery-codes] code").Select(c => c.TextContent).Should().NotIntersectWith(oldCodes);

        var last = await RequestAsync(HttpMethods.Post);
        var off = Render<TwoFactor>(p => p.AddCascadingValue<HttpContext>(last));
        off.Find("[data-testid=disable-two-factor]").Closest("form")!.Submit();

        off.WaitForAssertion(() => off.Find("[data-testid=shared-key]").TextContent.Should().NotBe(oldKey, "a new key is made for the next set-up"));
        off.FindAll("[data-testid=two-factor-on]").Should().BeEmpty();
        (await TwoFactorEnabledAsync()).Should().BeFalse();
        last.Response.Headers.SetCookie.Should().Contain(c => c!.StartsWith("PartnerForge.Auth=", StringComparison.Ordinal));
    }

    /// <summary>Signs this browser in with the demo password, as the sign-in form does.</summary>
    private async Task SignInAsync()
    {
        var http = await RequestAsync(HttpMethods.Post);
        var result = await Scoped.GetRequiredService<SignInManager<ApplicationUser>>().PasswordSignInAsync(UserEmail, DemoWorkspace.DefaultPassword, false, false);
        result.Succeeded.Should().BeTrue();
        KeepCookies(http);
    }

    /// <summary>A 6-digit code that is none of the codes Identity accepts around now.</summary>
    private static string WrongCode(string key)
    {
        var near = Enumerable.Range(-4, 9).Select(step => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(step * 30))).ToHashSet();
        return Enumerable.Range(100_000, 10).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).First(c => !near.Contains(c));
    }

    private async Task<bool> TwoFactorEnabledAsync()
    {
        await using var scope = Host.Scope(null);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetTwoFactorEnabledAsync((await users.FindByEmailAsync(UserEmail))!);
    }
}
