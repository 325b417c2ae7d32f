using MudBlazor;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Crm;

namespace PartnerForge.Web.Components.Pages.Admin.Crm;

/// <summary>CRM states and outcomes in the words and colours the admin pages show.</summary>
internal static class CrmWords
{
    public static readonly CrmProvider[] Providers = [CrmProvider.HubSpot, CrmProvider.Salesforce];

    public static string Name(CrmProvider provider) => provider switch
    {
        CrmProvider.HubSpot => "HubSpot",
        CrmProvider.Salesforce => "Salesforce",
        _ => "CRM",
    };

    /// <summary>The provider's path segment on the connect link (<c>/admin/crm/connect/hubspot</c>).</summary>
    public static string Slug(CrmProvider provider) => provider.ToString().ToLowerInvariant();

    /// <summary>The provider a link or query names by its slug (<c>hubspot</c>), or null for anything else (numbers too).</summary>
    public static CrmProvider? ProviderOf(string? slug)
    {
        foreach (var provider in Providers)
        {
            if (string.Equals(Slug(provider), slug, StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        return null;
    }

    public static string ConfigSection(CrmProvider provider) => $"Crm:{provider}";

    public static string Objects(CrmProvider provider) => provider == CrmProvider.Salesforce
        ? "accounts, contacts and opportunities"
        : "companies, contacts and deals";

    public static (string Text, Color Color, string Icon) Health(CrmHealth health) => health switch
    {
        CrmHealth.Healthy => ("Healthy", Color.Success, Icons.Material.Outlined.CheckCircle),
        CrmHealth.SomeRecordsFailed => ("Some records failed", Color.Warning, Icons.Material.Outlined.Warning),
        CrmHealth.LastSyncFailed => ("Last sync failed", Color.Error, Icons.Material.Outlined.ErrorOutline),
        CrmHealth.NeedsReconnect => ("Needs connecting again", Color.Error, Icons.Material.Outlined.LinkOff),
        _ => ("Disconnected", Color.Default, Icons.Material.Outlined.PowerOff),
    };

    public static (string Text, Color Color) RunState(SyncRunState state) => state switch
    {
        SyncRunState.Queued => ("Waiting to start", Color.Info),
        SyncRunState.Running => ("Running", Color.Info),
        SyncRunState.Succeeded => ("Done", Color.Success),
        SyncRunState.PartlyFailed => ("Done, some failed", Color.Warning),
        _ => ("Stopped", Color.Error),
    };

    public static string RunKind(SyncRunKind kind) => kind switch
    {
        SyncRunKind.Initial => "Full sync",
        SyncRunKind.Incremental => "Changes since last sync",
        _ => "Retry of failed records",
    };

    public static string Kind(CrmObjectKind kind, CrmProvider provider) => (kind, provider) switch
    {
        (CrmObjectKind.Company, CrmProvider.Salesforce) => "Account",
        (CrmObjectKind.Company, _) => "Company",
        (CrmObjectKind.Contact, _) => "Contact",
        (CrmObjectKind.Deal, CrmProvider.Salesforce) => "Opportunity",
        (CrmObjectKind.Deal, _) => "Deal",
        _ => "Owner",
    };

    public static string Outcome(SyncOutcome outcome) => outcome switch
    {
        SyncOutcome.Created => "Created here",
        SyncOutcome.Updated => "Updated here",
        SyncOutcome.Unchanged => "Unchanged",
        SyncOutcome.Deleted => "Deleted in the CRM",
        SyncOutcome.Merged => "Merged in the CRM",
        SyncOutcome.Failed => "Failed",
        SyncOutcome.Skipped => "Skipped",
        _ => "Sent to the CRM",
    };

    public static Color OutcomeColor(SyncOutcome outcome) => outcome switch
    {
        SyncOutcome.Failed => Color.Error,
        SyncOutcome.Created or SyncOutcome.Pushed => Color.Success,
        SyncOutcome.Updated or SyncOutcome.Merged => Color.Info,
        _ => Color.Default,
    };

    public static string Policy(ConflictPolicy policy) => policy switch
    {
        ConflictPolicy.CrmWins => "CRM wins",
        ConflictPolicy.PartnerForgeWins => "PartnerForge wins",
        _ => "Newest change wins",
    };

    /// <summary>Our field names in words ("FitScore" → "Fit score").</summary>
    public static string Field(string ourField) => ourField switch
    {
        CrmFields.Domain => "Website domain",
        CrmFields.FirstName => "First name",
        CrmFields.LastName => "Last name",
        CrmFields.Email => "E-mail",
        CrmFields.Title => "Job title",
        CrmFields.DealName => "Deal name",
        CrmFields.CloseDate => "Close date",
        CrmFields.FitScore => "Fit score",
        CrmFields.TopTechnologies => "Top technologies",
        CrmFields.LatestTrigger => "Latest trigger",
        CrmFields.BriefLink => "Link to the brief",
        _ => ourField,
    };

    public static readonly (string Text, int Minutes)[] Schedules =
    [
        ("Only when asked", 0),
        ("Every 15 minutes", 15),
        ("Every hour", 60),
        ("Every 4 hours", 240),
        ("Once a day", 1440),
    ];

    public static string Schedule(int minutes) =>
        Schedules.FirstOrDefault(s => s.Minutes == minutes).Text ?? $"Every {minutes} minutes";
}
