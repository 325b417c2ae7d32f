using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Changes.Email;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Identity;

/// <summary>What the "forgot your password" form may say: the same for every address, so it reveals no account.</summary>
public enum PasswordResetRequested
{
    /// <summary>"If an account uses that address, a link is on its way."</summary>
    LinkSentIfKnown,

    /// <summary>E-mail (or the public address for links) is not configured: ask the workspace admin for a reset.</summary>
    NotAvailable,
}

/// <summary>
/// Password reset by e-mail with Identity's data-protection token: a link to <see cref="SmtpOptions.PublicBaseUrl"/>
/// (never the request's host), valid for <see cref="LinkLifetime"/> and once (the reset rotates the security stamp,
/// which also ends every session of the account). Unknown, deactivated and suspended accounts get no e-mail and the
/// same answer.
/// </summary>
public sealed partial class PasswordReset(UserManager<ApplicationUser> users, IDbContextFactory<PartnerForgeDbContext> contexts, IEmailSender mail,
    IOptions<SmtpOptions> smtp, ILogger<PasswordReset> logger)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(2);

    public const string ResetPath = "account/reset-password";

    public bool IsAvailable => smtp.Value is { Enabled: true, PublicBaseUrl: not null };

    public async Task<PasswordResetRequested> RequestAsync(string email, CancellationToken ct = default)
    {
        if (!IsAvailable)
        {
            return PasswordResetRequested.NotAvailable;
        }

        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        await using var db = await contexts.CreateDbContextAsync(ct);
        var name = user is null ? null : await AccountAccess.ActiveNameAsync(db, user.Id, ct);
        if (user is null || name is null)
        {
            LogNoAccount(logger);
            return PasswordResetRequested.LinkSentIfKnown;
        }

        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = new Uri(smtp.Value.PublicBaseUrl!, $"{ResetPath}?user={user.Id:N}&token={token}");
        var (subject, html, text) = Compose(name, link);
        try
        {
            await mail.SendAsync(user.Email!, subject, html, text, Guid.NewGuid().ToString("N"), ct);
            LogSent(logger, user.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, user.Id);
        }

        return PasswordResetRequested.LinkSentIfKnown;
    }

    /// <summary>Sets the new password when the link's token is valid; the errors read as sentences for the form.</summary>
    public async Task<Result> ResetAsync(string? userId, string? token, string newPassword)
    {
        const string Expired = "This reset link has expired or was already used. Ask for a new one.";
        if (!Guid.TryParse(userId, out var id) || string.IsNullOrEmpty(token) || await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return Result.Invalid("Link", Expired);
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return Result.Invalid("Link", Expired);
        }

        var result = await users.ResetPasswordAsync(user, decoded, newPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? Result.Invalid("Link", Expired)
                : Result.Invalid("Password", string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        // A successful reset proves the mailbox: a lockout from earlier wrong guesses no longer applies.
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        LogReset(logger, user.Id);
        return Result.Ok();
    }

    internal static (string Subject, string Html, string Text) Compose(string displayName, Uri link)
    {
        const string Subject = "Reset your PartnerForge password";
        var hours = (int)LinkLifetime.TotalHours;
        var text = $"Hello {displayName},\n\nSomeone (hopefully you) asked to reset your PartnerForge password. Open this link to choose a new one:\n\n{link}\n\n"
            + $"The link works once and expires in {hours} hours. If you did not ask, ignore this e-mail: your password stays as it is.\n";
        var html = $"<html><body style=\"font-family: sans-serif\"><p>Hello {WebUtility.HtmlEncode(displayName)},</p>"
            + "<p>Someone (hopefully you) asked to reset your PartnerForge password.</p>"
            + $"<p><a href=\"{WebUtility.HtmlEncode(link.ToString())}\">Choose a new password</a></p>"
            + $"<p>The link works once and expires in {hours} hours. If you did not ask, ignore this e-mail: your password stays as it is.</p></body></html>";
        return (Subject, html, text);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Password reset asked for an address with no active account; no e-mail sent")]
    private static partial void LogNoAccount(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password reset link e-mailed to user {UserId}")]
    private static partial void LogSent(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mailing the password reset link to user {UserId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password reset by e-mail link for user {UserId}")]
    private static partial void LogReset(ILogger logger, Guid userId);
}
