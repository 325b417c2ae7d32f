using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Outreach;
using Quartz;

namespace PartnerForge.Tests.Infrastructure.Outreach;

/// <summary>
/// A first step goes to three people through a real SMTP server; a reply, a bounce (a Postfix DSN) and an out-of-office
/// answer then arrive in a real IMAP mailbox (dovecot), next to a colleague's unrelated mail. One look at the mailbox
/// ends the replied and the bounced enrolments, suppresses the dead address, leaves the out-of-office person in the
/// sequence, marks what it handled read and leaves the colleague's mail unread; the next look records nothing again.
/// </summary>
public sealed class ImapInboundTests : IAsyncLifetime
{
    private readonly DovecotServer _imap = new();
    private OutreachFixture _f = null!;

    public async Task InitializeAsync()
    {
        await _imap.InitializeAsync();
        var settings = _imap.Settings;
        settings["Outreach:Imap:PollIntervalSeconds"] = "3600"; // the test polls itself; the scheduled job stays out of the way
        _f = await OutreachFixture.StartAsync(settings: settings);
    }

    public async Task DisposeAsync()
    {
        await _f.DisposeAsync();
        await _imap.DisposeAsync();
    }

    [Fact]
    public async Task Replies_and_bounces_in_the_mailbox_end_their_enrolments_once_and_automatic_answers_change_nothing()
    {
        var ada = await _f.ContactAsync("Ada Lovelace", "ada@analytical.example", "Europe/London");
        var grace = await _f.ContactAsync("Grace Hopper", "grace.hopper@fabrikam.example", "Europe/London");
        var ben = await _f.ContactAsync("Ben Okafor", "ben@okafor.example", "Europe/London");
        var sequence = await _f.SequenceAsync("Two touches",
            new StepInput(StepKind.Email, Subject: "Hi {{first_name}}, a question", Body: "Hello {{first_name}}."),
            new StepInput(StepKind.Wait, WaitDays: 2),
            new StepInput(StepKind.Email, Subject: "Following up", Body: "Hello again {{first_name}}."));
        await _f.EnrolAsync(sequence, ada, grace, ben);
        (await _f.DispatchAsync()).Sent.Should().Be(3);
        var sent = _f.Received().ToDictionary(m => m.To.Mailboxes.Single().Address, m => m.MessageId!);

        await _imap.AppendAsync(ReplyFromAda(sent["ada@analytical.example"]));
        await _imap.AppendAsync(Sample("postfix-dsn.eml", "5f0c2b7e9a4d4c1b8e3f6a2d1c0b9e87@partnerforge", sent["grace.hopper@fabrikam.example"]));
        await _imap.AppendAsync(Sample("outlook-automatic-reply.eml", "3d5f7b9a1c2e4f6a8b0c2d4e6f8a0b1c@partnerforge", sent["ben@okafor.example"]));
        await _imap.AppendAsync(InboundMailClassifierTests.Sample("colleague-thread.eml"));
        _f.Clock.Advance(TimeSpan.FromHours(1));

        var poll = await _f.AsRepAsync(s => s.GetRequiredService<IInboundMailbox>().PollAsync());

        poll.Should().Be(new InboundPoll(Screened: 4, Replies: 1, Bounces: 1, Automatic: 1), _imap.ReadLog());
        var enrolments = await _f.DbAsync(db => db.Enrolments.Where(e => e.SequenceId == sequence).ToDictionaryAsync(e => e.ContactId));
        (enrolments[ada].State, enrolments[ada].StopReason).Should().Be((EnrolmentState.Stopped, StopReason.Replied));
        (enrolments[grace].State, enrolments[grace].StopReason).Should().Be((EnrolmentState.Stopped, StopReason.Bounced));
        (enrolments[ben].State, enrolments[ben].StopReason).Should().Be((EnrolmentState.Active, (StopReason?)null), "an out-of-office is no reply");
        var touches = await _f.DbAsync(db => db.Touches.ToDictionaryAsync(t => t.ContactId!.Value));
        touches[ada].RepliedAtUtc.Should().Be(_f.Clock.GetUtcNow().UtcDateTime);
        touches[grace].BouncedAtUtc.Should().NotBeNull();
        (touches[ben].RepliedAtUtc, touches[ben].BouncedAtUtc).Should().Be((null, null));
        (await SuppressedAsync("grace.hopper@fabrikam.example")).Should().BeTrue();
        (await SuppressedAsync("ben@okafor.example")).Should().BeFalse();
        (await SuppressedAsync("ada@analytical.example")).Should().BeFalse("a reply ends the sequence, it does not bar the address");
        (await OutreachChangesAsync()).Should().BeEquivalentTo("engagement.replied", "engagement.bounced");

        var inbox = (await _imap.InboxAsync()).ToDictionary(m => m.Subject!, m => m.Seen);
        inbox.Should().BeEquivalentTo(new Dictionary<string, bool>
        {
            ["Re: Hi Ada, a question"] = true,
            ["Undelivered Mail Returned to Sender"] = true,
            ["Automatic reply: Hi Ben, a question about Okafor Logistics"] = true,
            ["Re: Pipeline review"] = false, // the rep's own mail is left as it was
        });

        _f.Clock.Advance(TimeSpan.FromHours(1));
        (await _f.AsRepAsync(s => s.GetRequiredService<IInboundMailbox>().PollAsync())).Should().Be(InboundPoll.None, "nothing new arrived");
        // A reader that remembers nothing (another node, a restart) goes by the read flags alone.
        using var fresh = new ImapMailboxReader(_f.Host.Services.GetRequiredService<IOptions<ImapOptions>>(), _f.Host.Services.GetRequiredService<IServiceScopeFactory>(),
            NullLogger<ImapMailboxReader>.Instance);
        (await fresh.PollAsync()).Should().Be(new InboundPoll(Screened: 1, Replies: 0, Bounces: 0, Automatic: 0), "only the colleague's unread mail is looked at again");
        (await _f.DbAsync(db => db.Touches.SingleAsync(t => t.ContactId == ada))).RepliedAtUtc.Should().Be(touches[ada].RepliedAtUtc);
        (await OutreachChangesAsync()).Should().HaveCount(2, "nothing was recorded twice");
    }

