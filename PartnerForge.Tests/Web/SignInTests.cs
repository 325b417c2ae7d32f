using System.Net;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

public sealed class SignInTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    private const string WrongOrUnknown = "That e-mail and password do not match an account";

    [Theory]
    [InlineData("/")]
    [InlineData("/accounts")]
    [InlineData("/pipeline")]
    [InlineData("/changes")]
    [InlineData("/alerts")]
    [InlineData("/admin")]
    [InlineData("/accounts/5b0b7f0e-3f55-4e8b-9d53-7a4d7a3c4e11")]
    public async Task Unauthenticated_requests_redirect_to_login(string path)
    {
        var response = await app.NewClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/login").And.Contain(Uri.EscapeDataString(path));
    }

    [Fact]
    public async Task The_demo_rep_signs_in_and_is_sent_to_the_page_asked_for()
    {
        var client = app.NewClient();

        var response = await PartnerForgeApp.SignInAsync(client, "rep@northwind.test", DemoWorkspace.DefaultPassword, "/accounts");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.Should().Be("/accounts");
        var page = await client.GetStringAsync("/accounts");
        page.Should().Contain("Northwind Analytics").And.Contain("Riley Rep").And.Contain("The companies your team is working.");
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var response = await PartnerForgeApp.SignInAsync(app.NewClient(), "manager@northwind.test", DemoWorkspace.DefaultPassword, "https://evil.example/phish");

        response.Headers.Location!.PathAndQuery.Should().Be("/");
        response.Headers.Location!.Host.Should().NotBe("evil.example");
    }

    [Fact]
    public async Task A_wrong_password_gets_a_clear_message_and_keeps_the_email()
    {
        var response = await PartnerForgeApp.SignInAsync(app.NewClient(), "admin@northwind.test", "not-the-password");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain(WrongOrUnknown).And.Contain("value=\"admin@northwind.test\"");
        page.Should().NotContain("Forge!Demo2026");
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_message_as_a_wrong_password()
    {
        var response = await PartnerForgeApp.SignInAsync(app.NewClient(), "nobody@nowhere.test", DemoWorkspace.DefaultPassword);

        (await response.Content.ReadAsStringAsync()).Should().Contain(WrongOrUnknown);
        response.Headers.Contains("Set-Cookie").Should().BeFalse("no sign-in cookie is issued");
    }

    [Fact]
    public async Task Missing_fields_are_reported_field_by_field()
    {
        var response = await PartnerForgeApp.SignInAsync(app.NewClient(), string.Empty, string.Empty);

        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("Enter your e-mail.").And.Contain("Enter your password.");
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_against_the_right_password()
    {
        const string email = "manager@globex.test";
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var failed = await PartnerForgeApp.SignInAsync(app.NewClient(), email, $"wrong-{attempt}");
            (await failed.Content.ReadAsStringAsync()).Should().Contain(WrongOrUnknown, "attempt {0} is an ordinary failure", attempt);
        }

        var fifth = await PartnerForgeApp.SignInAsync(app.NewClient(), email, "wrong-5");
        (await fifth.Content.ReadAsStringAsync()).Should().Contain("locked after too many failed attempts");

        var right = await PartnerForgeApp.SignInAsync(app.NewClient(), email, DemoWorkspace.DefaultPassword);
        right.StatusCode.Should().Be(HttpStatusCode.OK, "a locked account does not sign in");
        (await right.Content.ReadAsStringAsync()).Should().Contain("locked after too many failed attempts");

        var lockout = await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.IdentityUsers), u => u.Email == email));
        lockout.LockoutEnd.Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await app.SignedInClientAsync("rep@globex.test");
        var page = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().StartWith("/account/login");
        (await client.GetAsync("/accounts")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Sign_out_without_an_antiforgery_token_is_refused()
    {
        var client = await app.SignedInClientAsync("admin@globex.test");

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/accounts")).StatusCode.Should().Be(HttpStatusCode.OK, "the session is still there");
    }

    [Fact]
    public async Task A_rep_is_denied_the_admin_page_and_an_admin_sees_it()
    {
        var rep = await app.SignedInClientAsync("rep@northwind.test");
        var denied = await rep.GetAsync("/admin");
        denied.StatusCode.Should().Be(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().Should().Contain("/account/access-denied");

        var admin = await app.SignedInClientAsync("admin@northwind.test");
        var page = await admin.GetStringAsync("/admin");
        page.Should().Contain("Morgan Manager").And.NotContain("Glen Rep", "another tenant's users are not listed");
    }

    [Fact]
    public async Task Health_endpoints_answer_without_signing_in()
    {
        var client = app.NewClient();

        (await client.GetStringAsync("/health/live")).Should().Be("Healthy");
        (await client.GetStringAsync("/health/ready")).Should().Be("Healthy");
    }
}
