using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Changes.Email;

namespace PartnerForge.Infrastructure.Administration;

/// <summary>Delivers an invitation link. The admin is shown the link too, to pass on when it was not e-mailed.</summary>
public interface IInvitationSender
{
    /// <summary>True when the link was delivered; false when the admin must pass it on.</summary>
    Task<bool> SendAsync(string email, string displayName, string tenantName, Uri link, CancellationToken cancellationToken);
}

/// <summary>
/// E-mails the invitation (text and HTML) when <c>Smtp:Enabled</c>; otherwise, or when the SMTP server refuses it,
/// only logs that an invitation was created (never the link) and the admin copies the link.
/// </summary>
internal sealed partial class EmailInvitationSender(IOptions<SmtpOptions> smtp, IEmailSender mail, ILogger<EmailInvitationSender> logger) : IInvitationSender
{
    public async Task<bool> SendAsync(string email, string displayName, string tenantName, Uri link, CancellationToken cancellationToken)
    {
        if (!smtp.Value.Enabled)
        {
            LogCreated(logger, email, tenantName);
            return false;
        }

        var (subject, html, text) = Compose(displayName, tenantName, link);
        try
        {
            await mail.SendAsync(email, subject, html, text, Guid.NewGuid().ToString("N"), cancellationToken);
            LogSent(logger, email, tenantName);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, email, tenantName);
            return false;
        }
    }

    internal static (string Subject, string Html, string Text) Compose(string displayName, string tenantName, Uri link)
    {
        var subject = $"You are invited to {tenantName} on PartnerForge";
        var text = $"Hello {displayName},\n\nYou are invited to join {tenantName} on PartnerForge. Open this link to choose your password:\n\n{link}\n\n"
            + "The link works once and expires in 7 days.\n";
        var html = $"<html><body style=\"font-family: sans-serif\"><p>Hello {WebUtility.HtmlEncode(displayName)},</p>"
            + $"<p>You are invited to join <strong>{WebUtility.HtmlEncode(tenantName)}</strong> on PartnerForge.</p>"
            + $"<p><a href=\"{WebUtility.HtmlEncode(link.ToString())}\">Accept the invitation and choose your password</a></p>"
            + "<p>The link works once and expires in 7 days.</p></body></html>";
        return (subject, html, text);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Invitation for {Email} to {Tenant} created; the admin passes the link on")]
    private static partial void LogCreated(ILogger logger, string email, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invitation for {Email} to {Tenant} e-mailed")]
    private static partial void LogSent(ILogger logger, string email, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mailing the invitation for {Email} to {Tenant} failed; the admin passes the link on")]
    private static partial void LogFailed(ILogger logger, Exception exception, string email, string tenant);
}
