using PartnerForge.Domain.Outreach;

namespace PartnerForge.Tests.Domain.Outreach;

public sealed class EnrolmentTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static Enrolment New() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Now.AddHours(1), Now);

    [Fact]
    public void A_new_enrolment_is_active_at_its_first_step_and_due()
    {
        var e = New();

        e.State.Should().Be(EnrolmentState.Active);
        e.IsOpen.Should().BeTrue();
        e.NextStep.Should().Be(0);
        e.NextDueUtc.Should().Be(Now.AddHours(1));
        e.EnrolledAtUtc.Should().Be(Now);
        e.EndedAtUtc.Should().BeNull();
    }

    [Fact]
    public void Advancing_moves_to_the_next_step_and_past_the_last_one_finishes()
    {
        var e = New();
        e.Advance(Now.AddHours(1), Now.AddDays(2), stepCount: 2);
        e.NextStep.Should().Be(1);
        e.LastStepAtUtc.Should().Be(Now.AddHours(1));
        e.NextDueUtc.Should().Be(Now.AddDays(2));
        e.State.Should().Be(EnrolmentState.Active);

        e.Advance(Now.AddDays(2), Now.AddDays(9), stepCount: 2);
        e.State.Should().Be(EnrolmentState.Finished);
        e.IsOpen.Should().BeFalse();
        e.NextDueUtc.Should().BeNull("nothing is due once finished, whatever the caller passed");
        e.EndedAtUtc.Should().Be(Now.AddDays(2));
    }

    [Fact]
    public void Pausing_clears_the_due_time_and_resuming_sets_a_new_one()
    {
        var e = New();
        e.Pause();
        e.State.Should().Be(EnrolmentState.Paused);
        e.NextDueUtc.Should().BeNull();
        e.IsOpen.Should().BeTrue();

        e.Resume(Now.AddDays(1));
        e.State.Should().Be(EnrolmentState.Active);
        e.NextDueUtc.Should().Be(Now.AddDays(1));
    }

    [Fact]
    public void Resuming_an_active_enrolment_leaves_its_due_time_alone()
    {
        var e = New();
        e.Resume(Now.AddDays(5));
        e.NextDueUtc.Should().Be(Now.AddHours(1));
    }

    [Fact]
    public void Stopping_ends_an_active_or_paused_enrolment_with_its_reason()
    {
        var active = New();
        active.Stop(StopReason.Replied, Now.AddHours(2));
        active.State.Should().Be(EnrolmentState.Stopped);
        active.StopReason.Should().Be(StopReason.Replied);
        active.NextDueUtc.Should().BeNull();
        active.EndedAtUtc.Should().Be(Now.AddHours(2));

        var paused = New();
        paused.Pause();
        paused.Stop(StopReason.Manual, Now.AddHours(3));
        paused.State.Should().Be(EnrolmentState.Stopped);
        paused.StopReason.Should().Be(StopReason.Manual);
    }

    [Fact]
    public void An_ended_enrolment_stays_ended()
    {
        var stopped = New();
        stopped.Stop(StopReason.Unsubscribed, Now.AddHours(2));
        stopped.Stop(StopReason.Manual, Now.AddHours(5));
        stopped.Pause();
        stopped.Resume(Now.AddDays(1));
        stopped.Defer(Now.AddDays(1));
        stopped.Advance(Now.AddHours(6), Now.AddDays(2), stepCount: 1);

        stopped.State.Should().Be(EnrolmentState.Stopped, "an unsubscribe is not turned into a finish by a step recorded late");
        stopped.StopReason.Should().Be(StopReason.Unsubscribed, "the first reason stands");
        stopped.EndedAtUtc.Should().Be(Now.AddHours(2));
        stopped.NextDueUtc.Should().BeNull();

        var finished = New();
        finished.Advance(Now.AddHours(1), null, stepCount: 1);
        finished.Stop(StopReason.Replied, Now.AddHours(2));
        finished.Resume(Now.AddDays(1));
        finished.State.Should().Be(EnrolmentState.Finished);
        finished.StopReason.Should().BeNull();
        finished.NextDueUtc.Should().BeNull();
    }

    [Fact]
    public void A_paused_enrolment_gets_no_due_time_until_it_is_resumed()
    {
        var e = New();
        e.Pause();
        e.Defer(Now.AddDays(1));
        e.Advance(Now.AddHours(1), Now.AddDays(2), stepCount: 3);

        e.State.Should().Be(EnrolmentState.Paused);
        e.NextDueUtc.Should().BeNull("a paused enrolment is not picked up by the dispatcher");
        e.NextStep.Should().Be(1, "the step that ran is still recorded");
    }
}
