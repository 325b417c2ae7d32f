using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>A sequence as lists show it: the owner by name and how many people are in it.</summary>
public sealed record SequenceRow(Guid Id, string Name, string OwnerName, SequenceState State, int StepCount, int Active, int Total, DateTime UpdatedAtUtc);

/// <summary>A sequence as the editor shows it.</summary>
public sealed record SequenceDetail(Guid Id, string Name, Guid OwnerId, string OwnerName, SendWindow Window, SequenceState State, IReadOnlyList<SequenceStep> Steps);

/// <summary>An e-mail step rendered for one contact (or for sample values), before it is saved or sent.</summary>
public sealed record StepPreview(string Subject, string Body, IReadOnlyList<string> Missing, string? ContactName);

/// <summary>
/// Outreach sequences of the current tenant: list, create, edit, archive, and previews of their e-mails with real merge
/// values. Pages, the REST API and tests all write through here.
/// </summary>
public sealed class SequenceService(IDbContextFactory<PartnerForgeDbContext> contexts, MergeValueSource mergeValues, TimeProvider time)
{
    public async Task<IReadOnlyList<SequenceRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sequences = await db.Sequences.AsNoTracking().OrderBy(s => s.State).ThenBy(s => s.Name).ToListAsync(cancellationToken);
        var counts = await db.Enrolments.GroupBy(e => e.SequenceId)
            .Select(g => new { g.Key, Total = g.Count(), Active = g.Count(e => e.State == EnrolmentState.Active || e.State == EnrolmentState.Paused) })
            .ToDictionaryAsync(x => x.Key, cancellationToken);
        var owners = await OwnerNamesAsync(db, sequences.Select(s => s.OwnerId), cancellationToken);
        return sequences.Select(s => new SequenceRow(s.Id, s.Name, owners.GetValueOrDefault(s.OwnerId, "A former user"), s.State, s.Steps.Count,
            counts.GetValueOrDefault(s.Id)?.Active ?? 0, counts.GetValueOrDefault(s.Id)?.Total ?? 0, s.UpdatedAtUtc)).ToList();
    }

    public async Task<SequenceDetail?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var s = await db.Sequences.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (s is null)
        {
            return null;
        }

        var owners = await OwnerNamesAsync(db, [s.OwnerId], cancellationToken);
        return new SequenceDetail(s.Id, s.Name, s.OwnerId, owners.GetValueOrDefault(s.OwnerId, "A former user"), s.Window, s.State, s.Steps);
    }

    public async Task<Result<Guid>> CreateAsync(SequenceInput input, Guid ownerId, CancellationToken cancellationToken = default)
    {
        var (steps, errors) = SequenceDraft.Validate(input);
        if (steps is null)
        {
            return Result.Invalid<Guid>(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == ownerId, cancellationToken))
        {
            return Result.Invalid<Guid>("OwnerId", "Choose the user whose mailbox sends this sequence.");
        }

        var sequence = new Sequence(input.Name!.Trim(), ownerId, new SendWindow(input.WindowStart, input.WindowEnd), steps, time.GetUtcNow().UtcDateTime);
        db.Sequences.Add(sequence);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok(sequence.Id);
    }

    /// <summary>
    /// Saves new steps. People already in the sequence go on from the step index they reached; a step they already passed
    /// is not sent again.
    /// </summary>
    public async Task<Result> UpdateAsync(Guid id, SequenceInput input, Guid ownerId, CancellationToken cancellationToken = default)
    {
        var (steps, errors) = SequenceDraft.Validate(input);
        if (steps is null)
        {
            return Result.Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sequence = await db.Sequences.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sequence is null)
        {
            return Result.NotFound("There is no such sequence in your workspace.");
        }

        if (!await db.Users.AnyAsync(u => u.Id == ownerId, cancellationToken))
        {
            return Result.Invalid("OwnerId", "Choose the user whose mailbox sends this sequence.");
        }

        sequence.Update(input.Name!.Trim(), ownerId, new SendWindow(input.WindowStart, input.WindowEnd), steps, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    /// <summary>Archiving stops nobody: it hides the sequence from enrolment. Pause or finish the people in it for that.</summary>
    public async Task<Result> SetArchivedAsync(Guid id, bool archived, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sequence = await db.Sequences.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sequence is null)
        {
            return Result.NotFound("There is no such sequence in your workspace.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (archived)
        {
            sequence.Archive(now);
        }
        else
        {
            sequence.Restore(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    /// <summary>
    /// An e-mail step's subject and body filled for a contact (the first contact with an address when none is given), or
    /// with sample values when the workspace has no contacts yet; template errors are reported, not thrown.
    /// </summary>
    public async Task<Result<StepPreview>> PreviewAsync(string? subject, string? body, Guid ownerId, Guid? contactId, CancellationToken cancellationToken = default)
    {
        var problems = MergeTemplate.Problems(subject).Select(p => ("Subject", p)).Concat(MergeTemplate.Problems(body).Select(p => ("Body", p))).ToList();
        if (problems.Count > 0)
        {
            return Result.Invalid<StepPreview>(problems.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2));
        }

        var (values, name) = await mergeValues.ForPreviewAsync(contactId, ownerId, cancellationToken);
        var s = MergeTemplate.Render(subject ?? string.Empty, values);
        var b = MergeTemplate.Render(body ?? string.Empty, values);
        return Result.Ok(new StepPreview(s.Text, b.Text, s.Missing.Concat(b.Missing).Distinct().ToList(), name));
    }

    internal static async Task<Dictionary<Guid, string>> OwnerNamesAsync(PartnerForgeDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
