namespace PartnerForge.Domain.Outreach;

/// <summary>A step as a form or an API body gives it.</summary>
public sealed record StepInput(StepKind Kind, StepCondition Condition = StepCondition.Always, string? Subject = null, string? Body = null,
    int WaitDays = 0, TaskKind? Task = null, string? Note = null);

/// <summary>A sequence as a form or an API body gives it.</summary>
public sealed record SequenceInput(string? Name, TimeOnly WindowStart, TimeOnly WindowEnd, IReadOnlyList<StepInput> Steps);

/// <summary>The rules a sequence must meet before it is saved, with errors keyed by field (<c>Steps[2].Subject</c>).</summary>
public static class SequenceDraft
{
    public static (IReadOnlyList<SequenceStep>? Steps, IReadOnlyDictionary<string, string> Errors) Validate(SequenceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["Name"] = "A sequence needs a name.";
        }
        else if (name.Length > Sequence.MaxNameLength)
        {
            errors["Name"] = $"A name has at most {Sequence.MaxNameLength} characters.";
        }

        if (input.WindowEnd <= input.WindowStart)
        {
            errors["WindowEnd"] = "The sending window must end after it starts, on the same day.";
        }
        else if (input.WindowEnd - input.WindowStart < TimeSpan.FromHours(1))
        {
            errors["WindowEnd"] = "The sending window must be at least an hour long.";
        }

        var steps = input.Steps ?? [];
        if (steps.Count == 0 || steps.All(s => s.Kind != StepKind.Email))
        {
            errors["Steps"] = "A sequence needs at least one e-mail step.";
        }
        else if (steps.Count > Sequence.MaxSteps)
        {
            errors["Steps"] = $"A sequence has at most {Sequence.MaxSteps} steps.";
        }
        else if (steps[^1].Kind == StepKind.Wait)
        {
            errors["Steps"] = "A sequence cannot end with a wait: remove it or add a step after it.";
        }

        var result = new List<SequenceStep>(steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            if (Step(steps[i], $"Steps[{i}]", errors) is { } step)
            {
                result.Add(step);
            }
        }

        return errors.Count > 0 ? (null, errors) : (result, errors);
    }

    private static SequenceStep? Step(StepInput s, string key, Dictionary<string, string> errors)
    {
        if (!Enum.IsDefined(s.Kind) || !Enum.IsDefined(s.Condition))
        {
            errors[key] = "Choose the step's kind and condition.";
            return null;
        }

        var before = errors.Count;
        switch (s.Kind)
        {
            case StepKind.Email:
                Text(s.Subject, $"{key}.Subject", "subject", SequenceStep.MaxSubjectLength, errors);
                Text(s.Body, $"{key}.Body", "body", SequenceStep.MaxBodyLength, errors);
                return errors.Count > before ? null : new SequenceStep(s.Kind, s.Condition, s.Subject!.Trim(), s.Body!.Trim(), 0, null, null);
            case StepKind.Wait:
                if (s.WaitDays is < 1 or > SequenceStep.MaxWaitDays)
                {
                    errors[$"{key}.WaitDays"] = $"Wait between 1 and {SequenceStep.MaxWaitDays} business days.";
                    return null;
                }

                return new SequenceStep(s.Kind, StepCondition.Always, null, null, s.WaitDays, null, null);
            default:
                if (s.Task is not { } task || !Enum.IsDefined(task))
                {
                    errors[$"{key}.Task"] = "Choose the kind of task: call, LinkedIn or other.";
                }

                var note = s.Note?.Trim();
                if (note?.Length > SequenceStep.MaxNoteLength)
                {
                    errors[$"{key}.Note"] = $"A note has at most {SequenceStep.MaxNoteLength} characters.";
                }

                return errors.Count > before ? null : new SequenceStep(s.Kind, s.Condition, null, null, 0, s.Task, string.IsNullOrEmpty(note) ? null : note);
        }
    }

    private static void Text(string? value, string key, string what, int max, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[key] = $"An e-mail step needs a {what}.";
        }
        else if (value.Trim().Length > max)
        {
            errors[key] = $"A {what} has at most {max:N0} characters.";
        }
        else if (MergeTemplate.Problems(value) is { Count: > 0 } problems)
        {
            errors[key] = problems[0];
        }
    }
}
