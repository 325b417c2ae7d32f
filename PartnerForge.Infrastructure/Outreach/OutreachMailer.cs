using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using PartnerForge.Infrastructure.Changes.Email;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>One outreach e-mail ready to go: who from, to whom, what, its Message-ID and its unsubscribe address.</summary>
public sealed record OutgoingEmail(Guid TouchId, string FromName, string FromAddress, string To, string? ReplyTo, string Subject, string Text, string Html,
    string MessageId, string UnsubscribeUrl)
{
    /// <summary>The Date header: when the dispatcher sent it, by the app's clock (the current time when not given).</summary>
    public DateTime? DateUtc { get; init; }
}

/// <summary>Why an e-mail did not go: <see cref="Refused"/> when the server refused the recipient or the message (sending again will not help).</summary>
public sealed record SendFailure(bool Refused, string Error);

public interface IOutreachMailer
{
    /// <summary>Sends the e-mails; returns, per touch, null when the SMTP server accepted it, else why not.</summary>
    Task<IReadOnlyDictionary<Guid, SendFailure?>> SendAsync(IReadOnlyList<OutgoingEmail> emails, CancellationToken cancellationToken);
}

/// <summary>
/// Sends outreach through MailKit over a few reused SMTP connections in parallel (<see cref="OutreachOptions.SmtpConnections"/>):
/// opening a connection per message would cap sending far below what a sales team's volume needs. Every message carries
/// the RFC 8058 one-click unsubscribe headers. A recipient the server refuses fails alone; a dropped connection fails
/// the rest of its share, which the dispatcher tries again later.
/// </summary>
internal sealed class SmtpOutreachMailer(IOptions<SmtpOptions> smtp, IOptions<OutreachOptions> outreach, ILogger<SmtpOutreachMailer> log) : IOutreachMailer
{
    public async Task<IReadOnlyDictionary<Guid, SendFailure?>> SendAsync(IReadOnlyList<OutgoingEmail> emails, CancellationToken cancellationToken)
    {
        var results = new System.Collections.Concurrent.ConcurrentDictionary<Guid, SendFailure?>();
        if (emails.Count == 0)
        {
            return results;
        }

        var o = smtp.Value;
        if (!o.Enabled)
        {
            foreach (var e in emails)
            {
                results[e.TouchId] = new SendFailure(false, "E-mail is not configured (Smtp:Enabled is false).");
            }

            return results;
        }

        var connections = Math.Min(outreach.Value.SmtpConnections, emails.Count);
        var shares = Enumerable.Range(0, connections).Select(i => emails.Where((_, n) => n % connections == i).ToList()).ToList();
        await Task.WhenAll(shares.Select(share => SendShareAsync(o, share, results, cancellationToken)));
        return results;
    }

    private async Task SendShareAsync(SmtpOptions o, List<OutgoingEmail> share, System.Collections.Concurrent.ConcurrentDictionary<Guid, SendFailure?> results, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        var next = 0;
        try
        {
            await client.ConnectAsync(o.Host!.Trim(), o.Port, o.SocketOptions, cancellationToken);
            if (o.HasCredentials)
            {
                await client.AuthenticateAsync(o.UserName!, o.Password ?? string.Empty, cancellationToken);
            }

            for (; next < share.Count; next++)
            {
                var email = share[next];
                using var message = Compose(email);
                try
                {
                    await client.SendAsync(message, cancellationToken);
                    results[email.TouchId] = null;
                }
                catch (SmtpCommandException ex) when (ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
                {
                    results[email.TouchId] = new SendFailure(true, $"The mail server refused it: {ex.Message}");
                }
            }

            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.LogWarning(ex, "Outreach sending stopped after {Sent} of {Count} messages on one connection", next, share.Count);
            for (; next < share.Count; next++)
            {
                results[share[next].TouchId] = new SendFailure(false, $"The mail server could not be reached or dropped the connection: {ex.Message}");
            }
        }
    }

    internal static MimeMessage Compose(OutgoingEmail email)
    {
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId };
        if (email.DateUtc is { } date)
        {
            message.Date = new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc));
        }

        message.From.Add(new MailboxAddress(email.FromName, email.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.To));
        if (email.ReplyTo is not null)
        {
            message.ReplyTo.Add(MailboxAddress.Parse(email.ReplyTo));
        }

        // RFC 8058: a mail client may offer "Unsubscribe" and POST "List-Unsubscribe=One-Click" to this address.
        message.Headers.Add("List-Unsubscribe", $"<{email.UnsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return message;
    }
}
