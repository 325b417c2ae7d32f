using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Contacts;
using PartnerForge.Infrastructure.Outreach;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>
/// The links in outreach e-mails over real HTTP: one-click unsubscribe (RFC 8058) stops every sequence for the address and
/// suppresses it; a GET only asks; clicks redirect only to the signed address; altered links are a 404; a reply recorded
/// from the mailbox ends the enrolment and raises the sequence owner's alert.
/// </summary>
public sealed class OutreachTrackingHttpTests : IAsyncLifetime
{
    private readonly SmtpServer _smtp = new();
    private OutreachApp _app = null!;

    public async Task InitializeAsync()
    {
        await _smtp.InitializeAsync();
        _app = new OutreachApp();
        _app.Settings["Smtp:Enabled"] = "true";
        _app.Settings["Smtp:Host"] = "127.0.0.1";
        _app.Settings["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app.Settings["Smtp:Security"] = "None";
        _app.Settings["Smtp:PublicBaseUrl"] = "https://forge.example.com/";
        _app.Settings["Outreach:DispatchIntervalSeconds"] = "3600";
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task One_click_unsubscribe_stops_every_sequence_for_the_address_and_a_get_only_asks()
    {
        var (ben, first, second) = await SendToBenInTwoSequencesAsync();
        var message = Received().Single();
        var unsubscribe = Local(message.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        using var client = _app.NewClient();

        var ask = await client.GetAsync(unsubscribe);
        ask.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ask.Content.ReadAsStringAsync()).Should().Contain("<button type=\"submit\">Unsubscribe</button>");
        (await StatesAsync()).Should().OnlyContain(s => s == EnrolmentState.Active, "following the link is not unsubscribing (mail scanners follow links)");

        var altered = unsubscribe[..^3] + (unsubscribe[^3] == 'A' ? "B" : "A") + unsubscribe[^2..];
        (await client.PostAsync(altered, OneClick())).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var done = await client.PostAsync(unsubscribe, OneClick());
        done.StatusCode.Should().Be(HttpStatusCode.OK);
        (await done.Content.ReadAsStringAsync()).Should().Contain("You are unsubscribed");
        (await StatesAsync()).Should().OnlyContain(s => s == EnrolmentState.Stopped, "both sequences stop for the address");
        await AsTenantAsync(async s => (await s.GetRequiredService<SuppressionList>().ContainsAsync("Ben@Okafor.example")).Should().BeTrue());
        var again = await AsTenantAsync(async s =>
        {
            var third = (await s.GetRequiredService<SequenceService>().CreateAsync(new SequenceInput("Third", new TimeOnly(8, 0), new TimeOnly(17, 0),
                [new StepInput(StepKind.Email, Subject: "Hi", Body: "Hi.")]), s.GetRequiredService<TenantContext>().UserId!.Value)).Value;
            return await s.GetRequiredService<EnrolmentService>().EnrolAsync(third, [ben], null);
        });
        again.Value!.NotEnrolled.Should().ContainSingle().Which.Should().Be("Ben Okafor: is on the suppression list (unsubscribed, bounced or erased)");
        await AsTenantAsync(s => s.GetRequiredService<SequenceDispatcher>().RunAsync());
        Received().Should().ContainSingle("nothing more goes to an unsubscribed address");
        _ = (first, second);
    }

    [Fact]
    public async Task A_click_redirects_only_to_the_signed_address_and_is_recorded()
    {
        await SendToBenInTwoSequencesAsync();
        var html = Received().Single().HtmlBody!;
        var click = Local(System.Text.RegularExpressions.Regex.Match(html, "href=\"(https://forge.example.com/t/c/[^\"]+)\"").Groups[1].Value);
        using var client = _app.NewClient();
        var response = await client.GetAsync(click);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("https://example.com/case-study");
        (await client.GetAsync(click + "x")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/t/c/not-a-token?url=https://evil.example")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var touch = await _app.QueryAsync(db => db.Touches.IgnoreQueryFilters().SingleAsync(t => t.SentAtUtc != null));
        touch.ClickedAtUtc.Should().NotBeNull();
        touch.OpenedAtUtc.Should().NotBeNull("a click implies the e-mail was opened");
    }

    [Fact]
    public async Task A_reply_ends_the_enrolment_and_raises_the_sequence_owners_alert_on_the_timeline()
    {
        await SendToBenInTwoSequencesAsync();
        var message = Received().Single();
        var recorded = await AsTenantAsync(s => s.GetRequiredService<EngagementService>().RecordInboundAsync(message.MessageId!, EngagementKind.Replied));
        recorded.Should().BeTrue();
        var states = await StatesAsync();
        states.Should().Contain(EnrolmentState.Stopped).And.Contain(EnrolmentState.Active, "a reply ends the sequence that wrote, not the others");
        var rep = await _app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test"));
        var alert = await _app.QueryAsync(db => db.Alerts.IgnoreQueryFilters().SingleAsync(a => a.UserId == rep.Id));
        alert.Title.Should().Contain("Ben Okafor replied to");
        var change = await _app.QueryAsync(db => db.ChangeEvents.IgnoreQueryFilters().SingleAsync(c => c.Module == EngagementEvents.Module));
        change.Describe().Should().Be($"Ben Okafor replied to “{message.Subject}”");
        (await AsTenantAsync(s => s.GetRequiredService<EngagementService>().RecordInboundAsync("unknown@elsewhere", EngagementKind.Replied))).Should().BeFalse();
    }

    private async Task<(Guid Ben, Guid First, Guid Second)> SendToBenInTwoSequencesAsync()
    {
        return await AsTenantAsync(async s =>
        {
            var company = await s.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContext().Companies.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
            var rep = s.GetRequiredService<TenantContext>().UserId!.Value;
            var ben = (await s.GetRequiredService<ContactService>().CreateAsync(company,
                new ContactInput("Ben Okafor", "COO", "ben@okafor.example", null, "Europe/London", null, LawfulBasis.LegitimateInterest, null), rep)).Value;
            var sequences = s.GetRequiredService<SequenceService>();
            var first = (await sequences.CreateAsync(new SequenceInput("First", new TimeOnly(8, 0), new TimeOnly(17, 0),
                [new StepInput(StepKind.Email, Subject: "Hello {{first_name}}", Body: "Read https://example.com/case-study please."),
                 new StepInput(StepKind.Wait, WaitDays: 2), new StepInput(StepKind.Email, Subject: "Following up", Body: "Again.")]), rep)).Value;
            var second = (await sequences.CreateAsync(new SequenceInput("Second", new TimeOnly(8, 0), new TimeOnly(17, 0),
                [new StepInput(StepKind.Wait, WaitDays: 3), new StepInput(StepKind.Email, Subject: "Later", Body: "Later.")]), rep)).Value;
            var enrol = s.GetRequiredService<EnrolmentService>();
            (await enrol.EnrolAsync(first, [ben], rep)).Value!.Enrolled.Should().Be(1);
            (await enrol.EnrolAsync(second, [ben], rep)).Value!.Enrolled.Should().Be(1);
            (await s.GetRequiredService<SequenceDispatcher>().RunAsync()).Sent.Should().Be(1);
            return (ben, first, second);
        });
    }

    private Task<List<EnrolmentState>> StatesAsync() => _app.QueryAsync(db => db.Enrolments.IgnoreQueryFilters().Select(e => e.State).ToListAsync());

    private async Task<T> AsTenantAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        var rep = await _app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test"));
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(rep.TenantId, rep.Id, "test");
        return await work(scope.ServiceProvider);
    }

    private async Task AsTenantAsync(Func<IServiceProvider, Task> work) => await AsTenantAsync<int>(async s =>
    {
        await work(s);
        return 0;
    });

    private List<MimeMessage> Received() =>
        _smtp.Messages().Select(raw => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)))).ToList();

    private static string Local(string url) => new Uri(url).PathAndQuery;

    private static FormUrlEncodedContent OneClick() => new([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);

    /// <summary>The app on Tuesday 1 December 2026, 09:00 UTC: inside London's working hours.</summary>
    private sealed class OutreachApp : PartnerForgeApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new ManualTimeProvider()));
        }
    }
}
