using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// A Salesforce connected app (section <c>Crm:Salesforce</c>). <see cref="LoginUrl"/> defaults to production
/// (<c>https://test.salesforce.com</c> for a sandbox, or a My Domain address); tests point it at a fake on loopback. The
/// API address of each org comes back with its tokens (<c>instance_url</c>) and is kept on the connection.
/// </summary>
public sealed partial class SalesforceOptions : IValidatableObject
{
    public string LoginUrl { get; set; } = "https://login.salesforce.com";

    /// <summary>The connected app's consumer key.</summary>
    public string? ClientId { get; set; }

    /// <summary>The connected app's consumer secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The OAuth scopes asked for (space-separated), as allowed on the connected app.</summary>
    public string Scopes { get; set; } = "api refresh_token";

    /// <summary>The REST API version, as in <c>/services/data/v61.0</c>.</summary>
    public string ApiVersion { get; set; } = "v61.0";

    /// <summary>The external id field (on Account) that an upsert matches records on.</summary>
    public string ExternalIdField { get; set; } = "PartnerForge_Id__c";

    /// <summary>Records per write batch, 1 to 200 (the sObject collections API takes at most 200); query pages are Salesforce's own (up to 2,000).</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>A sync stops (failed, with a plain message) rather than let the org's remaining daily API calls fall below this.</summary>
    public int MinRemainingApiCalls { get; set; } = 1000;

    /// <summary>How long to wait after a 503 (server busy or too many concurrent requests) before trying again.</summary>
    public TimeSpan RateLimitBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many busy answers (503) in a row one request may meet before the sync gives up on it.</summary>
    public int MaxBusyRetries { get; set; } = 3;

    public string AuthorizeUrl => LoginUrl.TrimEnd('/') + "/services/oauth2/authorize";

    public string TokenUrl => LoginUrl.TrimEnd('/') + "/services/oauth2/token";

    public string RevokeUrl => LoginUrl.TrimEnd('/') + "/services/oauth2/revoke";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(LoginUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult($"Crm:Salesforce:LoginUrl '{LoginUrl}' is not an http(s) address.", [nameof(LoginUrl)]);
        }

        if (string.IsNullOrWhiteSpace(ClientId) != string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return new ValidationResult("Set both Crm:Salesforce:ClientId and Crm:Salesforce:ClientSecret, or neither.", [nameof(ClientId)]);
        }

        if (!ApiVersionPattern().IsMatch(ApiVersion ?? string.Empty))
        {
            yield return new ValidationResult($"Crm:Salesforce:ApiVersion '{ApiVersion}' is not like v61.0.", [nameof(ApiVersion)]);
        }

        if (!FieldPattern().IsMatch(ExternalIdField ?? string.Empty))
        {
            yield return new ValidationResult($"Crm:Salesforce:ExternalIdField '{ExternalIdField}' is not a field's API name.", [nameof(ExternalIdField)]);
        }

        // Ranges are checked here, not by attributes, so that all problems are reported at once with their setting's name.
        foreach (var (name, value, min, max) in new[]
                 {
                     (nameof(PageSize), PageSize, 1, 200), (nameof(MinRemainingApiCalls), MinRemainingApiCalls, 0, 1_000_000), (nameof(MaxBusyRetries), MaxBusyRetries, 0, 20),
                 })
        {
            if (value < min || value > max)
            {
                yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"Crm:Salesforce:{name} is between {min} and {max} (it is {value})."), [name]);
            }
        }

        if (RateLimitBackoff < TimeSpan.Zero || RateLimitBackoff > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("Crm:Salesforce:RateLimitBackoff is between 0 and 5 minutes.", [nameof(RateLimitBackoff)]);
        }
    }

    [GeneratedRegex(@"^v\d{2,3}\.\d$")]
    private static partial Regex ApiVersionPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,79}$")]
    private static partial Regex FieldPattern();
}
