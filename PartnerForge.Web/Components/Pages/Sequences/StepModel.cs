using PartnerForge.Domain.Outreach;

namespace PartnerForge.Web.Components.Pages.Sequences;

/// <summary>A step as the editor holds it while the rep types.</summary>
public sealed class StepModel
{
    public StepKind Kind { get; set; }

    public StepCondition Condition { get; set; }

    public string? Subject { get; set; }

    public string? Body { get; set; }

    public int WaitDays { get; set; } = 2;

    public TaskKind Task { get; set; } = TaskKind.Call;

    public string? Note { get; set; }

    public static StepModel From(SequenceStep step) => new()
    {
        Kind = step.Kind,
        Condition = step.Condition,
        Subject = step.Subject,
        Body = step.Body,
        WaitDays = step.Kind == StepKind.Wait ? step.WaitDays : 2,
        Task = step.Task ?? TaskKind.Call,
        Note = step.Note,
    };

    public StepInput ToInput() => new(Kind, Condition, Subject, Body, WaitDays, Kind == StepKind.Task ? Task : null, Note);

    public static string ConditionLabel(StepCondition condition) => condition switch
    {
        StepCondition.IfNotOpened => "Only if no e-mail was opened",
        StepCondition.IfNotReplied => "Only if nothing was clicked or replied",
        _ => "Always",
    };
}
