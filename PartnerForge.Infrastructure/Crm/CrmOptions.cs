using System.ComponentModel.DataAnnotations;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>CRM connectors (section <c>Crm</c>), validated at start-up.</summary>
public sealed class CrmOptions
{
    public const string Section = "Crm";

    public HubSpotOptions HubSpot { get; set; } = new();

    public SalesforceOptions Salesforce { get; set; } = new();

    /// <summary>How long an authorisation started on the connect page may take before its state is refused.</summary>
    [Range(1, 60)]
    public int AuthorisationMinutes { get; set; } = 10;

    /// <summary>An access token is refreshed when it expires within this many seconds.</summary>
    [Range(0, 3600)]
    public int RefreshMarginSeconds { get; set; } = 300;

    /// <summary>
    /// The address people reach PartnerForge at, for the brief link pushed into the CRM (<c>{base}/accounts/{id}</c>).
    /// Without it no brief link is pushed.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}

/// <summary>
/// A HubSpot public app (section <c>Crm:HubSpot</c>). The URLs default to HubSpot's own; tests point them at a fake on
/// loopback. Connecting needs <see cref="ClientId"/> and <see cref="ClientSecret"/> (the app's Auth tab in HubSpot).
/// </summary>
public sealed class HubSpotOptions : IValidatableObject
{
    public string AuthorizeUrl { get; set; } = "https://app.hubspot.com/oauth/authorize";

    public string TokenUrl { get; set; } = "https://api.hubapi.com/oauth/v1/token";

    public string ApiBaseUrl { get; set; } = "https://api.hubapi.com";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The scopes asked for (space-separated), as ticked on the app's Auth tab.</summary>
    public string Scopes { get; set; } =
        "oauth crm.objects.companies.read crm.objects.companies.write crm.objects.contacts.read crm.objects.contacts.write crm.objects.deals.read crm.objects.deals.write crm.objects.owners.read";

    /// <summary>How long to wait after a 429 without a Retry-After header (HubSpot's limits are per 10-second window).</summary>
    public TimeSpan RateLimitBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many 429s in a row one request may meet before the sync gives up on it.</summary>
    [Range(1, 100)]
    public int MaxRateLimitRetries { get; set; } = 12;

    /// <summary>Records per page and per batch (HubSpot allows at most 100).</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 100;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(AuthorizeUrl), AuthorizeUrl), (nameof(TokenUrl), TokenUrl), (nameof(ApiBaseUrl), ApiBaseUrl) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                yield return new ValidationResult($"Crm:HubSpot:{name} '{value}' is not an http(s) address.", [name]);
            }
        }

        if (string.IsNullOrWhiteSpace(ClientId) != string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return new ValidationResult("Set both Crm:HubSpot:ClientId and Crm:HubSpot:ClientSecret, or neither.", [nameof(ClientId)]);
        }

        if (RateLimitBackoff < TimeSpan.Zero || RateLimitBackoff > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("Crm:HubSpot:RateLimitBackoff is between 0 and 5 minutes.", [nameof(RateLimitBackoff)]);
        }
    }
}
