using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>What happened to one step's e-mails (or tasks): how many were sent, and how many of those people opened, clicked, replied, bounced, unsubscribed.</summary>
public sealed record StepFigures(int StepIndex, StepKind Kind, string Label, int Sent, int Opened, int Clicked, int Replied, int Bounced, int Unsubscribed, int Tasks, int Skipped);

/// <summary>A sequence's report: per step and in total, and where its people are now.</summary>
public sealed record SequenceReportView(IReadOnlyList<StepFigures> Steps, StepFigures Total, IReadOnlyDictionary<EnrolmentState, int> People);

/// <summary>Counts for the sequence report, from the touches (one per person and step) in the database.</summary>
public sealed class SequenceReport(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    public async Task<SequenceReportView?> ForAsync(Guid sequenceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sequence = await db.Sequences.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sequenceId, cancellationToken);
        if (sequence is null)
        {
            return null;
        }

        var rows = await db.Touches.Where(t => t.SequenceId == sequenceId).GroupBy(t => t.StepIndex).Select(g => new
        {
            Step = g.Key,
            Sent = g.Count(t => t.SentAtUtc != null),
            Opened = g.Count(t => t.OpenedAtUtc != null),
            Clicked = g.Count(t => t.ClickedAtUtc != null),
            Replied = g.Count(t => t.RepliedAtUtc != null),
            Bounced = g.Count(t => t.BouncedAtUtc != null),
            Unsubscribed = g.Count(t => t.UnsubscribedAtUtc != null),
            Tasks = g.Count(t => t.State == TouchState.TaskOpen || t.State == TouchState.TaskDone),
            Skipped = g.Count(t => t.State == TouchState.Skipped),
        }).ToDictionaryAsync(r => r.Step, cancellationToken);
        var people = await db.Enrolments.Where(e => e.SequenceId == sequenceId).GroupBy(e => e.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var steps = sequence.Steps.Select((step, i) =>
        {
            var r = rows.GetValueOrDefault(i);
            return new StepFigures(i, step.Kind, Label(step, i), r?.Sent ?? 0, r?.Opened ?? 0, r?.Clicked ?? 0, r?.Replied ?? 0, r?.Bounced ?? 0, r?.Unsubscribed ?? 0, r?.Tasks ?? 0, r?.Skipped ?? 0);
        }).Where(s => s.Kind != StepKind.Wait).ToList();
        var total = new StepFigures(-1, StepKind.Email, "All steps", steps.Sum(s => s.Sent), steps.Sum(s => s.Opened), steps.Sum(s => s.Clicked), steps.Sum(s => s.Replied),
            steps.Sum(s => s.Bounced), steps.Sum(s => s.Unsubscribed), steps.Sum(s => s.Tasks), steps.Sum(s => s.Skipped));
        return new SequenceReportView(steps, total, people);
    }

    /// <summary>"Step 1 · E-mail: Quick question" — how a step is named on screen.</summary>
    public static string Label(SequenceStep step, int index) => step.Kind switch
    {
        StepKind.Email => $"Step {index + 1} · E-mail: {step.Subject}",
        StepKind.Wait => $"Step {index + 1} · Wait {step.WaitDays} business day{(step.WaitDays == 1 ? string.Empty : "s")}",
        _ => $"Step {index + 1} · {TaskLabel(step.Task)}{(string.IsNullOrEmpty(step.Note) ? string.Empty : ": " + step.Note)}",
    };

    public static string TaskLabel(TaskKind? task) => task switch
    {
        TaskKind.Call => "Call",
        TaskKind.LinkedIn => "LinkedIn message",
        _ => "Task",
    };
}
