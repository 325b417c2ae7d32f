using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Outreach;

namespace PartnerForge.Tests.Infrastructure.Outreach;

/// <summary>
/// A three-step sequence sent to people in three time zones through a real SMTP server while the clock moves a week in
/// quarter hours: every e-mail arrives inside 08:00–17:00 of the person's own day, never on a weekend or the workspace's
/// holiday, once; the "only if not opened" step is skipped for the person who opened.
/// </summary>
public sealed class SequenceDispatchTests : IAsyncLifetime
{
    private OutreachFixture _f = null!;

    public async Task InitializeAsync() => _f = await OutreachFixture.StartAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Each_step_reaches_each_person_once_inside_their_own_working_hours()
    {
        await _f.AsRepAsync(async s => (await s.GetRequiredService<OutreachSettingsService>().SaveAsync(200, "2026-12-03")).Succeeded.Should().BeTrue());
        var ada = await _f.ContactAsync("Ada Lovelace", "ada@analytical.example", "Europe/London");
        var ben = await _f.ContactAsync("Ben Okafor", "ben@okafor.example", "America/New_York");
        var chie = await _f.ContactAsync("Chie Tanaka", "chie@tanaka.example", "Asia/Tokyo");
        var sequence = await _f.SequenceAsync("Week one",
            new StepInput(StepKind.Email, Subject: "Hi {{first_name}}, a question about {{account_name}}", Body: "Hello {{first_name}},\n\nSee https://example.com/case-study for how teams on {{technology | your stack}} do it.\n\n{{sender_name}}"),
            new StepInput(StepKind.Wait, WaitDays: 2),
            new StepInput(StepKind.Email, StepCondition.IfNotOpened, Subject: "Following up", Body: "Hello again {{first_name}}."));
        var summary = await _f.EnrolAsync(sequence, ada, ben, chie);
        summary.Enrolled.Should().Be(3);

        var zones = new Dictionary<string, TimeZoneInfo>
        {
            ["ada@analytical.example"] = TimeZoneInfo.FindSystemTimeZoneById("Europe/London"),
            ["ben@okafor.example"] = TimeZoneInfo.FindSystemTimeZoneById("America/New_York"),
            ["chie@tanaka.example"] = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"),
        };
        var arrivals = new List<(MimeMessage Message, DateTime AtUtc)>();
        for (var tick = 0; tick < 7 * 24 * 4; tick++)
        {
            await _f.DispatchAsync();
            var received = _f.Received();
            var now = _f.Clock.GetUtcNow().UtcDateTime;
            arrivals.AddRange(received.Where(m => arrivals.All(a => a.Message.MessageId != m.MessageId)).Select(m => (m, now)));
            if (tick == 4)
            {
                await OpenFirstEmailAsync(arrivals, "ada@analytical.example"); // Ada reads the first e-mail within the hour
            }

            _f.Clock.Advance(TimeSpan.FromMinutes(15));
        }

        arrivals.Select(a => a.Message.MessageId).Should().OnlyHaveUniqueItems();
        arrivals.GroupBy(a => a.Message.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.Count())
            .Should().BeEquivalentTo(new Dictionary<string, int> { ["ada@analytical.example"] = 1, ["ben@okafor.example"] = 2, ["chie@tanaka.example"] = 2 },
                "Ada opened the first e-mail, so the follow-up only-if-not-opened was skipped for her");
        foreach (var (message, at) in arrivals)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(at, zones[message.To.Mailboxes.Single().Address]);
            local.TimeOfDay.Should().BeGreaterThanOrEqualTo(TimeSpan.FromHours(8)).And.BeLessThan(TimeSpan.FromHours(17).Add(TimeSpan.FromMinutes(15)), $"{message.To} at {local}");
            local.DayOfWeek.Should().NotBe(DayOfWeek.Saturday).And.NotBe(DayOfWeek.Sunday);
            DateOnly.FromDateTime(local).Should().NotBe(new DateOnly(2026, 12, 3), "3 December is the workspace's holiday");
            message.Headers["List-Unsubscribe-Post"].Should().Be("List-Unsubscribe=One-Click");
            message.Headers["List-Unsubscribe"].Should().StartWith("<https://forge.example.com/t/u/");
        }

