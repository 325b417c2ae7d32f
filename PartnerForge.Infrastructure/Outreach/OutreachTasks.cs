using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Outreach;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>A manual step (call, LinkedIn message) waiting for a rep, with who to reach and why.</summary>
public sealed record OutreachTaskRow(Guid TouchId, Guid ContactId, string ContactName, string? Phone, string? TimeZone, Guid CompanyId, string CompanyName,
    Guid SequenceId, string SequenceName, int StepNumber, TaskKind Kind, string? Note, DateTime DueUtc);

/// <summary>
/// The manual steps of sequences: the open ones of the sequences a rep sends as (or of everyone's), and marking one done.
/// The dispatcher opens a task when its step comes due; the sequence goes on without waiting for it.
/// </summary>
public sealed class OutreachTasks(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant current, TimeProvider time)
{
    public async Task<IReadOnlyList<OutreachTaskRow>> OpenAsync(bool mineOnly, CancellationToken cancellationToken = default)
    {
        var me = current.UserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sequences = db.Sequences.AsNoTracking().Where(s => !mineOnly || s.OwnerId == me);
        var rows = await (
                from t in db.Touches.AsNoTracking()
                where t.State == TouchState.TaskOpen
                join e in db.Enrolments.AsNoTracking() on t.EnrolmentId equals e.Id
                join s in sequences on e.SequenceId equals s.Id
                join c in db.Contacts.AsNoTracking() on e.ContactId equals c.Id
                join a in db.Companies.AsNoTracking() on c.CompanyId equals a.Id
                orderby t.CreatedAtUtc
                select new { t.Id, t.StepIndex, t.CreatedAtUtc, ContactId = c.Id, c.FullName, c.Phone, c.TimeZone, CompanyId = a.Id, Company = a.Name, SequenceId = s.Id })
            .Take(500).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.SequenceId).Distinct().ToList();
        var steps = await db.Sequences.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        return rows.Select(r =>
        {
            var sequence = steps[r.SequenceId];
            var step = r.StepIndex < sequence.Steps.Count ? sequence.Steps[r.StepIndex] : null;
            return new OutreachTaskRow(r.Id, r.ContactId, r.FullName, r.Phone, r.TimeZone, r.CompanyId, r.Company, r.SequenceId, sequence.Name, r.StepIndex + 1,
                step?.Task ?? TaskKind.Other, step?.Note, r.CreatedAtUtc);
        }).ToList();
    }

    public async Task<Result> CompleteAsync(Guid touchId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var touch = await db.Touches.SingleOrDefaultAsync(t => t.Id == touchId, cancellationToken);
        if (touch is null)
        {
            return Result.NotFound("There is no such task in your workspace.");
        }

        if (touch.State != TouchState.TaskOpen)
        {
            return Result.Conflict("This task is already done.");
        }

        touch.CompleteTask(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }
}
