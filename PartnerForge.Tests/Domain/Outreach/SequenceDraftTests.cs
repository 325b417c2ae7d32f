using PartnerForge.Domain.Outreach;

namespace PartnerForge.Tests.Domain.Outreach;

public sealed class SequenceDraftTests
{
    private static readonly StepInput Email = new(StepKind.Email, Subject: "Hi {{first_name | there}}", Body: "A question about {{account_name}}.");

    private static SequenceInput Input(string? name = "Spring outreach", int startHour = 8, int endHour = 17, params StepInput[] steps) =>
        new(name, new TimeOnly(startHour, 0), new TimeOnly(endHour, 0), steps.Length == 0 ? [Email] : steps);

    [Fact]
    public void A_good_sequence_gives_its_steps_trimmed_and_no_errors()
    {
        var (steps, errors) = SequenceDraft.Validate(Input("  Spring outreach  ", 8, 17,
            new StepInput(StepKind.Email, Subject: "  Hello  ", Body: " Body "),
            new StepInput(StepKind.Wait, StepCondition.IfNotOpened, WaitDays: 3),
            new StepInput(StepKind.Task, StepCondition.IfNotReplied, Task: TaskKind.Call, Note: "   "),
            Email));

        errors.Should().BeEmpty();
        steps.Should().HaveCount(4);
        steps![0].Should().Be(new SequenceStep(StepKind.Email, StepCondition.Always, "Hello", "Body", 0, null, null));
        steps[1].Should().Be(new SequenceStep(StepKind.Wait, StepCondition.Always, null, null, 3, null, null), "a wait has no condition");
        steps[2].Should().Be(new SequenceStep(StepKind.Task, StepCondition.IfNotReplied, null, null, 0, TaskKind.Call, null), "a blank note is none");
    }

    [Theory]
    [InlineData(null, "Name")]
    [InlineData("   ", "Name")]
    public void A_sequence_needs_a_name(string? name, string key) =>
        SequenceDraft.Validate(Input(name)).Errors.Keys.Should().Equal(key);

    [Fact]
    public void A_name_has_at_most_120_characters_after_trimming()
    {
        SequenceDraft.Validate(Input(new string('n', 120) + "   ")).Errors.Should().BeEmpty();
        SequenceDraft.Validate(Input(new string('n', 121))).Errors.Keys.Should().Equal("Name");
    }

    [Theory]
    [InlineData(17, 8)]
    [InlineData(9, 9)]
    public void The_window_must_end_after_it_starts(int start, int end)
    {
        var (steps, errors) = SequenceDraft.Validate(Input(startHour: start, endHour: end));
        steps.Should().BeNull();
        errors.Keys.Should().Equal("WindowEnd");
        errors["WindowEnd"].Should().Contain("end after it starts");
    }

    [Fact]
    public void The_window_is_at_least_an_hour()
    {
        var input = new SequenceInput("Short", new TimeOnly(9, 0), new TimeOnly(9, 59), [Email]);
        SequenceDraft.Validate(input).Errors["WindowEnd"].Should().Contain("at least an hour");
        SequenceDraft.Validate(input with { WindowEnd = new TimeOnly(10, 0) }).Errors.Should().BeEmpty();
    }

    [Fact]
    public void The_steps_need_an_email_at_most_twenty_and_no_wait_at_the_end()
    {
        SequenceDraft.Validate(new SequenceInput("None", new TimeOnly(8, 0), new TimeOnly(17, 0), [])).Errors.Keys.Should().Equal("Steps");
        SequenceDraft.Validate(Input(steps: [new StepInput(StepKind.Task, Task: TaskKind.Call)])).Errors["Steps"].Should().Contain("at least one e-mail");
        SequenceDraft.Validate(Input(steps: [.. Enumerable.Repeat(Email, 21)])).Errors["Steps"].Should().Contain("at most 20");
        SequenceDraft.Validate(Input(steps: [.. Enumerable.Repeat(Email, 20)])).Errors.Should().BeEmpty();
        SequenceDraft.Validate(Input(steps: [Email, new StepInput(StepKind.Wait, WaitDays: 2)])).Errors["Steps"].Should().Contain("cannot end with a wait");
    }

    [Fact]
    public void Each_faulty_step_field_is_keyed_by_its_position()
    {
        var (steps, errors) = SequenceDraft.Validate(Input(steps:
        [
            new StepInput(StepKind.Email, Subject: " ", Body: "Hi {{firstname}}"),
            new StepInput(StepKind.Wait, WaitDays: 0),
            new StepInput(StepKind.Task, Note: new string('n', 501)),
            new StepInput(StepKind.Email, Subject: new string('s', 201), Body: "Hello"),
            new StepInput((StepKind)42),
            new StepInput(StepKind.Wait, WaitDays: 61),
            Email,
        ]));

        steps.Should().BeNull();
        errors.Keys.Should().BeEquivalentTo("Steps[0].Subject", "Steps[0].Body", "Steps[1].WaitDays", "Steps[2].Task", "Steps[2].Note", "Steps[3].Subject", "Steps[4]", "Steps[5].WaitDays");
        errors["Steps[0].Subject"].Should().Contain("needs a subject");
        errors["Steps[0].Body"].Should().StartWith("{{firstname}} is not a merge field");
        errors["Steps[3].Subject"].Should().Contain("at most 200");
    }
}
