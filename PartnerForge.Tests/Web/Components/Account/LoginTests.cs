using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Account;

namespace PartnerForge.Tests.Web.Components.Account;

/// <summary>
/// The sign-in page and its two-factor step with the app's sign-in manager and Identity over SQLite: each render is
/// one request of a browser that keeps the cookies the responses set. The forms' posts are driven as the components'
/// submits (the HTTP form mapping and antiforgery are covered by the HTTP and browser tests).
/// </summary>
public sealed class LoginTests : SignInPageTest
{
    private const string AuthCookie = "PartnerForge.Auth";

    [Theory]
    [InlineData("signedOut", "You have signed out.")]
    [InlineData("sessionEnded", "Your session was ended by an admin. Sign in again if your account is still active.")]
    [InlineData("passwordReset", "Your password is changed. Sign in with the new one.")]
    public async Task Opening_the_page_shows_the_labelled_form_and_the_note_its_link_asks_for(string flag, string note)
    {
        Open($"/account/login?{flag}=1");
        var http = await RequestAsync(HttpMethods.Get);

        var cut = Render<Login>(p => p.AddCascadingValue<HttpContext>(http));

        cut.Find("h1").TextContent.Should().Be("Sign in");
        cut.Find("label[for=email]").TextContent.Should().Be("E-mail");
        cut.Find("label[for=password]").TextContent.Should().Be("Password");
        cut.Find("input#password").GetAttribute("type").Should().Be("password");
        cut.Find("a[data-testid=forgot-password]").GetAttribute("href").Should().Be("/account/forgot-password");
        cut.FindAll("[role=status]").Select(n => n.TextContent).Should().Equal(note);
    }

    [Fact]
    public async Task The_notes_of_the_link_are_not_repeated_on_a_posted_form()
    {
        Open("/account/login?signedOut=1&passwordReset=1");

        var http = await RequestAsync(HttpMethods.Post);

        var cut = Render<Login>(p => p.AddCascadingValue<HttpContext>(http));

        cut.FindAll("[role=status]").Should().BeEmpty();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_words_keeps_the_e_mail_and_signs_nobody_in()
    {
        Open("/account/login");
        var http = await RequestAsync(HttpMethods.Post);
        var cut = Render<Login>(p => p.AddCascadingValue<HttpContext>(http));

        cut.Find("form").Submit();
        cut.FindAll(".pf-signin-error").Select(e => e.TextContent).Should().Equal("Enter your e-mail.", "Enter your password.");

        cut.Find("#email").Change(UserEmail);
        cut.Find("#password").Change("Not-the-password-1");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=login-error]").TextContent.Should().Be("That e-mail and password do not match an account. Check both and try again."));
        cut.Find("#email").GetAttribute("value").Should().Be(UserEmail);
        cut.Find("#password").GetAttribute("value").Should().BeEmpty();
        KeepCookies(http);
        CookieNames.Should().NotContain(AuthCookie);
        Services.GetRequiredService<NavigationManager>().Uri.Should().EndWith("/account/login");
    }

