using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using Microsoft.Extensions.Options;

namespace PartnerForge.Infrastructure.Changes.Email;

public interface IEmailSender
{
    /// <summary>Returns once the SMTP server accepted the message; throws otherwise.</summary>
    Task SendAsync(string to, string subject, string html, string text, string messageId, CancellationToken cancellationToken);
}

/// <summary>E-mail through System.Net.Mail.SmtpClient: a plain-text and an HTML alternative, a stable Message-ID.</summary>
internal sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    public async Task SendAsync(string to, string subject, string html, string text, string messageId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            throw new InvalidOperationException("E-mail is not configured (Smtp:Enabled is false).");
        }

        using var message = new MailMessage(new MailAddress(o.From, "PartnerForge"), new MailAddress(to)) { Subject = subject };
        message.Headers.Add("Message-ID", $"<{messageId}@partnerforge>");
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(text, System.Text.Encoding.UTF8, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(html, System.Text.Encoding.UTF8, MediaTypeNames.Text.Html));
        using var client = new SmtpClient(o.Host, o.Port)
        {
            EnableSsl = o.EnableTls,
            Timeout = o.TimeoutSeconds * 1000,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(o.UserName))
        {
            client.Credentials = new NetworkCredential(o.UserName, o.Password);
        }

        await client.SendMailAsync(message, cancellationToken);
    }
}
