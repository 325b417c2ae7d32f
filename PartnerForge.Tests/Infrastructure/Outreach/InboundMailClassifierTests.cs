using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Outreach;

namespace PartnerForge.Tests.Infrastructure.Outreach;

/// <summary>
/// What the outreach mailbox receives, as real mail systems write it (InboundMail/*.eml): replies, bounces (RFC 3464
/// reports from Postfix, Exchange Online and Gmail, a qmail failure notice), delay warnings, out-of-office answers and
/// read receipts, each classified from the message alone.
/// </summary>
public sealed class InboundMailClassifierTests
{
    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Outreach", "InboundMail", name);

    public static MimeMessage Sample(string name) => MimeMessage.Load(SamplePath(name));

    [Theory]
    [InlineData("postfix-dsn.eml", "5f0c2b7e9a4d4c1b8e3f6a2d1c0b9e87@partnerforge", InboundKind.Bounced)]
    [InlineData("exchange-ndr.eml", "8a1d3e5f7b9c4d2e8f0a1b3c5d7e9f01@partnerforge", InboundKind.Bounced)]
    [InlineData("qmail-failure-notice.eml", "4e6a8c0b2d3f4a5b9c1d3e5f7a9b0c2d@partnerforge", InboundKind.Bounced)]
    [InlineData("postfix-delayed.eml", "6f7a8b9c0d1e4f2a3b4c5d6e7f8a9b0c@partnerforge", InboundKind.Delayed)]
    [InlineData("gmail-reply.eml", "2c4e6a8b0d1f4e3a9b7c5d3e1f0a2b4c@partnerforge", InboundKind.Replied)]
    [InlineData("outlook-automatic-reply.eml", "3d5f7b9a1c2e4f6a8b0c2d4e6f8a0b1c@partnerforge", InboundKind.AutoReplied)]
    [InlineData("gmail-vacation.eml", "7a9c1e3f5b7d4f9a8c6e4a2c0e8f6d4b@partnerforge", InboundKind.AutoReplied)]
    public void A_message_about_our_email_names_it_and_says_what_happened(string file, string messageId, InboundKind kind)
    {
        var found = InboundMailClassifier.Classify(Sample(file));

        found.Should().Be(new InboundMail(messageId, kind));
    }

    [Theory]
    [InlineData("gmail-dsn-of-own-mail.eml")] // a bounce, but of the rep's own e-mail
    [InlineData("read-receipt.eml")] // names our e-mail, but a receipt is no reply
    [InlineData("colleague-thread.eml")] // quotes a Message-ID of ours, but is a colleague's reply in another thread
    public void A_message_that_is_none_of_ours_is_nothing(string file)
    {
        InboundMailClassifier.Classify(Sample(file)).Should().BeNull();
    }

    [Fact]
    public void Only_a_failed_recipient_makes_a_bounce_and_only_replies_and_bounces_are_recorded()
    {
        InboundMailClassifier.Classify(Sample("postfix-dsn.eml"))!.Engagement.Should().Be(EngagementKind.Bounced);
        InboundMailClassifier.Classify(Sample("gmail-reply.eml"))!.Engagement.Should().Be(EngagementKind.Replied);
        InboundMailClassifier.Classify(Sample("postfix-delayed.eml"))!.Engagement.Should().BeNull("the server is still trying");
        InboundMailClassifier.Classify(Sample("gmail-vacation.eml"))!.Engagement.Should().BeNull();
    }

    [Fact]
    public void A_plain_reply_names_our_email_in_in_reply_to_even_in_capitals_and_brackets()
    {
        var message = Reply("<2C4E6A8B0D1F4E3A9B7C5D3E1F0A2B4C@PartnerForge>");

        InboundMailClassifier.Classify(message).Should().Be(new InboundMail("2c4e6a8b0d1f4e3a9b7c5d3e1f0a2b4c@partnerforge", InboundKind.Replied));
    }

