using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Outreach;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Contacts;

/// <summary>Everything the workspace holds on one person, as the privacy export writes it (JSON, camelCase).</summary>
public sealed record ContactExportDocument(
    DateTime ExportedAtUtc,
    string? ExportedBy,
    string Workspace,
    ExportedContact Contact,
    ExportedLawfulBasis LawfulBasis,
    IReadOnlyList<ExportedEnrolment> Enrolments,
    IReadOnlyList<ExportedTouch> Touches,
    ExportedSuppression Suppression,
    IReadOnlyList<ExportedTimelineEntry> Timeline,
    IReadOnlyList<ExportedFact> Intelligence);

public sealed record ExportedContact(Guid Id, string FullName, string? Title, string? Email, string? Phone, string? TimeZone, string? BuyingCommitteeRole,
    string Account, string? Owner, DateTime CreatedAtUtc, DateTime UpdatedAtUtc);

public sealed record ExportedLawfulBasis(string Basis, DateTime? ConsentGivenAtUtc);

public sealed record ExportedEnrolment(string Sequence, string State, string? StopReason, DateTime EnrolledAtUtc, DateTime? LastStepAtUtc, DateTime? NextDueUtc,
    DateTime? EndedAtUtc);

public sealed record ExportedTouch(string Sequence, int Step, string Kind, string State, string? Subject, string? ToAddress, DateTime CreatedAtUtc,
    DateTime? SentAtUtc, DateTime? OpenedAtUtc, DateTime? ClickedAtUtc, DateTime? RepliedAtUtc, DateTime? BouncedAtUtc, DateTime? UnsubscribedAtUtc,
    DateTime? CompletedAtUtc);

public sealed record ExportedSuppression(bool Suppressed, string? Reason, DateTime? SinceUtc);

public sealed record ExportedTimelineEntry(DateTime AtUtc, string Source, string Description);

public sealed record ExportedFact(string Module, string Fact, string Value, string? SourceUrl, DateTime CapturedAtUtc);

