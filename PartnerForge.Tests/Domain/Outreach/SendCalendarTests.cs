using PartnerForge.Domain.Outreach;

namespace PartnerForge.Tests.Domain.Outreach;

/// <summary>
/// The send calendar against dates worked out by hand: 1 December 2026 is a Tuesday; in 2026 the US changes clocks on
/// 8 March and 1 November, the EU on 29 March and 25 October, New Zealand leaves daylight-saving time on 5 April.
/// </summary>
public sealed class SendCalendarTests
{
    private static readonly SendWindow Window = SendWindow.Default; // 08:00–17:00
    private static readonly HashSet<DateOnly> NoHolidays = [];
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    [Theory]
    [InlineData(7, 59, 59, false)]
    [InlineData(8, 0, 0, true)]
    [InlineData(16, 59, 59, true)]
    [InlineData(17, 0, 0, false)]
    public void The_window_opens_at_its_start_and_is_closed_at_its_end(int hour, int minute, int second, bool sendable)
    {
        // London is on UTC in December.
        SendCalendar.IsSendable(Utc(2026, 12, 1, hour, minute, second), London, Window, NoHolidays).Should().Be(sendable);
    }

    [Fact]
    public void Inside_the_window_the_slot_is_now_and_before_it_the_same_morning()
    {
        SendCalendar.NextSlotUtc(Utc(2026, 12, 1, 10, 7), London, Window, NoHolidays).Should().Be(Utc(2026, 12, 1, 10, 7));
        var slot = SendCalendar.NextSlotUtc(Utc(2026, 12, 1, 6, 15), London, Window, NoHolidays);
        slot.Should().Be(Utc(2026, 12, 1, 8, 0));
        slot.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public void Nothing_goes_on_a_weekend_and_friday_evening_waits_for_monday_morning()
    {
        SendCalendar.IsSendable(Utc(2026, 12, 5, 10, 0), London, Window, NoHolidays).Should().BeFalse("5 December 2026 is a Saturday");
        SendCalendar.IsSendable(Utc(2026, 12, 6, 10, 0), London, Window, NoHolidays).Should().BeFalse("a Sunday");
        SendCalendar.NextSlotUtc(Utc(2026, 12, 4, 17, 0), London, Window, NoHolidays).Should().Be(Utc(2026, 12, 7, 8, 0));
        SendCalendar.NextSlotUtc(Utc(2026, 12, 5, 12, 0), London, Window, NoHolidays).Should().Be(Utc(2026, 12, 7, 8, 0));
    }

    [Fact]
    public void A_holiday_is_skipped_like_a_weekend_day()
    {
        var thursday = new HashSet<DateOnly> { new(2026, 12, 3) };
        SendCalendar.IsSendable(Utc(2026, 12, 3, 10, 0), London, Window, thursday).Should().BeFalse();
        SendCalendar.NextSlotUtc(Utc(2026, 12, 2, 17, 0), London, Window, thursday).Should().Be(Utc(2026, 12, 4, 8, 0));

        var friday = new HashSet<DateOnly> { new(2026, 12, 4) };
        SendCalendar.NextSlotUtc(Utc(2026, 12, 3, 17, 30), London, Window, friday).Should().Be(Utc(2026, 12, 7, 8, 0), "Friday is a holiday, then the weekend");
    }

    [Fact]
    public void New_york_opens_at_eight_local_on_either_side_of_the_spring_change()
    {
        // Friday 6 March: EST (UTC−5), 08:00 is 13:00 UTC. Monday 9 March: EDT (UTC−4), 08:00 is 12:00 UTC.
        SendCalendar.IsSendable(Utc(2026, 3, 6, 12, 59), NewYork, Window, NoHolidays).Should().BeFalse();
        SendCalendar.IsSendable(Utc(2026, 3, 6, 13, 0), NewYork, Window, NoHolidays).Should().BeTrue();
        SendCalendar.NextSlotUtc(Utc(2026, 3, 6, 22, 0), NewYork, Window, NoHolidays).Should().Be(Utc(2026, 3, 9, 12, 0));
        SendCalendar.IsSendable(Utc(2026, 3, 9, 11, 59), NewYork, Window, NoHolidays).Should().BeFalse("07:59 EDT");
    }

    [Fact]
    public void A_local_time_in_the_spring_gap_moves_past_it_and_one_in_the_autumn_overlap_reads_as_standard_time()
    {
        // New York: 02:00 → 03:00 on 8 March; 02:00 → 01:00 on 1 November.
        NewYork.IsInvalidTime(new DateTime(2026, 3, 8, 2, 30, 0)).Should().BeTrue();
        SendCalendar.ToUtc(new DateOnly(2026, 3, 8), new TimeOnly(2, 30), NewYork).Should().Be(Utc(2026, 3, 8, 7, 0), "03:00 EDT");
        NewYork.IsAmbiguousTime(new DateTime(2026, 11, 1, 1, 30, 0)).Should().BeTrue();
        SendCalendar.ToUtc(new DateOnly(2026, 11, 1), new TimeOnly(1, 30), NewYork).Should().Be(Utc(2026, 11, 1, 6, 30), "01:30 EST");

        // Berlin: 02:00 → 03:00 on 29 March; 03:00 → 02:00 on 25 October.
        SendCalendar.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(2, 15), Berlin).Should().Be(Utc(2026, 3, 29, 1, 0), "03:00 CEST");
        Berlin.IsAmbiguousTime(new DateTime(2026, 10, 25, 2, 30, 0)).Should().BeTrue();
        SendCalendar.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), Berlin).Should().Be(Utc(2026, 10, 25, 1, 30), "02:30 CET");
    }

    [Fact]
    public void Berlin_opens_at_eight_local_after_each_change()
    {
        // Friday 27 March 17:00 CET is 16:00 UTC; Monday 30 March 08:00 CEST is 06:00 UTC.
        SendCalendar.NextSlotUtc(Utc(2026, 3, 27, 16, 0), Berlin, Window, NoHolidays).Should().Be(Utc(2026, 3, 30, 6, 0));
        // Friday 23 October 17:00 CEST is 15:00 UTC; Monday 26 October 08:00 CET is 07:00 UTC.
        SendCalendar.NextSlotUtc(Utc(2026, 10, 23, 15, 0), Berlin, Window, NoHolidays).Should().Be(Utc(2026, 10, 26, 7, 0));
        SendCalendar.IsSendable(Utc(2026, 10, 26, 6, 30), Berlin, Window, NoHolidays).Should().BeFalse("07:30 CET");
    }

    [Fact]
    public void A_wait_keeps_the_local_time_of_day_across_a_clock_change()
    {
        // Friday 30 October 10:00 EDT (14:00 UTC) plus one business day: Monday 2 November 10:00 EST (15:00 UTC).
        SendCalendar.AfterBusinessDaysUtc(Utc(2026, 10, 30, 14, 0), 1, NewYork, Window, NoHolidays).Should().Be(Utc(2026, 11, 2, 15, 0));
    }

    [Fact]
    public void Auckland_starts_its_week_while_it_is_still_sunday_in_utc()
    {
        // NZDT is UTC+13: Monday 2 March 08:00 there is Sunday 1 March 19:00 UTC.
        SendCalendar.IsSendable(Utc(2026, 3, 1, 18, 59), Auckland, Window, NoHolidays).Should().BeFalse();
        SendCalendar.IsSendable(Utc(2026, 3, 1, 19, 0), Auckland, Window, NoHolidays).Should().BeTrue();
        // Friday 6 March 17:00 there is 04:00 UTC the same day: closed until Monday 9 March 08:00 there.
        SendCalendar.IsSendable(Utc(2026, 3, 6, 3, 59), Auckland, Window, NoHolidays).Should().BeTrue();
        SendCalendar.IsSendable(Utc(2026, 3, 6, 4, 0), Auckland, Window, NoHolidays).Should().BeFalse();
        SendCalendar.NextSlotUtc(Utc(2026, 3, 6, 4, 0), Auckland, Window, NoHolidays).Should().Be(Utc(2026, 3, 8, 19, 0));
    }

    [Fact]
    public void Auckland_holidays_are_its_own_dates_and_its_autumn_change_moves_the_slot_by_an_hour()
    {
        // Monday 9 March 20:00 UTC is Tuesday 10 March 09:00 in Auckland: the holiday that counts is the Tuesday.
        SendCalendar.IsSendable(Utc(2026, 3, 9, 20, 0), Auckland, Window, new HashSet<DateOnly> { new(2026, 3, 10) }).Should().BeFalse();
        SendCalendar.IsSendable(Utc(2026, 3, 9, 20, 0), Auckland, Window, new HashSet<DateOnly> { new(2026, 3, 9) }).Should().BeTrue();

        // Friday 3 April 17:00 NZDT; the clocks go back on Sunday 5 April; Monday 6 April is a holiday:
        // Tuesday 7 April 08:00 NZST (UTC+12) is Monday 6 April 20:00 UTC.
        var easterMonday = new HashSet<DateOnly> { new(2026, 4, 6) };
        SendCalendar.NextSlotUtc(Utc(2026, 4, 3, 4, 0), Auckland, Window, easterMonday).Should().Be(Utc(2026, 4, 6, 20, 0));
    }

    [Fact]
    public void Business_days_skip_weekends_and_holidays()
    {
        var christmas = new HashSet<DateOnly> { new(2026, 12, 25) };
        SendCalendar.AddBusinessDays(new DateOnly(2026, 12, 24), 2, christmas).Should().Be(new DateOnly(2026, 12, 29), "Thursday + Fri (holiday), weekend, Mon, Tue");
        SendCalendar.AddBusinessDays(new DateOnly(2026, 12, 24), 2, new HashSet<DateOnly> { new(2026, 12, 25), new(2026, 12, 28) })
            .Should().Be(new DateOnly(2026, 12, 30));
        SendCalendar.AddBusinessDays(new DateOnly(2026, 12, 24), 0, christmas).Should().Be(new DateOnly(2026, 12, 24));
        SendCalendar.AddBusinessDays(new DateOnly(2026, 12, 5), 1, NoHolidays).Should().Be(new DateOnly(2026, 12, 7), "Saturday + 1 is Monday");
        var negative = () => SendCalendar.AddBusinessDays(new DateOnly(2026, 12, 5), -1, NoHolidays);
        negative.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_wait_lands_at_the_same_local_time_or_the_next_opening()
    {
        var christmas = new HashSet<DateOnly> { new(2026, 12, 25) };
        SendCalendar.AfterBusinessDaysUtc(Utc(2026, 12, 24, 15, 30), 2, London, Window, christmas).Should().Be(Utc(2026, 12, 29, 15, 30));
        // Sent Thursday 18:00 (after hours): a business day later is Friday 18:00, closed, so Monday 08:00.
        SendCalendar.AfterBusinessDaysUtc(Utc(2026, 12, 3, 18, 0), 1, London, Window, NoHolidays).Should().Be(Utc(2026, 12, 7, 8, 0));
        SendCalendar.AfterBusinessDaysUtc(Utc(2026, 12, 3, 18, 0), 0, London, Window, NoHolidays).Should().Be(Utc(2026, 12, 4, 8, 0));
    }

    [Fact]
    public void A_year_of_holidays_is_an_error_not_an_endless_search()
    {
        var everyDay = Enumerable.Range(0, 420).Select(d => new DateOnly(2026, 12, 1).AddDays(d)).ToHashSet();
        var search = () => SendCalendar.NextSlotUtc(Utc(2026, 12, 1, 10, 0), London, Window, everyDay);
        search.Should().Throw<InvalidOperationException>().WithMessage("*holidays*");
    }
}