    [Theory]
    [InlineData("X-Autoreply", "yes")]
    [InlineData("X-Autorespond", "Out of office")]
    [InlineData("Precedence", "auto_reply")]
    [InlineData("Precedence", "junk")]
    [InlineData("Auto-Submitted", "auto-replied (vacation)")]
    [InlineData("Subject", "Out of Office: Hi Ada")]
    [InlineData("Subject", "Abwesenheitsnotiz: Hi Ada")]
    public void An_automatic_answer_is_no_reply(string header, string value)
    {
        var message = Reply("<2c4e6a8b0d1f4e3a9b7c5d3e1f0a2b4c@partnerforge>");
        message.Headers[header] = value;

        InboundMailClassifier.Classify(message)!.Kind.Should().Be(InboundKind.AutoReplied);
    }

    [Fact]
    public void Auto_submitted_no_is_a_person_writing()
    {
        var message = Reply("<2c4e6a8b0d1f4e3a9b7c5d3e1f0a2b4c@partnerforge>");
        message.Headers["Auto-Submitted"] = "no";

        InboundMailClassifier.Classify(message)!.Kind.Should().Be(InboundKind.Replied);
    }

    [Theory]
    [InlineData("<1234@partnerforge>")] // not a touch id
    [InlineData("<2c4e6a8b0d1f4e3a9b7c5d3e1f0a2b4c@partnerforge.evil.example>")]
    [InlineData("<CAHk7x5qTz8N3yPcB0fE1@mail.gmail.com>")]
    public void A_reply_to_someone_elses_message_is_nothing(string inReplyTo)
    {
        InboundMailClassifier.Classify(Reply(inReplyTo)).Should().BeNull();
    }

    [Theory]
    [InlineData("gmail-reply.eml", true)]
    [InlineData("postfix-dsn.eml", true)]
    [InlineData("exchange-ndr.eml", true)]
    [InlineData("qmail-failure-notice.eml", true)]
    [InlineData("outlook-automatic-reply.eml", true)]
    [InlineData("colleague-thread.eml", false)]
    public void Screening_by_a_few_headers_passes_what_may_be_ours_and_leaves_the_rest(string file, bool mayConcern)
    {
        var all = Sample(file).Headers;
        var screened = new HeaderList();
        foreach (var header in all.Where(h => InboundMailClassifier.ScreeningHeaders.Contains(h.Id)))
        {
            screened.Add(header);
        }

        InboundMailClassifier.MayConcern(screened).Should().Be(mayConcern);
    }

    [Theory]
    [InlineData("imap.example.test", "993", "SslOnConnect", "sales", "", "UserName and Outreach:Imap:Password are needed")]
    [InlineData("imap.example.test", "143", "None", "sales", "secret", "clear text")]
    [InlineData("imap.example.test", "993", "Tls13", "sales", "secret", "is not one of")]
    [InlineData("imap example test", "993", "Auto", "sales", "secret", "host name or IP address")]
    [InlineData("imap.example.test", "0", "Auto", "sales", "secret", "Port")]
    public void Unsound_mailbox_settings_fail_at_start_and_say_why(string host, string port, string security, string user, string password, string expected)
    {
        var options = new ImapOptions { Host = host, Port = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), Security = security, UserName = user, Password = password };

        var result = new DataAnnotationValidateOptions<ImapOptions>(null).Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(expected);
    }

    [Fact]
    public void Mailbox_settings_are_off_without_a_host_and_allow_no_tls_only_on_this_machine()
    {
        var validator = new DataAnnotationValidateOptions<ImapOptions>(null);
        var off = new ImapOptions();
        off.Enabled.Should().BeFalse();
        validator.Validate(null, off).Succeeded.Should().BeTrue();
        (off.Folder, off.PollIntervalSeconds).Should().Be(("INBOX", 120));

        var local = new ImapOptions { Host = "127.0.0.1", Port = 10143, Security = "none", UserName = "sales", Password = "secret" };
        validator.Validate(null, local).Succeeded.Should().BeTrue();
        local.SocketOptions.Should().Be(SecureSocketOptions.None);
    }

    private static MimeMessage Reply(string inReplyTo)
    {
        var message = new MimeMessage { Subject = "Re: Hi Ada", InReplyTo = inReplyTo, Body = new TextPart("plain") { Text = "Yes, let's talk." } };
        message.From.Add(new MailboxAddress("Ada Lovelace", "ada@analytical.example"));
        message.To.Add(new MailboxAddress("Riley Park", "outreach@northwind.test"));
        return message;
    }
}
