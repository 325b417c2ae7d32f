using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Infrastructure.Changes;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Auth;

namespace PartnerForge.Tests.Web;

/// <summary>Failed sign-ins from one client, across many accounts, are throttled with a growing wait.</summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private readonly PartnerForgeApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Thirty_failed_sign_ins_for_different_accounts_from_one_client_are_throttled_and_the_password_is_not_even_checked()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? throttled = null;
        for (var attempt = 1; attempt <= 30; attempt++)
        {
            var response = await PartnerForgeApp.SignInAsync(_app.NewClient(), $"guess{attempt}@northwind.test", "not-a-password");
            statuses.Add(response.StatusCode);
            throttled ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        statuses.Take(10).Should().OnlyContain(s => s == HttpStatusCode.OK, "ten failures are free: people mistype");
        statuses.Skip(10).Should().OnlyContain(s => s == HttpStatusCode.TooManyRequests);
        throttled!.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 30);
        (await throttled.Content.ReadAsStringAsync()).Should().Contain("Too many failed sign-ins from your network");

        var right = await PartnerForgeApp.SignInAsync(_app.NewClient(), "rep@northwind.test", DemoWorkspace.DefaultPassword);
        right.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a throttled client is refused before its password is checked");
    }
}

public sealed class SignInThrottleRulesTests
{
    private readonly ManualClock _clock = new(new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc));

    private SignInThrottle Throttle() => new(Options.Create(new SignInThrottleOptions { FreeFailuresPerClient = 3, FirstBackoffSeconds = 30, MaxBackoffMinutes = 15, WindowMinutes = 15 }), _clock);

    [Fact]
    public void The_wait_doubles_with_each_failure_past_the_free_ones_up_to_the_cap()
    {
        var throttle = Throttle();
        var waits = new List<double?>();
        for (var failure = 1; failure <= 10; failure++)
        {
            throttle.RecordFailure("198.51.100.7");
            waits.Add(throttle.RetryAfter("198.51.100.7")?.TotalSeconds);
            _clock.UtcNow = _clock.UtcNow.AddSeconds(1);
        }

        waits.Take(2).Should().OnlyContain(w => w == null);
        waits.Skip(2).Should().Equal(30, 60, 120, 240, 480, 900, 900, 900);
        throttle.RetryAfter("203.0.113.9").Should().BeNull("another client is not affected");
    }

    [Fact]
    public void A_client_may_try_again_once_its_wait_is_over_and_is_forgotten_after_the_window()
    {
        var throttle = Throttle();
        for (var failure = 1; failure <= 3; failure++)
        {
            throttle.RecordFailure("198.51.100.7");
        }

        throttle.RetryAfter("198.51.100.7").Should().Be(TimeSpan.FromSeconds(30));
        _clock.UtcNow = _clock.UtcNow.AddSeconds(31);
        throttle.RetryAfter("198.51.100.7").Should().BeNull();
        throttle.RecordFailure("198.51.100.7");
        throttle.RetryAfter("198.51.100.7").Should().Be(TimeSpan.FromSeconds(60), "the next failure doubles the wait");

        _clock.UtcNow = _clock.UtcNow.AddMinutes(16);
        throttle.RecordFailure("198.51.100.7");
        throttle.RetryAfter("198.51.100.7").Should().BeNull("failures older than the window are forgotten");
    }
}

/// <summary>The app as run.sh runs it (environment Demo), where a bad request used to become a 500.</summary>
public sealed class DemoEnvironmentErrorTests(DemoEnvironmentErrorTests.DemoApp app) : IClassFixture<DemoEnvironmentErrorTests.DemoApp>
{
    [Fact]
    public async Task Sign_out_without_an_antiforgery_token_is_a_400_with_a_readable_page()
    {
        var client = await app.SignedInClientAsync("admin@globex.test");

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("security token is missing or expired").And.NotContain("   at ").And.NotContain("Exception");
        (await client.GetAsync("/accounts")).StatusCode.Should().Be(HttpStatusCode.OK, "the session is still there");
    }

    public sealed class DemoApp : PartnerForgeApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Demo");
        }
    }
}
