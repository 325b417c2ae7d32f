using System.Globalization;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Outreach;

namespace PartnerForge.Web.Components.Pages.Sequences;

/// <summary>An enrolment in words: its state with why it ended, and its next step in the person's own time.</summary>
internal static class EnrolmentWords
{
    public static string State(EnrolmentRow row) => row.State switch
    {
        EnrolmentState.Active => "In progress",
        EnrolmentState.Paused => "Paused",
        EnrolmentState.Finished => "Finished",
        _ => row.StopReason switch
        {
            StopReason.Replied => "Stopped: replied",
            StopReason.Bounced => "Stopped: bounced",
            StopReason.Unsubscribed => "Stopped: unsubscribed",
            StopReason.Suppressed => "Stopped: on the suppression list",
            StopReason.NotContactable => "Stopped: no address or lawful basis",
            StopReason.ContactRemoved => "Stopped: contact removed",
            _ => "Finished by hand",
        },
    };

    public static string Next(EnrolmentRow row)
    {
        if (row.NextDueUtc is not { } due || row.State != EnrolmentState.Active)
        {
            return "—";
        }

        var zone = row.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var z) ? z : null;
        var local = zone is null ? due : TimeZoneInfo.ConvertTimeFromUtc(due, zone);
        var when = local.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        return $"Step {row.NextStep + 1} of {row.StepCount} · {when} {(zone is null ? "UTC" : "their time")}";
    }
}
