using PartnerForge.Domain.Pipeline;

namespace PartnerForge.Tests.Domain.Pipeline;

/// <summary>Dashboard periods on the user's calendar, near month boundaries and daylight-saving changes, worked out by hand.</summary>
public sealed class PeriodInZoneTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    [Fact]
    public void Late_on_the_30th_of_November_in_New_York_is_still_November_there_though_December_in_UTC()
    {
        var now = Utc(2026, 12, 1, 3, 0); // 22:00 on 30 November in New York (EST, UTC-5)

        var month = Period.Month(now, NewYork);

        // 1 November 00:00 is still EDT (UTC-4; the clocks go back at 02:00 that day); 1 December 00:00 is EST (UTC-5).
        month.Should().Be(new Period(Utc(2026, 11, 1, 4, 0), Utc(2026, 12, 1, 5, 0)));
        Period.Month(now, TimeZoneInfo.Utc).Should().Be(new Period(Utc(2026, 12, 1, 0, 0), Utc(2027, 1, 1, 0, 0)));
        Period.LocalToday(now, NewYork).Should().Be(new DateTime(2026, 11, 30));
    }

    [Fact]
    public void The_quarter_and_the_last_90_days_follow_the_local_date()
    {
        var now = Utc(2026, 12, 1, 3, 0);

        Period.Quarter(now, NewYork).Should().Be(new Period(Utc(2026, 10, 1, 4, 0), Utc(2027, 1, 1, 5, 0)));
        // 90 local days ending with 30 November: from 2 September (EDT) to 1 December (EST).
        Period.LastDays(now, 90, NewYork).Should().Be(new Period(Utc(2026, 9, 2, 4, 0), Utc(2026, 12, 1, 5, 0)));
    }

    [Fact]
    public void Half_past_midnight_on_1_April_in_London_is_April_there_though_March_in_UTC()
    {
        var now = Utc(2026, 3, 31, 23, 30); // 00:30 BST on 1 April (summer time began on 29 March)

        Period.Month(now, London).Should().Be(new Period(Utc(2026, 3, 31, 23, 0), Utc(2026, 4, 30, 23, 0)));
        Period.Quarter(now, London).Should().Be(new Period(Utc(2026, 3, 31, 23, 0), Utc(2026, 6, 30, 23, 0)));
        Period.Month(now, TimeZoneInfo.Utc).Should().Be(new Period(Utc(2026, 3, 1, 0, 0), Utc(2026, 4, 1, 0, 0)));
    }

    [Fact]
    public void New_year_comes_nine_hours_early_in_Tokyo()
    {
        var now = Utc(2026, 12, 31, 16, 0); // 01:00 on 1 January 2027 in Tokyo (UTC+9, no summer time)

        Period.Year(now, Tokyo).Should().Be(new Period(Utc(2026, 12, 31, 15, 0), Utc(2027, 12, 31, 15, 0)));
        Period.Year(now, TimeZoneInfo.Utc).Should().Be(new Period(Utc(2026, 1, 1, 0, 0), Utc(2027, 1, 1, 0, 0)));
    }

    [Fact]
    public void A_local_midnight_skipped_by_a_clock_change_starts_at_the_first_minute_that_exists()
    {
        // A zone whose clocks jump from 00:00 to 01:00 on the first Sunday of April.
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 0, 0, 0), 4, 1, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 1, 0, 0), 10, 1, DayOfWeek.Sunday));
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/MidnightJump", TimeSpan.FromHours(-3), "Midnight jump", "Standard", "Summer", [rule]);
        var local = new DateTime(2026, 4, 5, 0, 0, 0); // the first Sunday of April 2026: 00:00 does not exist

        zone.IsInvalidTime(local).Should().BeTrue();
        // 01:00 summer time (UTC-2) is 03:00 UTC.
        Period.LocalToUtc(local, zone).Should().Be(Utc(2026, 4, 5, 3, 0));
    }

    [Theory]
    [InlineData("a", "c", CardPlacement.After)]  // from above in its own column: takes the target's place, after it
    [InlineData("d", "b", CardPlacement.Before)] // from below: before it
    [InlineData("x", "b", CardPlacement.Before)] // from another column: before it
    public void A_card_dropped_onto_another_goes_before_it_unless_it_came_from_above(string dragged, string target, CardPlacement expected) =>
        PipelineMath.PlaceOnto(["a", "b", "c", "d"], dragged, target).Should().Be(expected);

    [Fact]
    public void Ranks_too_close_or_tied_need_renumbering()
    {
        PipelineMath.NeedsRenumbering(1024, 2048).Should().BeFalse();
        PipelineMath.NeedsRenumbering(null, 5).Should().BeFalse();
        PipelineMath.NeedsRenumbering(1.0, 1.0).Should().BeTrue();
        PipelineMath.NeedsRenumbering(1.0, 1.0 + 1e-9).Should().BeTrue();
        var low = 0.0;
        var high = 1024.0;
        var halvings = 0;
        while (!PipelineMath.NeedsRenumbering(low, high))
        {
            high = PipelineMath.RankBetween(low, high);
            halvings++;
        }

        halvings.Should().BeInRange(25, 40, "about thirty drops into the same gap before the column is renumbered");
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