/// <summary>Reads the export's parts from the database (current tenant's rows only: the query filters apply).</summary>
internal static class ContactExportReader
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<ContactExportDocument> ReadAsync(PartnerForgeDbContext db, Contact contact, Guid tenantId, Guid? actorId, DateTime nowUtc,
        CancellationToken ct)
    {
        var account = await db.Companies.Where(c => c.Id == contact.CompanyId).Select(c => c.Name).SingleAsync(ct);
        var owner = contact.OwnerId is { } ownerId ? await db.Users.Where(u => u.Id == ownerId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        var actor = actorId is { } a ? await db.Users.Where(u => u.Id == a).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        var workspace = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).SingleAsync(ct);
        var scrubber = new PersonScrubber(contact.FullName, contact.Email);
        var (enrolments, touches, touchIds) = await OutreachAsync(db, contact.Id, ct);
        var exported = new ExportedContact(contact.Id, contact.FullName, contact.Title, contact.Email, contact.Phone, contact.TimeZone,
            contact.Role?.Label(), account, owner, contact.CreatedAtUtc, contact.UpdatedAtUtc);
        return new ContactExportDocument(nowUtc, actor, workspace, exported,
            new ExportedLawfulBasis(contact.LawfulBasis.Label(), contact.ConsentAtUtc),
            enrolments, touches, await SuppressionAsync(db, tenantId, contact.Email, ct),
            await TimelineAsync(db, contact.CompanyId, touchIds, scrubber, ct),
            await IntelligenceAsync(db, contact.CompanyId, scrubber, ct));
    }

    private static async Task<(List<ExportedEnrolment>, List<ExportedTouch>, HashSet<Guid>)> OutreachAsync(PartnerForgeDbContext db, Guid contactId,
        CancellationToken ct)
    {
        var enrolments = await (from e in db.Enrolments.AsNoTracking()
                                where e.ContactId == contactId
                                join s in db.Sequences on e.SequenceId equals s.Id
                                orderby e.EnrolledAtUtc
                                select new { e, s.Name }).ToListAsync(ct);
        var enrolmentIds = enrolments.Select(x => x.e.Id).ToList();
        var touches = await (from t in db.Touches.AsNoTracking()
                             where t.ContactId == contactId || enrolmentIds.Contains(t.EnrolmentId)
                             join s in db.Sequences on t.SequenceId equals s.Id
                             orderby t.CreatedAtUtc, t.StepIndex
                             select new { t, s.Name }).ToListAsync(ct);
        return (
            enrolments.Select(x => new ExportedEnrolment(x.Name, Words(x.e.State), x.e.StopReason is { } r ? Words(r) : null, x.e.EnrolledAtUtc,
                x.e.LastStepAtUtc, x.e.NextDueUtc, x.e.EndedAtUtc)).ToList(),
            touches.Select(x => new ExportedTouch(x.Name, x.t.StepIndex + 1, Words(x.t.Kind), Words(x.t.State), x.t.Subject, x.t.ToAddress, x.t.CreatedAtUtc,
                x.t.SentAtUtc, x.t.OpenedAtUtc, x.t.ClickedAtUtc, x.t.RepliedAtUtc, x.t.BouncedAtUtc, x.t.UnsubscribedAtUtc, x.t.CompletedAtUtc)).ToList(),
            touches.Select(x => x.t.Id).ToHashSet());
    }

    private static async Task<ExportedSuppression> SuppressionAsync(PartnerForgeDbContext db, Guid tenantId, string? email, CancellationToken ct)
    {
        if (email is null)
        {
            return new ExportedSuppression(false, null, null);
        }

        var hash = SuppressedAddress.Hash(tenantId, email);
        var entry = await db.SuppressedAddresses.AsNoTracking().Where(s => s.AddressHash == hash).FirstOrDefaultAsync(ct);
        return new ExportedSuppression(entry is not null, entry is null ? null : Words(entry.Reason), entry?.AddedAtUtc);
    }

    /// <summary>The account's timeline entries about the person: engagement with their e-mails, and changes naming them.</summary>
    private static async Task<List<ExportedTimelineEntry>> TimelineAsync(PartnerForgeDbContext db, Guid companyId, HashSet<Guid> touchIds,
        PersonScrubber person, CancellationToken ct)
    {
        var ids = await ContactErasure.MentioningAsync(db.ChangeEvents.Where(e => e.CompanyId == companyId), person,
            n => e => e.Path.Contains(n) || (e.OldValue != null && e.OldValue.Contains(n)) || (e.NewValue != null && e.NewValue.Contains(n)), ct);
        var events = await db.ChangeEvents.AsNoTracking()
            .Where(e => e.CompanyId == companyId && (ids.Contains(e.Id) || touchIds.Contains(e.SnapshotId)))
            .OrderBy(e => e.DetectedAtUtc).ToListAsync(ct);
        return events.Where(e => touchIds.Contains(e.SnapshotId) || person.Mentions(e.Path) || person.Mentions(e.OldValue) || person.Mentions(e.NewValue))
            .Select(e => new ExportedTimelineEntry(e.DetectedAtUtc, ModuleName(e.Module), e.Describe())).ToList();
    }

    /// <summary>Facts of the account's latest intelligence (one snapshot per module) that name the person.</summary>
    private static async Task<List<ExportedFact>> IntelligenceAsync(PartnerForgeDbContext db, Guid companyId, PersonScrubber person, CancellationToken ct)
    {
        var heads = db.SnapshotHeads.Where(h => h.CompanyId == companyId).Select(h => h.SnapshotId);
        var snapshots = await db.IntelSnapshots.AsNoTracking().Where(s => heads.Contains(s.Id)).OrderBy(s => s.Module).ToListAsync(ct);
        var facts = new List<ExportedFact>();
        foreach (var snapshot in snapshots.Where(s => person.Mentions(s.CanonicalJson)))
        {
            using var document = JsonDocument.Parse(snapshot.CanonicalJson);
            if (!document.RootElement.TryGetProperty("facts", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var fact in items.EnumerateArray())
            {
                var path = Text(fact, "path") ?? string.Empty;
                var value = Text(fact, "value") ?? string.Empty;
                var source = fact.TryGetProperty("source", out var s) ? Text(s, "url") : null;
                if (person.Mentions(path) || person.Mentions(value) || person.Mentions(fact.GetRawText()))
                {
                    facts.Add(new ExportedFact(ModuleName(snapshot.Module), ChangeDescriber.Label(path), value, source, snapshot.CapturedAtUtc));
                }
            }
        }

        return facts;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string ModuleName(string code) =>
        code == EngagementEvents.Module ? EngagementEvents.Name : ModuleCatalog.All.FirstOrDefault(m => m.Code == code)?.Name ?? code;

    private static string Words<T>(T value) where T : struct, Enum => ChangeDescriber.Words(value.ToString());
}
