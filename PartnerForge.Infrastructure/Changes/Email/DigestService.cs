using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Changes.Email;

/// <summary>
/// Alert digests for the current tenant. Compose: for each user whose daily/weekly hour has come in their
/// time zone, one <see cref="AlertDigest"/> outbox row per user and period (unique key), holding the finished
/// HTML and text. Send: every unsent row, marked sent only after the SMTP server accepted it. A restart between
/// the two finds the row and sends that same message: nothing lost, nothing composed twice.
/// </summary>
public sealed partial class DigestService(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    ICurrentTenant current,
    IEmailSender sender,
    TimeProvider time,
    ILogger<DigestService> logger,
    Observability.PartnerForgeMetrics? metrics = null)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await ComposeDueAsync(cancellationToken);
        await SendImmediateAsync(cancellationToken);
        return await SendPendingAsync(cancellationToken);
    }

    /// <summary>
    /// Alerts of users who want e-mail immediately, not yet e-mailed, from the last day, outside the user's quiet
    /// hours (held until they end). Each alert is marked e-mailed after the server accepted it.
    /// </summary>
    public async Task<int> SendImmediateAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var preferences = await db.AlertPreferences.Where(p => p.EmailImmediately).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var preference in preferences)
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == preference.UserId && u.IsActive, cancellationToken);
            if (user is null)
            {
                continue;
            }

            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(user.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            if (AlertSchedule.InQuietHours(preference, TimeZoneInfo.ConvertTimeFromUtc(now, zone)))
            {
                continue;
            }

            var alerts = await db.Alerts.Where(a => a.UserId == user.Id && a.EmailedAtUtc == null && a.CreatedAtUtc >= since)
                .OrderBy(a => a.CreatedAtUtc).Take(50).ToListAsync(cancellationToken);
            foreach (var alert in alerts)
            {
                var when = TimeZoneInfo.ConvertTimeFromUtc(alert.CreatedAtUtc, zone).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " " + zone.Id;
                var text = $"{alert.Title}\n\nSignificance {alert.Significance} of 100, {when}.\nOpen the alert centre in PartnerForge to see the change side by side.\n";
                var html = $"<html><body style=\"font-family: sans-serif\"><p><strong>{WebUtility.HtmlEncode(alert.Title)}</strong></p><p>Significance {alert.Significance} of 100, {WebUtility.HtmlEncode(when)}.</p></body></html>";
                try
                {
                    await sender.SendAsync(user.Email, $"PartnerForge alert: {Cut(alert.Title, 150)}", html, text, alert.Id.ToString("N"), cancellationToken);
                    alert.MarkEmailed(time.GetUtcNow().UtcDateTime);
                    await db.SaveChangesAsync(cancellationToken);
                    metrics?.AlertsDelivered("email", 1);
                    sent++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSendFailed(logger, ex, alert.Id);
                    break;
                }
            }
        }

        return sent;
    }

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;

    public async Task<int> ComposeDueAsync(CancellationToken cancellationToken = default)
    {
        _ = current.TenantId ?? throw new InvalidOperationException("Digests run for the current tenant; none is set.");
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var preferences = await db.AlertPreferences.Where(p => p.Digest != DigestFrequency.None).ToListAsync(cancellationToken);
        var composed = 0;
        foreach (var preference in preferences)
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == preference.UserId && u.IsActive, cancellationToken);
            if (user is null)
            {
                continue;
            }

            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(user.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            var local = TimeZoneInfo.ConvertTimeFromUtc(now, zone);
            if (AlertSchedule.DuePeriod(preference, local, zone) is not { } period
                || await db.AlertDigests.AnyAsync(d => d.UserId == user.Id && d.PeriodKey == period.Key, cancellationToken))
            {
                continue;
            }

            var alerts = await db.Alerts.Where(a => a.UserId == user.Id && a.CreatedAtUtc >= period.FromUtc && a.CreatedAtUtc < period.ToUtc)
                .OrderByDescending(a => a.Significance).ThenByDescending(a => a.CreatedAtUtc).ToListAsync(cancellationToken);
            if (alerts.Count == 0)
            {
                continue;
            }

            var (subject, html, text) = Compose(user, zone, period, preference.Digest, alerts);
            db.AlertDigests.Add(new AlertDigest(user.Id, period.Key, user.Email, subject, html, text, alerts.Count, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                composed++;
            }
            catch (DbUpdateException)
            {
                // Another node composed the same user and period first: the unique key keeps one.
                db.ChangeTracker.Clear();
            }
        }

        return composed;
    }

    /// <summary>
    /// Sends every unsent digest of the tenant, oldest first, except those of users in their quiet hours (held
    /// until the quiet period ends). Each send is bracketed in the outbox row: the Message-ID and the start are
    /// committed before the SMTP conversation, "sent" right after the server accepted it. A row found begun but
    /// neither sent nor failed was interrupted by a stop of the process; whether the server had accepted it is
    /// unknowable over SMTP, so it is sent again with the same Message-ID (mail systems that de-duplicate on it
    /// show it once) and counted in <see cref="AlertDigest.InDoubtResends"/>. See README (e-mail digests).
    /// </summary>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await db.AlertDigests.Where(d => d.SentAtUtc == null && d.Attempts < 10).OrderBy(d => d.ComposedAtUtc).ToListAsync(cancellationToken);
        var userIds = pending.Select(d => d.UserId).Distinct().ToList();
        var preferences = await db.AlertPreferences.Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);
        var zones = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.TimeZone, cancellationToken);
        if (pending.Count > 0)
        {
            LogSending(logger, pending.Count);
        }

        var sent = 0;
        foreach (var digest in pending)
        {
            if (preferences.TryGetValue(digest.UserId, out var preference)
                && AlertSchedule.InQuietHours(preference, TimeZoneInfo.ConvertTimeFromUtc(now, Zone(zones.GetValueOrDefault(digest.UserId)))))
            {
                continue;
            }

            if (digest.InDoubt)
            {
                LogInDoubt(logger, digest.Id, digest.MessageId);
            }

            digest.BeginSend(digest.Id.ToString("N"), time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            try
            {
                await sender.SendAsync(digest.ToEmail, digest.Subject, digest.Html, digest.Text, digest.MessageId!, cancellationToken);
                digest.MarkSent(time.GetUtcNow().UtcDateTime);
                metrics?.AlertsDelivered("digest", digest.AlertCount);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                digest.MarkFailed(ex.Message);
                LogSendFailed(logger, ex, digest.Id);
            }

            // Not cancellable: the server's answer must be recorded once we have it.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return sent;
    }

    private static TimeZoneInfo Zone(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    internal static (string Subject, string Html, string Text) Compose(User user, TimeZoneInfo zone, DigestPeriod period, DigestFrequency frequency, IReadOnlyList<Alert> alerts)
    {
        var inv = CultureInfo.InvariantCulture;
        var zoneName = zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;
        var label = frequency == DigestFrequency.Weekly ? "weekly" : "daily";
        var subject = $"PartnerForge {label} digest: {alerts.Count} alert{(alerts.Count == 1 ? "" : "s")} ({period.LocalTo.ToString("d MMM yyyy", inv)})";
        string When(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("d MMM yyyy HH:mm", inv) + " " + zoneName;

        var text = new StringBuilder();
        text.AppendLine(inv, $"Hello {user.DisplayName},");
        text.AppendLine();
        text.AppendLine(inv, $"Your {label} alerts from {period.LocalFrom.ToString("d MMM yyyy HH:mm", inv)} to {period.LocalTo.ToString("d MMM yyyy HH:mm", inv)} ({zoneName}):");
        text.AppendLine();
        var html = new StringBuilder();
        html.Append(inv, $"<html><body style=\"font-family: sans-serif\"><p>Hello {WebUtility.HtmlEncode(user.DisplayName)},</p>");
        html.Append(inv, $"<p>Your {label} alerts from {period.LocalFrom.ToString("d MMM yyyy HH:mm", inv)} to {period.LocalTo.ToString("d MMM yyyy HH:mm", inv)} ({WebUtility.HtmlEncode(zoneName)}):</p><ul>");
        foreach (var alert in alerts)
        {
            text.AppendLine(inv, $"- [{alert.Significance}] {alert.Title} ({When(alert.CreatedAtUtc)})");
            html.Append(inv, $"<li><strong>{alert.Significance}</strong> {WebUtility.HtmlEncode(alert.Title)} <small>({WebUtility.HtmlEncode(When(alert.CreatedAtUtc))})</small></li>");
        }

        text.AppendLine();
        text.AppendLine("Open the alert centre in PartnerForge to see each change side by side.");
        html.Append("</ul><p>Open the alert centre in PartnerForge to see each change side by side.</p></body></html>");
        return (subject, html.ToString(), text.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending {Count} alert digests")]
    private static partial void LogSending(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest {Id} was being sent when the process stopped; sending it again with the same Message-ID {MessageId}")]
    private static partial void LogInDoubt(ILogger logger, Guid id, string? messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending e-mail {Id} failed; it stays in the outbox")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid id);
}