    [Theory]
    [InlineData("/accounts?view=mine", "/accounts?view=mine")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    public async Task The_right_password_signs_in_and_goes_back_only_to_an_address_of_this_site(string returnUrl, string expected)
    {
        Open("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var http = await RequestAsync(HttpMethods.Post);
        var cut = Render<Login>(p => p.AddCascadingValue<HttpContext>(http));

        cut.Find("#email").Change(" " + UserEmail.ToUpperInvariant() + " ");
        cut.Find("#password").Change(DemoWorkspace.DefaultPassword);
        cut.Find("form").Submit();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => navigation.ToBaseRelativePath(navigation.Uri).Should().Be(expected.TrimStart('/')));
        cut.FindAll("[data-testid=login-error]").Should().BeEmpty();
        KeepCookies(http);
        CookieNames.Should().Contain(AuthCookie);
        (await RequestAsync(HttpMethods.Get)).User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value.Should().Be(UserId.ToString(), "the next request is signed in as that user");
    }

    [Fact]
    public async Task A_locked_out_account_is_told_so_even_with_the_right_password()
    {
        await using (var scope = Host.Scope(null))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(UserEmail))!, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        Open("/account/login");
        var http = await RequestAsync(HttpMethods.Post);
        var cut = Render<Login>(p => p.AddCascadingValue<HttpContext>(http));
        cut.Find("#email").Change(UserEmail);
        cut.Find("#password").Change(DemoWorkspace.DefaultPassword);
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=login-error]").TextContent.Should().Be(
            "This account is locked after too many failed attempts. Try again in 15 minutes, or ask your admin to unlock it."));
        KeepCookies(http);
        CookieNames.Should().NotContain(AuthCookie);
    }

    [Fact]
    public async Task With_two_factor_on_the_password_leads_to_the_code_step_which_signs_in_with_the_current_code()
    {
        var key = await TurnOnTwoFactorAsync();
        Open("/account/login?returnUrl=%2Fpipeline");
        var http = await RequestAsync(HttpMethods.Post);
        var login = Render<Login>(p => p.AddCascadingValue<HttpContext>(http));
        login.Find("#email").Change(UserEmail);
        login.Find("#password").Change(DemoWorkspace.DefaultPassword);
        login.Find("form").Submit();

        var navigation = Services.GetRequiredService<NavigationManager>();
        login.WaitForAssertion(() => navigation.Uri.Should().EndWith("/account/login/two-factor?returnUrl=%2Fpipeline&rememberMe=False"));
        KeepCookies(http);
        CookieNames.Should().NotContain(AuthCookie, "the password alone does not sign in");

        var step = await RequestAsync(HttpMethods.Post);
        var cut = Render<LoginTwoFactor>(p => p.AddCascadingValue<HttpContext>(step));
        cut.Find("h1").TextContent.Should().Be("Two-factor sign-in");
        cut.Find("label[for=code]").TextContent.Should().Be("Code");
        cut.Find("#code").Change("12345");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=two-factor-error]").TextContent.Should().Be("That code did not work. Enter the newest code from your app, or an unused recovery code."));
        cut.Find("#code").GetAttribute("value").Should().BeEmpty();

        cut.Find("#code").Change(Totp.Code(key, DateTimeOffset.UtcNow));
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => navigation.ToBaseRelativePath(navigation.Uri).Should().Be("pipeline"));
        KeepCookies(step);
        CookieNames.Should().Contain(AuthCookie);
    }

    [Fact]
    public async Task The_code_step_opened_without_a_password_first_says_the_sign_in_has_expired()
    {
        Open("/account/login/two-factor");

        var http = await RequestAsync(HttpMethods.Get);

        var cut = Render<LoginTwoFactor>(p => p.AddCascadingValue<HttpContext>(http));

        cut.Find("[data-testid=two-factor-error]").TextContent.Should().Be("Your sign-in has expired. Go back and enter your e-mail and password again.");
        cut.Find("a[href='/account/login']").TextContent.Should().Be("Back to sign-in");
    }

    private void Open(string relative) => Services.GetRequiredService<NavigationManager>().NavigateTo(relative);

    /// <summary>Turns two-factor on for the user as the set-up page does; returns the shared key the app would hold.</summary>
    private async Task<string> TurnOnTwoFactorAsync()
    {
        await using var scope = Host.Scope(null);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync((await users.FindByEmailAsync(UserEmail))!);
        var setup = scope.ServiceProvider.GetRequiredService<TwoFactorSetup>();
        var key = (await setup.GetAsync(principal)).SharedKey;
        (await setup.EnableAsync(principal, Totp.Code(key, DateTimeOffset.UtcNow))).Succeeded.Should().BeTrue();
        return key;
    }
}

/// <summary>The sign-in page turns away a network after its free failed attempts, with 429 and how long to wait.</summary>
public sealed class LoginThrottleTests() : SignInPageTest(freeFailuresPerClient: 1)
{
    [Fact]
    public async Task After_the_free_failures_a_network_must_wait_and_its_password_is_not_even_checked()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/account/login");
        var firstRequest = await RequestAsync(HttpMethods.Post, "203.0.113.5");
        var first = Render<Login>(p => p.AddCascadingValue<HttpContext>(firstRequest));
        first.Find("#email").Change(UserEmail);
        first.Find("#password").Change("Not-the-password-1");
        first.Find("form").Submit();
        first.WaitForAssertion(() => first.Find("[data-testid=login-error]").TextContent.Should().StartWith("That e-mail and password do not match"));

        var http = await RequestAsync(HttpMethods.Post, "203.0.113.5");
        var cut = Render<Login>(p => p.AddCascadingValue<HttpContext>(http));
        cut.Find("#email").Change(UserEmail);
        cut.Find("#password").Change(DemoWorkspace.DefaultPassword);
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=login-error]").TextContent.Should().MatchRegex(@"^Too many failed sign-ins from your network\. Wait \d+ seconds and try again\.$"));
        http.Response.StatusCode.Should().Be(StatusCodes.Status429TooManyRequests);
        int.Parse(http.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 30);
        KeepCookies(http);
        CookieNames.Should().NotContain("PartnerForge.Auth", "the right password is not checked while the network waits");
    }
}
