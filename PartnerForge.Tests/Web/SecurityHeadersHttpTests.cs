using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Hosting;

namespace PartnerForge.Tests.Web;

/// <summary>The security headers on every kind of answer of the real app, and the status codes of refused and unknown pages.</summary>
public sealed class SecurityHeadersHttpTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    [Theory]
    [InlineData("/account/login", HttpStatusCode.OK)]
    [InlineData("/_framework/blazor.web.js", HttpStatusCode.OK)]
    [InlineData("/favicon.svg", HttpStatusCode.OK)]
    [InlineData("/api/v1/targets", HttpStatusCode.Unauthorized)]
    [InlineData("/health/ready", HttpStatusCode.OK)]
    public async Task Every_answer_carries_the_security_headers(string path, HttpStatusCode status)
    {
        var response = await app.NewClient().GetAsync(path);

        response.StatusCode.Should().Be(status);
        AssertHeaders(response);
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("HSTS is only sent over TLS");
    }

    [Fact]
    public async Task A_signed_in_page_carries_one_policy_of_ours_and_no_second_framing_policy()
    {
        var client = await app.SignedInClientAsync("rep@northwind.test");

        var response = await client.GetAsync("/accounts");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        AssertHeaders(response);
        response.Headers.GetValues("Content-Security-Policy").Should().ContainSingle();
    }

    [Fact]
    public async Task A_page_the_role_does_not_allow_answers_403_and_an_unknown_one_404()
    {
        var client = await app.SignedInClientAsync("rep@northwind.test");

        var refused = await client.GetAsync("/admin");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().Should().Contain("/account/access-denied");

        var denied = await client.GetAsync(refused.Headers.Location);
        denied.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await denied.Content.ReadAsStringAsync()).Should().Contain("You do not have access to that page");
        AssertHeaders(denied);

        var unknown = await client.GetAsync("/nothing-here");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        AssertHeaders(unknown);
    }

    [Theory]
    [InlineData("https://partnerforge.example/", true)]
    [InlineData("http://partnerforge.example/", false)]
    public async Task Hsts_is_sent_only_over_tls(string baseAddress, bool expected)
    {
        using var host = await new HostBuilder()
            .ConfigureWebHost(web => web.UseTestServer().Configure(a =>
            {
                a.UsePartnerForgeSecurityHeaders();
                a.Run(c => c.Response.WriteAsync("ok"));
            }))
            .StartAsync();
        var client = host.GetTestClient();
        client.BaseAddress = new Uri(baseAddress);

        var response = await client.GetAsync("/");

        response.Headers.Contains("Strict-Transport-Security").Should().Be(expected);
        if (expected)
        {
            response.Headers.GetValues("Strict-Transport-Security").Single().Should().StartWith("max-age=31536000");
        }
    }

    private static void AssertHeaders(HttpResponseMessage response)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        csp.Should().Contain("script-src 'self'").And.Contain("style-src").And.Contain("connect-src 'self'")
            .And.Contain("frame-src 'none'").And.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'");
        csp.Should().NotContain("unsafe-eval");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("strict-origin-when-cross-origin");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
    }
}
