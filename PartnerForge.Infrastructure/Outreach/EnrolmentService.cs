using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>A person in a sequence as the sequence page lists them.</summary>
public sealed record EnrolmentRow(Guid Id, Guid ContactId, string ContactName, Guid CompanyId, string CompanyName, EnrolmentState State, StopReason? StopReason,
    int NextStep, int StepCount, DateTime? NextDueUtc, string? TimeZone, DateTime EnrolledAtUtc, DateTime? EndedAtUtc);

/// <summary>A contact that could be enrolled, as the picker shows them.</summary>
public sealed record EnrolCandidate(Guid Id, string Name, string CompanyName, string? Email);

/// <summary>Who was enrolled, and who was not and why, in words.</summary>
public sealed record EnrolSummary(int Enrolled, int AlreadyIn, IReadOnlyList<string> NotEnrolled);

/// <summary>
/// Putting contacts into sequences and taking them out: enrol one or many (each person once per sequence; nobody without an
/// address, a lawful basis, or on the suppression list), pause, resume, finish. The first step is scheduled at once in
/// the contact's own calendar.
/// </summary>
public sealed class EnrolmentService(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant tenant, TimeProvider time)
{
    public const int MaxPerRequest = 5000;

    public async Task<Result<EnrolSummary>> EnrolAsync(Guid sequenceId, IReadOnlyCollection<Guid> contactIds, Guid? enrolledBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        if (contactIds.Count == 0)
        {
            return Result.Invalid<EnrolSummary>("ContactIds", "Choose at least one contact to enrol.");
        }

        if (contactIds.Count > MaxPerRequest)
        {
            return Result.Invalid<EnrolSummary>("ContactIds", $"Enrol at most {MaxPerRequest:N0} contacts at a time.");
        }

        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Enrolment needs a tenant.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sequence = await db.Sequences.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sequenceId, cancellationToken);
        if (sequence is null)
        {
            return Result.NotFound<EnrolSummary>("There is no such sequence in your workspace.");
        }

        if (sequence.State == SequenceState.Archived)
        {
            return Result.Conflict<EnrolSummary>($"{sequence.Name} is archived: restore it before enrolling people.");
        }