    [Fact]
    public async Task A_reply_that_could_not_be_recorded_stays_unread_and_is_recorded_on_the_next_look()
    {
        var ada = await _f.ContactAsync("Ada Lovelace", "ada@analytical.example", "Europe/London");
        var sequence = await _f.SequenceAsync("One touch", new StepInput(StepKind.Email, Subject: "Hi {{first_name}}, a question", Body: "Hello."),
            new StepInput(StepKind.Wait, WaitDays: 2), new StepInput(StepKind.Email, Subject: "Following up", Body: "Hello again."));
        await _f.EnrolAsync(sequence, ada);
        (await _f.DispatchAsync()).Sent.Should().Be(1);
        await _imap.AppendAsync(ReplyFromAda(_f.Received().Single().MessageId!));

        // Recording fails (here: a container without the engagement service), as a database outage would.
        await using (var broken = new ServiceCollection().BuildServiceProvider())
        {
            using var reader = new ImapMailboxReader(_f.Host.Services.GetRequiredService<IOptions<ImapOptions>>(), broken.GetRequiredService<IServiceScopeFactory>(),
                NullLogger<ImapMailboxReader>.Instance);
            await FluentActions.Awaiting(() => reader.PollAsync()).Should().ThrowAsync<InvalidOperationException>();
        }

        (await _imap.InboxAsync()).Should().ContainSingle().Which.Seen.Should().BeFalse("it was not recorded, so it is read again");
        (await _f.DbAsync(db => db.Enrolments.SingleAsync())).State.Should().Be(EnrolmentState.Active);

        (await _f.AsRepAsync(s => s.GetRequiredService<IInboundMailbox>().PollAsync())).Replies.Should().Be(1);
        (await _f.DbAsync(db => db.Enrolments.SingleAsync())).StopReason.Should().Be(StopReason.Replied);
        (await _imap.InboxAsync()).Should().ContainSingle().Which.Seen.Should().BeTrue();
    }

    [Fact]
    public async Task The_mailbox_job_is_scheduled_when_a_mailbox_is_configured()
    {
        var scheduler = await _f.Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        (await scheduler.GetJobDetail(InboundMailJob.Key)).Should().NotBeNull();
        var trigger = (await scheduler.GetTriggersOfJob(InboundMailJob.Key)).Should().ContainSingle().Subject.Should().BeAssignableTo<ISimpleTrigger>().Subject;
        trigger.RepeatInterval.Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Without_a_mailbox_host_no_mailbox_job_is_scheduled()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Outreach:Imap:Host"] = " " }).Build();
        await using var services = new ServiceCollection().AddLogging().AddPartnerForgeOutreach(configuration).BuildServiceProvider();
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        (await scheduler.GetJobDetail(SequenceDispatchJob.Key)).Should().NotBeNull();
        (await scheduler.GetJobDetail(InboundMailJob.Key)).Should().BeNull();
        await scheduler.Shutdown();
    }

    private static MimeMessage ReplyFromAda(string messageId)
    {
        var reply = new MimeMessage { Subject = "Re: Hi Ada, a question", InReplyTo = messageId, Date = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero) };
        reply.References.Add(messageId);
        reply.From.Add(new MailboxAddress("Ada Lovelace", "ada@analytical.example"));
        reply.To.Add(new MailboxAddress("Riley Park", DovecotServer.UserName));
        reply.Body = new TextPart("plain") { Text = "Happy to talk, Riley. Thursday?\n\n> Hello Ada.\n" };
        return reply;
    }

    /// <summary>A sample of InboundMail/ about the e-mail this test sent.</summary>
    private static MimeMessage Sample(string file, string sampleId, string sentId)
    {
        var text = File.ReadAllText(InboundMailClassifierTests.SamplePath(file)).Replace(sampleId, sentId, StringComparison.Ordinal);
        return MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    private Task<bool> SuppressedAsync(string address) => _f.AsRepAsync(s => s.GetRequiredService<SuppressionList>().ContainsAsync(address));

    private Task<List<string>> OutreachChangesAsync() =>
        _f.DbAsync(db => db.ChangeEvents.Where(c => c.Module == EngagementEvents.Module).Select(c => c.Rule).ToListAsync());
}
