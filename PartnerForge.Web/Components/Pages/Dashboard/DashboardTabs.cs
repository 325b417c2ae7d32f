namespace PartnerForge.Web.Components.Pages.Dashboard;

/// <summary>
/// The dashboard's chart tabs, by their key in the URL (?charts=pipeline|results|accounts|reps): only the chosen tab's
/// charts are drawn (and kept by the live circuit); a reload, a shared link and Back keep the choice.
/// </summary>
public static class DashboardTabs
{
    public const string Default = "pipeline";

    public sealed record Tab(string Key, string Text);

    private static readonly Tab[] All =
    [
        new(Default, "Pipeline"),
        new("results", "Won and lost"),
        new("accounts", "Accounts and alerts"),
        new("reps", "By rep"),
    ];

    private static readonly Tab[] WithoutReps = All[..^1];

    /// <summary>The tabs shown: "By rep" only in a team view.</summary>
    public static IReadOnlyList<Tab> For(bool teamView) => teamView ? All : WithoutReps;

    /// <summary>A shown tab's key, or the first tab for anything unknown or not shown.</summary>
    public static string Normalize(string? key, bool teamView) => For(teamView).Any(t => t.Key == key) ? key! : Default;
}