        var ids = contactIds.Distinct().ToList();
        var contacts = await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var already = (await db.Enrolments.Where(e => e.SequenceId == sequenceId && ids.Contains(e.ContactId)).Select(e => e.ContactId).ToListAsync(cancellationToken)).ToHashSet();
        var hashes = contacts.Where(c => c.Email is not null).ToDictionary(c => c.Id, c => SuppressedAddress.Hash(tenantId, c.Email!));
        var hashList = hashes.Values.ToList();
        var suppressed = (await db.SuppressedAddresses.Where(s => hashList.Contains(s.AddressHash)).Select(s => s.AddressHash).ToListAsync(cancellationToken)).ToHashSet();
        var rules = await SendPlanner.RulesAsync(db, tenantId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var notEnrolled = new List<string>();
        var enrolled = 0;
        foreach (var contact in contacts.OrderBy(c => c.FullName, StringComparer.CurrentCulture))
        {
            if (already.Contains(contact.Id))
            {
                continue;
            }

            if (Refusal(contact, hashes, suppressed) is { } why)
            {
                notEnrolled.Add($"{contact.FullName}: {why}");
                continue;
            }

            var due = SendPlanner.DueUtc(sequence.Steps, 0, now, rules.For(contact.TimeZone, sequence.Window));
            db.Enrolments.Add(new Enrolment(sequenceId, contact.Id, contact.CompanyId, enrolledBy, due, now));
            enrolled++;
        }

        if (ids.Count > contacts.Count)
        {
            notEnrolled.Add(ids.Count - contacts.Count == 1 ? "1 contact is not in your workspace" : $"{ids.Count - contacts.Count} contacts are not in your workspace");
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok(new EnrolSummary(enrolled, already.Count, notEnrolled));
    }

    /// <summary>Contacts whose name, e-mail or account matches <paramref name="search"/>, not yet in the sequence (at most 20).</summary>
    public async Task<IReadOnlyList<EnrolCandidate>> CandidatesAsync(Guid sequenceId, string? search, CancellationToken cancellationToken = default)
    {
        var text = search?.Trim().ToLowerInvariant() ?? string.Empty;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() here is SQL lower(), run by the database on every provider alike
        return await (
                from c in db.Contacts.AsNoTracking()
                join a in db.Companies on c.CompanyId equals a.Id
                where !db.Enrolments.Any(e => e.SequenceId == sequenceId && e.ContactId == c.Id)
                    && (text == string.Empty || c.FullName.ToLower().Contains(text) || (c.Email != null && c.Email.Contains(text)) || a.SearchName.Contains(text))
                orderby c.FullName
                select new EnrolCandidate(c.Id, c.FullName, a.Name, c.Email))
            .Take(20).ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
    }

    public async Task<IReadOnlyList<EnrolmentRow>> ForSequenceAsync(Guid sequenceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var steps = await db.Sequences.AsNoTracking().Where(s => s.Id == sequenceId).Select(s => s.Steps).FirstOrDefaultAsync(cancellationToken);
        var count = steps?.Count ?? 0;
        return await (
                from e in db.Enrolments.AsNoTracking()
                where e.SequenceId == sequenceId
                join c in db.Contacts on e.ContactId equals c.Id
                join a in db.Companies on e.CompanyId equals a.Id
                orderby e.EnrolledAtUtc descending, c.FullName
                select new EnrolmentRow(e.Id, c.Id, c.FullName, a.Id, a.Name, e.State, e.StopReason, e.NextStep, count, e.NextDueUtc, c.TimeZone, e.EnrolledAtUtc, e.EndedAtUtc))
            .Take(2000).ToListAsync(cancellationToken);
    }

    public Task<Result> PauseAsync(IReadOnlyCollection<Guid> enrolmentIds, CancellationToken cancellationToken = default) =>
        ChangeAsync(enrolmentIds, (e, _, _) => e.Pause(), cancellationToken);

    public Task<Result> ResumeAsync(IReadOnlyCollection<Guid> enrolmentIds, CancellationToken cancellationToken = default) =>
        ChangeAsync(enrolmentIds, (e, steps, context) => e.Resume(SendPlanner.DueUtc(steps, e.NextStep, time.GetUtcNow().UtcDateTime, context)), cancellationToken);

    /// <summary>Finishes the enrolments by hand: nothing more is sent to these people from these sequences.</summary>
    public Task<Result> FinishAsync(IReadOnlyCollection<Guid> enrolmentIds, CancellationToken cancellationToken = default) =>
        ChangeAsync(enrolmentIds, (e, _, _) => e.Stop(StopReason.Manual, time.GetUtcNow().UtcDateTime), cancellationToken);

    private async Task<Result> ChangeAsync(IReadOnlyCollection<Guid> enrolmentIds, Action<Enrolment, IReadOnlyList<SequenceStep>, SendContext> change, CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Enrolment changes need a tenant.");
        var ids = enrolmentIds.Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var enrolments = await db.Enrolments.Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken);
        if (enrolments.Count == 0)
        {
            return Result.NotFound("None of these enrolments is in your workspace.");
        }

        var sequenceIds = enrolments.Select(e => e.SequenceId).Distinct().ToList();
        var sequences = await db.Sequences.AsNoTracking().Where(s => sequenceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var contactIds = enrolments.Select(e => e.ContactId).ToList();
        var zones = await db.Contacts.Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.TimeZone, cancellationToken);
        var rules = await SendPlanner.RulesAsync(db, tenantId, cancellationToken);
        foreach (var e in enrolments)
        {
            var sequence = sequences[e.SequenceId];
            change(e, sequence.Steps, rules.For(zones.GetValueOrDefault(e.ContactId), sequence.Window));
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    private static string? Refusal(Contact contact, Dictionary<Guid, string> hashes, HashSet<string> suppressed)
    {
        if (contact.Email is null)
        {
            return "has no e-mail address";
        }

        if (contact.LawfulBasis == LawfulBasis.NotRecorded)
        {
            return "has no lawful basis recorded";
        }

        return suppressed.Contains(hashes[contact.Id]) ? "is on the suppression list (unsubscribed, bounced or erased)" : null;
    }
}
