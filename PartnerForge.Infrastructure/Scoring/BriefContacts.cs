using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Outreach;
using PartnerForge.Domain.Playbook;
using PartnerForge.Domain.Scoring;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Scoring;

/// <summary>The account's contacts for the brief: buying-committee roles first, each with where their latest sequence stands, in words.</summary>
internal static class BriefContacts
{
    private const int Max = 12;

    public static async Task<IReadOnlyList<BriefContact>> ForAsync(PartnerForgeDbContext db, Guid companyId, CancellationToken cancellationToken)
    {
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.CompanyId == companyId)
            .OrderBy(c => c.Role == null).ThenBy(c => c.Role).ThenBy(c => c.FullName).Take(Max)
            .Select(c => new { c.Id, c.FullName, c.Title, c.Role }).ToListAsync(cancellationToken);
        if (contacts.Count == 0)
        {
            return [];
        }

        var ids = contacts.Select(c => c.Id).ToList();
        var enrolments = await (
                from e in db.Enrolments.AsNoTracking()
                where ids.Contains(e.ContactId)
                join s in db.Sequences.AsNoTracking() on e.SequenceId equals s.Id
                select new { e.Id, e.ContactId, s.Name, e.State, e.StopReason, e.EnrolledAtUtc })
            .ToListAsync(cancellationToken);
        var latest = enrolments.GroupBy(e => e.ContactId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.EnrolledAtUtc)!);
        var latestIds = latest.Values.Select(e => e.Id).ToList();
        var engaged = await db.Touches.AsNoTracking().Where(t => latestIds.Contains(t.EnrolmentId))
            .GroupBy(t => t.EnrolmentId)
            .Select(g => new { g.Key, Opened = g.Any(t => t.OpenedAtUtc != null), Clicked = g.Any(t => t.ClickedAtUtc != null) })
            .ToDictionaryAsync(x => x.Key, cancellationToken);

        return contacts.Select(c =>
        {
            string? outreach = null;
            if (latest.TryGetValue(c.Id, out var e))
            {
                var state = Words(e.State, e.StopReason, e.Name);
                var touch = engaged.GetValueOrDefault(e.Id);
                outreach = touch is { Clicked: true } && e.StopReason != StopReason.Replied ? $"{state}; clicked a link"
                    : touch is { Opened: true } && e.StopReason != StopReason.Replied ? $"{state}; opened an e-mail" : state;
            }

            return new BriefContact(c.FullName, c.Title, c.Role?.Label(), outreach);
        }).ToList();
    }

    private static string Words(EnrolmentState state, StopReason? reason, string sequence) => (state, reason) switch
    {
        (EnrolmentState.Active, _) => $"in {sequence}",
        (EnrolmentState.Paused, _) => $"paused in {sequence}",
        (EnrolmentState.Finished, _) => $"finished {sequence}",
        (_, StopReason.Replied) => $"replied to {sequence}",
        (_, StopReason.Bounced) => $"e-mail bounced in {sequence}",
        (_, StopReason.Unsubscribed or StopReason.Suppressed) => "unsubscribed",
        _ => $"taken out of {sequence}",
    };
}
