namespace PartnerForge.Domain.Crm;

/// <summary>A default field mapping, before it belongs to a connection.</summary>
public sealed record FieldMapDefault(CrmObjectKind Kind, SyncDirection Direction, string OurField, string CrmProperty, ConflictPolicy Policy);

/// <summary>
/// Our fields that can be mapped, and the mapping a new connection starts with. Pulled fields default to "CRM wins" for
/// what the CRM is the system of record for (names, addresses, deals) and "newest wins" for firmographics both sides edit.
/// </summary>
public static class CrmFields
{
    public const string Name = "Name";
    public const string Domain = "Domain";
    public const string Industry = "Industry";
    public const string Country = "Country";
    public const string FirstName = "FirstName";
    public const string LastName = "LastName";
    public const string Email = "Email";
    public const string Title = "Title";
    public const string Phone = "Phone";
    public const string DealName = "DealName";
    public const string Amount = "Amount";
    public const string Stage = "Stage";
    public const string CloseDate = "CloseDate";
    public const string Currency = "Currency";
    public const string Tier = "Tier";
    public const string FitScore = "FitScore";
    public const string TopTechnologies = "TopTechnologies";
    public const string LatestTrigger = "LatestTrigger";
    public const string BriefLink = "BriefLink";

    /// <summary>Our fields per object kind and direction (what the field-map page offers).</summary>
    public static IReadOnlyDictionary<(CrmObjectKind, SyncDirection), IReadOnlyList<string>> Available { get; } =
        new Dictionary<(CrmObjectKind, SyncDirection), IReadOnlyList<string>>
        {
            [(CrmObjectKind.Company, SyncDirection.Pull)] = [Name, Domain, Industry, Country],
            [(CrmObjectKind.Contact, SyncDirection.Pull)] = [FirstName, LastName, Email, Title, Phone],
            [(CrmObjectKind.Deal, SyncDirection.Pull)] = [DealName, Amount, Stage, CloseDate, Currency],
            [(CrmObjectKind.Company, SyncDirection.Push)] = [Tier, FitScore, TopTechnologies, LatestTrigger, BriefLink],
        };

    /// <summary>The HubSpot mapping a new connection starts with.</summary>
    public static IReadOnlyList<FieldMapDefault> HubSpotDefaults { get; } =
    [
        new(CrmObjectKind.Company, SyncDirection.Pull, Name, "name", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Company, SyncDirection.Pull, Domain, "domain", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Company, SyncDirection.Pull, Industry, "industry", ConflictPolicy.NewestWins),
        new(CrmObjectKind.Company, SyncDirection.Pull, Country, "country", ConflictPolicy.NewestWins),
        new(CrmObjectKind.Contact, SyncDirection.Pull, FirstName, "firstname", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Contact, SyncDirection.Pull, LastName, "lastname", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Contact, SyncDirection.Pull, Email, "email", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Contact, SyncDirection.Pull, Title, "jobtitle", ConflictPolicy.NewestWins),
        new(CrmObjectKind.Contact, SyncDirection.Pull, Phone, "phone", ConflictPolicy.NewestWins),
        new(CrmObjectKind.Deal, SyncDirection.Pull, DealName, "dealname", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Deal, SyncDirection.Pull, Amount, "amount", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Deal, SyncDirection.Pull, Stage, "dealstage", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Deal, SyncDirection.Pull, CloseDate, "closedate", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Deal, SyncDirection.Pull, Currency, "deal_currency_code", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Company, SyncDirection.Push, Tier, "partnerforge_tier", ConflictPolicy.PartnerForgeWins),
        new(CrmObjectKind.Company, SyncDirection.Push, FitScore, "partnerforge_fit_score", ConflictPolicy.PartnerForgeWins),
        new(CrmObjectKind.Company, SyncDirection.Push, TopTechnologies, "partnerforge_top_technologies", ConflictPolicy.PartnerForgeWins),
        new(CrmObjectKind.Company, SyncDirection.Push, LatestTrigger, "partnerforge_latest_trigger", ConflictPolicy.PartnerForgeWins),
        new(CrmObjectKind.Company, SyncDirection.Push, BriefLink, "partnerforge_brief_link", ConflictPolicy.PartnerForgeWins),
    ];

