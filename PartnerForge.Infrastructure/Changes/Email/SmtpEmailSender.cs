using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PartnerForge.Infrastructure.Changes.Email;

public interface IEmailSender
{
    /// <summary>Returns once the SMTP server accepted the message; throws otherwise.</summary>
    Task SendAsync(string to, string subject, string html, string text, string messageId, CancellationToken cancellationToken);
}

/// <summary>
/// Every e-mail PartnerForge sends, through MailKit: multipart/alternative (plain text, then HTML), a stable
/// Message-ID, the connection secured as <see cref="SmtpOptions.Security"/> says and authenticated when a user
/// name is set. One connection per message: digests and notices are few.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    public async Task SendAsync(string to, string subject, string html, string text, string messageId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            throw new InvalidOperationException("E-mail is not configured (Smtp:Enabled is false).");
        }

        using var message = Compose(o, to, subject, html, text, messageId);
        using var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        await client.ConnectAsync(o.Host!.Trim(), o.Port, o.SocketOptions, cancellationToken);
        if (o.HasCredentials)
        {
            await client.AuthenticateAsync(o.UserName!, o.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    internal static MimeMessage Compose(SmtpOptions o, string to, string subject, string html, string text, string messageId)
    {
        var message = new MimeMessage
        {
            Subject = subject,
            MessageId = $"{messageId}@partnerforge",
        };
        message.From.Add(new MailboxAddress(o.FromName, o.From));
        message.To.Add(MailboxAddress.Parse(to));
        // BodyBuilder makes multipart/alternative with the text part first (the least preferred), then HTML.
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }
}
