using System.Net;
using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Auth;
using PartnerForge.Web.Components.Pages.Account;

namespace PartnerForge.Tests.Web.Components.Account;

/// <summary>
/// The "forgot your password" form with the real PasswordReset service over SQLite and a real SMTP server: the
/// field is labelled, a bad address is refused in words, every address gets the same answer (only a real account
/// gets the e-mail), and one network asking too often is turned away with 429. The form's post is driven here as
/// the component's submit; the HTTP round trip itself is covered by the HTTP and browser tests.
/// </summary>
public sealed class ForgotPasswordTests : DatabaseComponentTest
{
    private readonly SmtpServer _smtp = new();
    private readonly SignInThrottle _throttle = new(Options.Create(new SignInThrottleOptions { FreeFailuresPerClient = 2 }), TimeProvider.System);

    public ForgotPasswordTests() => Services.AddSingleton(_throttle);

    protected override bool SignedIn => false;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Enabled"] = "true",
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "alerts@partnerforge.test",
        ["Smtp:PublicBaseUrl"] = "https://forge.example.com/",
    };

    public override async Task InitializeAsync()
    {
        await _smtp.InitializeAsync();
        await base.InitializeAsync();
    }

    protected override async Task CleanupAsync()
    {
        await base.CleanupAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public void The_form_has_a_labelled_e_mail_field_and_refuses_an_empty_or_malformed_address_in_words()
    {
        var cut = Render<ForgotPassword>(p => p.AddCascadingValue<HttpContext>(Request("198.51.100.1")));

        cut.Find("label[for=email]").TextContent.Should().Be("E-mail");
        cut.Find("input#email").GetAttribute("autocomplete").Should().Be("username");
        cut.Find("h1").TextContent.Should().Be("Forgot your password?");
        cut.Find("a[href='/account/login']").TextContent.Should().Be("Back to sign-in");

        cut.Find("form").Submit();
        cut.Find(".pf-signin-error").TextContent.Should().Be("Enter your e-mail address.");

        cut.Find("#email").Change("riley at northwind");
        cut.Find("form").Submit();
        cut.Find(".pf-signin-error").TextContent.Should().Be("Enter an e-mail address, like you@company.com.");
        cut.FindAll("[data-testid=reset-sent]").Should().BeEmpty();
        _smtp.Messages().Should().BeEmpty();
    }

    [Fact]
    public void A_known_and_an_unknown_address_get_the_same_answer_and_only_the_account_gets_the_e_mail()
    {
        var unknown = Render<ForgotPassword>(p => p.AddCascadingValue<HttpContext>(Request("198.51.100.2")));
        unknown.Find("#email").Change("nobody@northwind.test");
        unknown.Find("form").Submit();

        unknown.WaitForAssertion(() => unknown.Find("[data-testid=reset-sent]").TextContent.Trim().Should().Be(
            "If an account uses that address, we have e-mailed it a link to choose a new password. The link works for 2 hours."));
        unknown.FindAll("form").Should().BeEmpty("the answer replaces the form");
        _smtp.Messages().Should().BeEmpty();

        var known = Render<ForgotPassword>(p => p.AddCascadingValue<HttpContext>(Request("198.51.100.3")));
        known.Find("#email").Change(UserEmail);
        known.Find("form").Submit();

        known.WaitForAssertion(() => known.Find("[data-testid=reset-sent]").TextContent.Should().Be(unknown.Find("[data-testid=reset-sent]").TextContent));
        known.WaitForAssertion(() => _smtp.Messages().Should().ContainSingle().Which.Should().Contain(UserEmail).And.Contain("Reset your PartnerForge password"));
    }

    [Fact]
    public void A_network_that_asks_too_often_is_told_to_wait_with_429_while_another_network_still_gets_its_answer()
    {
        for (var i = 0; i < 2; i++)
        {
            var allowed = Render<ForgotPassword>(p => p.AddCascadingValue<HttpContext>(Request("203.0.113.9")));
            allowed.Find("#email").Change("nobody@northwind.test");
            allowed.Find("form").Submit();
            allowed.WaitForAssertion(() => allowed.Find("[data-testid=reset-sent]"));
        }

        var http = Request("203.0.113.9");
        var cut = Render<ForgotPassword>(p => p.AddCascadingValue<HttpContext>(http));
        cut.Find("#email").Change("nobody@northwind.test");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=reset-error]").TextContent.Should().Be("Too many requests from your network. Wait a while and try again."));
        http.Response.StatusCode.Should().Be(StatusCodes.Status429TooManyRequests);
        cut.FindAll("[data-testid=reset-sent]").Should().BeEmpty();
        cut.Find("#email").GetAttribute("value").Should().Be("nobody@northwind.test", "the form stays with what was typed");

        var other = Render<ForgotPassword>(p => p.AddCascadingValue<HttpContext>(Request("203.0.113.10")));
        other.Find("#email").Change("nobody@northwind.test");
        other.Find("form").Submit();
        other.WaitForAssertion(() => other.FindAll("[data-testid=reset-sent]").Should().ContainSingle());
    }

    private DefaultHttpContext Request(string ip)
    {
        var http = new DefaultHttpContext { RequestServices = Scoped };
        http.Request.Method = HttpMethods.Post;
        http.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        return http;
    }
}

/// <summary>Without e-mail configured, the form is not offered: the page says to ask the workspace admin.</summary>
public sealed class ForgotPasswordWithoutEmailTests : DatabaseComponentTest
{
    public ForgotPasswordWithoutEmailTests() =>
        Services.AddSingleton(new SignInThrottle(Options.Create(new SignInThrottleOptions()), TimeProvider.System));

    protected override bool SignedIn => false;

    [Fact]
    public void The_page_says_to_ask_the_workspace_admin_and_offers_no_form()
    {
        var cut = Render<ForgotPassword>(p => p.AddCascadingValue<HttpContext>(new DefaultHttpContext()));

        cut.Find("[data-testid=reset-not-available]").TextContent.Trim().Should().Be(
            "This PartnerForge does not send e-mail, so ask your workspace admin: they can reset your password from the Admin page.");
        cut.FindAll("form").Should().BeEmpty();
        cut.FindAll("input#email").Should().BeEmpty();
        cut.Find("a[href='/account/login']").TextContent.Should().Be("Back to sign-in");
    }
}