    /// <summary>
    /// The Salesforce mapping a new connection starts with (Account, Contact, Opportunity fields by their API names; the
    /// pushed ones are custom fields the admin creates on Account). Owners (<c>OwnerId</c>) and the account of a contact
    /// or opportunity (<c>AccountId</c>) are read by the connector itself, like HubSpot's owner and associations.
    /// </summary>
    public static IReadOnlyList<FieldMapDefault> SalesforceDefaults { get; } =
    [
        new(CrmObjectKind.Company, SyncDirection.Pull, Name, "Name", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Company, SyncDirection.Pull, Domain, "Website", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Company, SyncDirection.Pull, Industry, "Industry", ConflictPolicy.NewestWins),
        new(CrmObjectKind.Company, SyncDirection.Pull, Country, "BillingCountry", ConflictPolicy.NewestWins),
        new(CrmObjectKind.Contact, SyncDirection.Pull, FirstName, "FirstName", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Contact, SyncDirection.Pull, LastName, "LastName", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Contact, SyncDirection.Pull, Email, "Email", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Contact, SyncDirection.Pull, Title, "Title", ConflictPolicy.NewestWins),
        new(CrmObjectKind.Contact, SyncDirection.Pull, Phone, "Phone", ConflictPolicy.NewestWins),
        new(CrmObjectKind.Deal, SyncDirection.Pull, DealName, "Name", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Deal, SyncDirection.Pull, Amount, "Amount", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Deal, SyncDirection.Pull, Stage, "StageName", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Deal, SyncDirection.Pull, CloseDate, "CloseDate", ConflictPolicy.CrmWins),
        new(CrmObjectKind.Company, SyncDirection.Push, Tier, "PartnerForge_Tier__c", ConflictPolicy.PartnerForgeWins),
        new(CrmObjectKind.Company, SyncDirection.Push, FitScore, "PartnerForge_Fit_Score__c", ConflictPolicy.PartnerForgeWins),
        new(CrmObjectKind.Company, SyncDirection.Push, TopTechnologies, "PartnerForge_Technologies__c", ConflictPolicy.PartnerForgeWins),
        new(CrmObjectKind.Company, SyncDirection.Push, LatestTrigger, "PartnerForge_Latest_Trigger__c", ConflictPolicy.PartnerForgeWins),
        new(CrmObjectKind.Company, SyncDirection.Push, BriefLink, "PartnerForge_Brief_Url__c", ConflictPolicy.PartnerForgeWins),
    ];

    /// <summary>The defaults for a provider.</summary>
    public static IReadOnlyList<FieldMapDefault> DefaultsFor(CrmProvider provider) => provider switch
    {
        CrmProvider.HubSpot => HubSpotDefaults,
        CrmProvider.Salesforce => SalesforceDefaults,
        _ => [],
    };

    public static bool IsKnown(CrmObjectKind kind, SyncDirection direction, string ourField) =>
        Available.TryGetValue((kind, direction), out var fields) && fields.Contains(ourField, StringComparer.Ordinal);
}

/// <summary>How a pulled field's conflict is decided.</summary>
public static class ConflictRule
{
    /// <summary>
    /// Whether the CRM's value replaces ours. Equal values are no conflict (false: nothing to change). An empty value of
    /// ours is always filled. Otherwise: CRM wins takes the CRM's, PartnerForge wins keeps ours, newest wins takes the
    /// CRM's only when the CRM record changed after ours (a tie keeps ours; an unknown CRM time counts as older).
    /// </summary>
    public static bool TakeCrmValue(ConflictPolicy policy, string? ours, string? crm, DateTime? crmModifiedUtc, DateTime ourUpdatedUtc)
    {
        if (string.Equals(Normalize(ours), Normalize(crm), StringComparison.Ordinal))
        {
            return false;
        }

        if (Normalize(ours) is null)
        {
            return Normalize(crm) is not null;
        }

        return policy switch
        {
            ConflictPolicy.CrmWins => true,
            ConflictPolicy.PartnerForgeWins => false,
            ConflictPolicy.NewestWins => crmModifiedUtc is { } m && m > ourUpdatedUtc,
            _ => throw new ArgumentOutOfRangeException(nameof(policy)),
        };
    }

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
