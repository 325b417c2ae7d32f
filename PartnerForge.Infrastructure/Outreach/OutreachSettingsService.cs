using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>The workspace's sending rules as the settings page edits them.</summary>
public sealed record OutreachSettingsView(int DailyCapPerMailbox, IReadOnlyList<DateOnly> Holidays);

/// <summary>Reads and changes the workspace's outreach rules (daily cap per mailbox, holidays); admins only, by the page's policy.</summary>
public sealed class OutreachSettingsService(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    public async Task<OutreachSettingsView> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settings = await db.OutreachSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return new OutreachSettingsView(settings?.DailyCapPerMailbox ?? OutreachSettings.DefaultDailyCap, settings?.Holidays ?? []);
    }

    /// <summary>Holidays are given as text, one ISO date (2026-12-25) per line or comma-separated.</summary>
    public async Task<Result> SaveAsync(int dailyCapPerMailbox, string? holidays, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (dailyCapPerMailbox is < 1 or > OutreachSettings.MaxDailyCap)
        {
            errors["DailyCapPerMailbox"] = $"A mailbox sends between 1 and {OutreachSettings.MaxDailyCap:N0} e-mails a day.";
        }

        var dates = new List<DateOnly>();
        foreach (var part in (holidays ?? string.Empty).Split([',', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors["Holidays"] = $"“{part}” is not a date: write each holiday as 2026-12-25.";
                break;
            }

            dates.Add(date);
        }

        if (dates.Count > 366)
        {
            errors["Holidays"] = "List at most 366 holidays.";
        }

        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var settings = await db.OutreachSettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            db.OutreachSettings.Add(new OutreachSettings(dailyCapPerMailbox, dates, now));
        }
        else
        {
            settings.Update(dailyCapPerMailbox, dates, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }
}
