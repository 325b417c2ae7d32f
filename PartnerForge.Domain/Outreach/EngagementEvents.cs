using PartnerForge.Domain.Changes;

namespace PartnerForge.Domain.Outreach;

public enum EngagementKind
{
    Opened,
    Clicked,
    Replied,
    Bounced,
    Unsubscribed,
}

/// <summary>
/// Engagement with outreach as change events on the account's timeline (module <see cref="Module"/>): the same alert rules,
/// digests and signal score that watch the intelligence see a reply. A path names the person: <c>outreach[Ada Lovelace].replied</c>.
/// </summary>
public static class EngagementEvents
{
    /// <summary>The change-event module code of outreach (intelligence modules are M01–M15).</summary>
    public const string Module = "OUT";

    public const string Name = "Outreach";

    public static int Significance(EngagementKind kind) => kind switch
    {
        EngagementKind.Replied => 90,
        EngagementKind.Clicked => 40,
        EngagementKind.Bounced or EngagementKind.Unsubscribed => 30,
        _ => 10,
    };

    public static DetectedChange Change(EngagementKind kind, string contactName, string? subject) =>
        new(Module, Path(contactName, kind), ChangeKind.Added, null, Cut(subject), Significance(kind), "engagement." + kind.ToString().ToLowerInvariant(), null);

    public static string Path(string contactName, EngagementKind kind) =>
        $"outreach[{contactName.Replace('[', '(').Replace(']', ')')}].{kind.ToString().ToLowerInvariant()}";

    /// <summary>The words for an outreach change: "Ada Lovelace replied to “Quick question”".</summary>
    public static string Describe(string name, string? sub, string subject)
    {
        var about = string.IsNullOrEmpty(subject) ? string.Empty : $" “{subject}”";
        return sub switch
        {
            "replied" => $"{name} replied to{(about.Length == 0 ? " an e-mail" : about)}",
            "clicked" => $"{name} clicked a link in{(about.Length == 0 ? " an e-mail" : about)}",
            "opened" => $"{name} opened{(about.Length == 0 ? " an e-mail" : about)}",
            "bounced" => $"An e-mail to {name} bounced{(about.Length == 0 ? string.Empty : ":" + about)}",
            "unsubscribed" => $"{name} unsubscribed",
            _ => $"{name}: {sub}",
        };
    }

    private static string? Cut(string? text) => text is { Length: > 200 } ? text[..200] : text;
}
