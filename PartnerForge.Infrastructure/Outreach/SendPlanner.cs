using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>The calendar one contact is written to in: their time zone (else the workspace's), the sequence's window, the holidays.</summary>
public sealed record SendContext(TimeZoneInfo Zone, SendWindow Window, IReadOnlySet<DateOnly> Holidays);

/// <summary>The workspace's outreach rules as the dispatcher reads them once per pass.</summary>
public sealed record OutreachRules(int DailyCapPerMailbox, IReadOnlySet<DateOnly> Holidays, TimeZoneInfo WorkspaceZone)
{
    public SendContext For(string? contactZone, SendWindow window) => new(SendPlanner.Zone(contactZone, WorkspaceZone), window, Holidays);
}

/// <summary>When each step of a sequence comes due, from the send calendar.</summary>
public static class SendPlanner
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Zones = new(StringComparer.Ordinal);

    /// <summary>
    /// When step <paramref name="index"/> is due after the previous one ran at <paramref name="afterUtc"/>: a wait is over
    /// after its business days (at the same local time, inside the window); any other step at the next sendable minute.
    /// </summary>
    public static DateTime DueUtc(IReadOnlyList<SequenceStep> steps, int index, DateTime afterUtc, SendContext context)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(context);
        return index < steps.Count && steps[index].Kind == StepKind.Wait
            ? SendCalendar.AfterBusinessDaysUtc(afterUtc, steps[index].WaitDays, context.Zone, context.Window, context.Holidays)
            : SendCalendar.NextSlotUtc(afterUtc, context.Zone, context.Window, context.Holidays);
    }

    public static TimeZoneInfo Zone(string? id, TimeZoneInfo fallback)
    {
        if (string.IsNullOrEmpty(id))
        {
            return fallback;
        }

        return Zones.GetOrAdd(id, static key => TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone) ? zone : null) ?? fallback;
    }

    public static async Task<OutreachRules> RulesAsync(PartnerForgeDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var settings = await db.OutreachSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var zone = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.TimeZone).FirstOrDefaultAsync(cancellationToken);
        return new OutreachRules(
            settings?.DailyCapPerMailbox ?? OutreachSettings.DefaultDailyCap,
            (settings?.Holidays ?? []).ToHashSet(),
            Zone(zone, TimeZoneInfo.Utc));
    }
}
