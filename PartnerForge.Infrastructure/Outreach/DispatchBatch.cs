using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>A contact as the dispatcher needs them.</summary>
internal sealed record DispatchContact(string FullName, string? Title, string? Email, string? TimeZone, LawfulBasis LawfulBasis);

/// <summary>A sequence owner's mailbox.</summary>
internal sealed record Mailbox(string Name, string Address);

/// <summary>Everything one dispatch pass reads, loaded in a few queries for the whole batch of due enrolments.</summary>
internal sealed class DispatchBatch
{
    private readonly Dictionary<string, int> sentToday;
    private readonly HashSet<string> suppressed;

    private DispatchBatch(PartnerForgeDbContext db, Guid tenantId, OutreachRules rules, Dictionary<Guid, Sequence> sequences, Dictionary<Guid, DispatchContact> contacts,
        Dictionary<Guid, Mailbox> mailboxes, Dictionary<(Guid, int), Touch> touches, HashSet<Guid> opened, HashSet<Guid> engaged,
        HashSet<string> suppressed, Dictionary<string, int> sentToday, Dictionary<Guid, AccountMergeFacts> accounts)
    {
        Db = db;
        TenantId = tenantId;
        Rules = rules;
        Sequences = sequences;
        Contacts = contacts;
        Mailboxes = mailboxes;
        Touches = touches;
        Opened = opened;
        Engaged = engaged;
        this.suppressed = suppressed;
        this.sentToday = sentToday;
        Accounts = accounts;
    }

    public PartnerForgeDbContext Db { get; }

    public Guid TenantId { get; }

    public OutreachRules Rules { get; }

    public Dictionary<Guid, Sequence> Sequences { get; }

    public Dictionary<Guid, DispatchContact> Contacts { get; }

    public Dictionary<Guid, Mailbox> Mailboxes { get; }

    /// <summary>The touches these enrolments already have, by enrolment and step (tracked: a reserved one may be sent now).</summary>
    public Dictionary<(Guid Enrolment, int Step), Touch> Touches { get; }

    /// <summary>Enrolments with an opened e-mail.</summary>
    public HashSet<Guid> Opened { get; }

    /// <summary>Enrolments with a click or a reply.</summary>
    public HashSet<Guid> Engaged { get; }

    public Dictionary<Guid, AccountMergeFacts> Accounts { get; }

    public bool IsSuppressed(string address) => suppressed.Contains(SuppressedAddress.Hash(TenantId, address));

    /// <summary>Marks an address suppressed for the rest of this pass; false when it already was.</summary>
    public bool Suppress(string address) => suppressed.Add(SuppressedAddress.Hash(TenantId, address));

    public int SentToday(string mailbox) => sentToday.GetValueOrDefault(mailbox);

    public void CountSend(string mailbox) => sentToday[mailbox] = SentToday(mailbox) + 1;

    public static async Task<DispatchBatch> LoadAsync(PartnerForgeDbContext db, Guid tenantId, List<Enrolment> due, MergeValueSource mergeValues, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var enrolmentIds = due.Select(e => e.Id).ToList();
        var contactIds = due.Select(e => e.ContactId).Distinct().ToList();
        var sequenceIds = due.Select(e => e.SequenceId).Distinct().ToList();
        var sequences = await db.Sequences.AsNoTracking().Where(s => sequenceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var contacts = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new DispatchContact(c.FullName, c.Title, c.Email, c.TimeZone, c.LawfulBasis), cancellationToken);
        var ownerIds = sequences.Values.Select(s => s.OwnerId).Distinct().ToList();
        var mailboxes = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new Mailbox(u.DisplayName, u.Email), cancellationToken);
        var touches = await db.Touches.Where(t => enrolmentIds.Contains(t.EnrolmentId)).ToListAsync(cancellationToken);
        var hashes = contacts.Values.Where(c => c.Email is not null).Select(c => SuppressedAddress.Hash(tenantId, c.Email!)).Distinct().ToList();
        var suppressed = (await db.SuppressedAddresses.Where(s => hashes.Contains(s.AddressHash)).Select(s => s.AddressHash).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var addresses = mailboxes.Values.Select(m => m.Address).Distinct().ToList();
        var dayStart = nowUtc.Date;
        var sentToday = await db.Touches.Where(t => t.Mailbox != null && addresses.Contains(t.Mailbox) && t.CreatedAtUtc >= dayStart
                && (t.State == TouchState.Sent || t.State == TouchState.Sending))
            .GroupBy(t => t.Mailbox!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, StringComparer.Ordinal, cancellationToken);
        // Merge values for everyone with an e-mail still ahead: a wait that is over goes straight on to the e-mail after it.
        var emailCompanies = due.Where(e => sequences.TryGetValue(e.SequenceId, out var s) && s.Steps.Skip(e.NextStep).Any(step => step.Kind == StepKind.Email))
            .Select(e => e.CompanyId).ToList();
        var accounts = await mergeValues.ForCompaniesAsync(db, emailCompanies, cancellationToken);
        return new DispatchBatch(db, tenantId, await SendPlanner.RulesAsync(db, tenantId, cancellationToken), sequences, contacts, mailboxes,
            touches.ToDictionary(t => (t.EnrolmentId, t.StepIndex)),
            touches.Where(t => t.OpenedAtUtc is not null).Select(t => t.EnrolmentId).ToHashSet(),
            touches.Where(t => t.ClickedAtUtc is not null || t.RepliedAtUtc is not null).Select(t => t.EnrolmentId).ToHashSet(),
            suppressed, sentToday, accounts);
    }
}