        var first = arrivals.Where(a => a.Message.Subject!.StartsWith("Hi ", StringComparison.Ordinal)).ToDictionary(a => a.Message.To.Mailboxes.Single().Address);
        first["ada@analytical.example"].Message.Subject.Should().StartWith("Hi Ada, a question about ");
        first["ada@analytical.example"].AtUtc.Should().BeCloseTo(new DateTime(2026, 12, 1, 9, 0, 0), TimeSpan.FromSeconds(1), "09:00 in London is inside the window: at once");
        first["ben@okafor.example"].AtUtc.Should().BeCloseTo(new DateTime(2026, 12, 1, 13, 0, 0), TimeSpan.FromSeconds(1), "04:00 in New York: at 08:00 there");
        first["chie@tanaka.example"].AtUtc.Should().BeCloseTo(new DateTime(2026, 12, 1, 23, 0, 0), TimeSpan.FromSeconds(1), "18:00 in Tokyo: at 08:00 the next morning there");
        first["ben@okafor.example"].Message.HtmlBody.Should().Contain("https://forge.example.com/t/c/", "links are tracked").And.Contain("/t/o/", "an open pixel");
        first["ben@okafor.example"].Message.TextBody.Should().Contain("https://example.com/case-study");
        var followUp = arrivals.Single(a => a.Message.Subject == "Following up" && a.Message.To.Mailboxes.Single().Address == "ben@okafor.example");
        // Sent Tue 1 Dec 08:00 New York; two business days later skipping Thursday's holiday: Friday 4 Dec, 08:00 there.
        followUp.AtUtc.Should().BeCloseTo(new DateTime(2026, 12, 4, 13, 0, 0), TimeSpan.FromSeconds(1));
        var states = await _f.DbAsync(db => db.Enrolments.Where(e => e.SequenceId == sequence).Select(e => e.State).ToListAsync());
        states.Should().OnlyContain(s => s == EnrolmentState.Finished);
    }

    [Fact]
    public async Task A_failed_send_is_tried_again_later_under_the_same_message_id_and_arrives_once()
    {
        var ada = await _f.ContactAsync("Ada Lovelace", "ada@analytical.example", "Europe/London");
        var sequence = await _f.SequenceAsync("One shot", new StepInput(StepKind.Email, Subject: "Hello", Body: "Hello {{first_name}}."));
        await _f.EnrolAsync(sequence, ada);
        await _f.Smtp.StopAsync();
        (await _f.DispatchAsync()).Failed.Should().Be(1);
        var reserved = await _f.DbAsync(db => db.Touches.SingleAsync());
        reserved.State.Should().Be(TouchState.Failed);
        reserved.Error.Should().Contain("could not be reached");

        await _f.Smtp.RestartAsync();
        (await _f.DispatchAsync()).Sent.Should().Be(0, "the retry waits its 15 minutes");
        _f.Clock.Advance(TimeSpan.FromMinutes(15));
        (await _f.DispatchAsync()).Sent.Should().Be(1);
        (await _f.DispatchAsync()).Sent.Should().Be(0);
        var received = _f.Received().Should().ContainSingle().Subject;
        received.MessageId.Should().Be(reserved.MessageId);
    }

    [Fact]
    public async Task A_mailbox_sends_at_most_its_daily_cap_and_the_rest_goes_the_next_business_day()
    {
        await _f.AsRepAsync(async s => (await s.GetRequiredService<OutreachSettingsService>().SaveAsync(2, null)).Succeeded.Should().BeTrue());
        var contacts = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            contacts.Add(await _f.ContactAsync($"Person {i}", $"person{i}@people.example", "Europe/London"));
        }

        var sequence = await _f.SequenceAsync("Capped", new StepInput(StepKind.Email, Subject: "Hello", Body: "Hello {{first_name}}."));
        await _f.EnrolAsync(sequence, [.. contacts]);
        (await _f.DispatchAsync()).Sent.Should().Be(2);
        _f.Clock.Advance(TimeSpan.FromHours(3));
        (await _f.DispatchAsync()).Sent.Should().Be(0, "the cap holds all day");
        _f.Clock.Advance(TimeSpan.FromHours(20)); // Wednesday 08:00 London
        (await _f.DispatchAsync()).Sent.Should().Be(2);
        _f.Received().Should().HaveCount(4);
    }

    [Fact]
    public async Task A_template_with_a_field_the_contact_lacks_pauses_the_enrolment_and_says_which()
    {
        var ada = await _f.ContactAsync("Ada Lovelace", "ada@analytical.example", "Europe/London");
        var sequence = await _f.SequenceAsync("Needs a trigger", new StepInput(StepKind.Email, Subject: "About {{trigger}}", Body: "Hello."));
        await _f.EnrolAsync(sequence, ada);
        (await _f.DispatchAsync()).Failed.Should().Be(1);
        var touch = await _f.DbAsync(db => db.Touches.SingleAsync());
        touch.Error.Should().Contain("Ada Lovelace has no value for {{trigger}}").And.Contain("fallback");
        (await _f.DbAsync(db => db.Enrolments.SingleAsync())).State.Should().Be(EnrolmentState.Paused);
        _f.Received().Should().BeEmpty();
    }

    private async Task OpenFirstEmailAsync(List<(MimeMessage Message, DateTime AtUtc)> arrivals, string address)
    {
        var message = arrivals.Single(a => a.Message.To.Mailboxes.Single().Address == address).Message;
        var pixel = System.Text.RegularExpressions.Regex.Match(message.HtmlBody!, "/t/o/([^\"]+)\\.gif").Groups[1].Value;
        await _f.AsRepAsync(async s =>
        {
            var target = s.GetRequiredService<OutreachLinks>().Read(pixel, LinkKind.Open);
            target.Should().NotBeNull();
            return await s.GetRequiredService<EngagementService>().RecordLinkAsync(target!);
        });
    }
}
