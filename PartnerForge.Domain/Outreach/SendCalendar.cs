namespace PartnerForge.Domain.Outreach;

/// <summary>The hours of a working day in which a sequence may send (local to the person it writes to); the end is exclusive.</summary>
public sealed record SendWindow(TimeOnly Start, TimeOnly End)
{
    public static SendWindow Default { get; } = new(new TimeOnly(8, 0), new TimeOnly(17, 0));

    public bool Contains(TimeOnly time) => time >= Start && time < End;
}

/// <summary>
/// When outreach may go out: business days (Monday to Friday, not one of the workspace's holidays) inside the sender's
/// window, in the recipient's own time zone. Pure and deterministic, so the dispatcher and the tests agree on every slot.
/// </summary>
public static class SendCalendar
{
    public static bool IsBusinessDay(DateOnly date, IReadOnlySet<DateOnly> holidays) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);

    /// <summary>Whether <paramref name="utc"/> falls inside the window on a business day where the recipient is.</summary>
    public static bool IsSendable(DateTime utc, TimeZoneInfo zone, SendWindow window, IReadOnlySet<DateOnly> holidays)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(Utc(utc), zone);
        return IsBusinessDay(DateOnly.FromDateTime(local), holidays) && window.Contains(TimeOnly.FromDateTime(local));
    }

    /// <summary>The first instant at or after <paramref name="earliestUtc"/> at which a message may be sent.</summary>
    public static DateTime NextSlotUtc(DateTime earliestUtc, TimeZoneInfo zone, SendWindow window, IReadOnlySet<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(holidays);
        if (IsSendable(earliestUtc, zone, window, holidays))
        {
            return Utc(earliestUtc);
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(Utc(earliestUtc), zone);
        var date = DateOnly.FromDateTime(local);
        if (TimeOnly.FromDateTime(local) >= window.Start)
        {
            date = date.AddDays(1);
        }

        // A year of holidays is the most a workspace could list; beyond that the calendar is wrong, not busy.
        for (var i = 0; i < 400; i++, date = date.AddDays(1))
        {
            if (!IsBusinessDay(date, holidays))
            {
                continue;
            }

            var slot = ToUtc(date, window.Start, zone);
            // The window's opening can fall in a daylight-saving gap: the first valid local minute after it then.
            if (slot >= Utc(earliestUtc) && IsSendable(slot, zone, window, holidays))
            {
                return slot;
            }
        }

        throw new InvalidOperationException("No business day in the next 400 days: check the workspace's holidays.");
    }

    /// <summary>The business day <paramref name="days"/> business days after <paramref name="from"/> (0: the same day).</summary>
    public static DateOnly AddBusinessDays(DateOnly from, int days, IReadOnlySet<DateOnly> holidays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = from;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (IsBusinessDay(date, holidays))
            {
                days--;
            }
        }

        return date;
    }

    /// <summary>
    /// When a step that waits <paramref name="businessDays"/> comes due after the previous touch at <paramref name="afterUtc"/>:
    /// the same local time that many business days later, moved into the window.
    /// </summary>
    public static DateTime AfterBusinessDaysUtc(DateTime afterUtc, int businessDays, TimeZoneInfo zone, SendWindow window, IReadOnlySet<DateOnly> holidays)
    {
        if (businessDays == 0)
        {
            return NextSlotUtc(afterUtc, zone, window, holidays);
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(Utc(afterUtc), zone);
        var day = AddBusinessDays(DateOnly.FromDateTime(local), businessDays, holidays);
        return NextSlotUtc(ToUtc(day, TimeOnly.FromDateTime(local), zone), zone, window, holidays);
    }

    /// <summary>A local wall-clock time as UTC; a time skipped by a daylight-saving change moves forward past the gap.</summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
