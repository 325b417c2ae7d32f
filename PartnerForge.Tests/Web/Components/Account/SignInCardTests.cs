using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Layout;
using PartnerForge.Web.Components.Pages.Account;

namespace PartnerForge.Tests.Web.Components.Account;

/// <summary>
/// The card of the static sign-in pages: a labelled region around its content, whose class says which palette the
/// browser's theme cookie (else the user's saved choice) asks for; and the access denied page, which answers 403.
/// </summary>
public sealed class SignInCardTests : ComponentTest
{
    [Fact]
    public void The_card_is_a_region_named_by_its_heading_and_shows_its_content()
    {
        var cut = Render<SignInCard>(p => p
            .Add(c => c.LabelledBy, "card-title")
            .AddChildContent("<h1 id=\"card-title\">Sign in</h1><p>Welcome back.</p>"));

        var region = cut.Find("[role=region]");
        region.GetAttribute("aria-labelledby").Should().Be("card-title");
        region.QuerySelector("h1#card-title")!.TextContent.Should().Be("Sign in");
        region.QuerySelector("p")!.TextContent.Should().Be("Welcome back.");
        cut.Find(".pf-signin").ClassList.Should().Contain("pf-signin-system", "without a request the device decides the palette");
    }

    [Theory]
    [InlineData("dark", null, "pf-signin-dark")]
    [InlineData("light", "dark", "pf-signin-light")]
    [InlineData(null, "dark", "pf-signin-dark")]
    [InlineData("material-dark", null, "pf-signin-dark")]
    [InlineData(null, null, "pf-signin-system")]
    public void The_palette_follows_the_theme_cookie_before_the_users_saved_choice(string? cookie, string? claim, string expected)
    {
        var http = new DefaultHttpContext();
        if (cookie is not null)
        {
            http.Request.Headers.Cookie = $"{ThemePreferences.Cookie}={cookie}";
        }

        if (claim is not null)
        {
            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PartnerForgeClaims.Theme, claim)], "test"));
        }

        var cut = Render<SignInCard>(p => p.AddCascadingValue<HttpContext>(http).AddChildContent("<h1>Sign in</h1>"));

        var classes = cut.Find(".pf-signin").ClassList;
        classes.Should().Contain(expected);
        classes.Where(c => c.StartsWith("pf-signin-", StringComparison.Ordinal)).Should().ContainSingle();
    }

    [Fact]
    public void Access_denied_says_why_in_words_and_answers_a_server_request_with_403()
    {
        var http = new DefaultHttpContext();

        var cut = Render<AccessDenied>(p => p.AddCascadingValue<HttpContext>(http));

        cut.Find("h1").TextContent.Should().Be("Access denied");
        cut.Find("[role=status] h2").TextContent.Should().Be("You do not have access to that page");
        cut.Find(".pf-empty-text").TextContent.Should().Be("Your role does not include this area. Ask your tenant admin if you need it.");
        http.Response.StatusCode.Should().Be(StatusCodes.Status403Forbidden);
    }

    [Fact]
    public void Access_denied_leaves_a_response_that_has_started_alone_and_renders_without_a_request()
    {
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpResponseFeature>(new StartedResponse());

        Render<AccessDenied>(p => p.AddCascadingValue<HttpContext>(http)).Find("h1").TextContent.Should().Be("Access denied");
        http.Response.StatusCode.Should().Be(StatusCodes.Status200OK, "the status of a response already sent cannot change");

        Render<AccessDenied>().Find("h1").TextContent.Should().Be("Access denied", "in a live circuit there is no request to answer");
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
