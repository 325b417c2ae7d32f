using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Crm;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// Salesforce's OAuth 2.0 web server flow with PKCE: <c>/services/oauth2/authorize</c>, <c>/services/oauth2/token</c>
/// (authorization_code with the verifier, refresh_token) and <c>/services/oauth2/revoke</c> on the login address. A token
/// answer carries <c>instance_url</c> (the org's API address) and <c>id</c> (the identity service) but no lifetime: the
/// access token is used until the API refuses it (401 INVALID_SESSION_ID). A refresh brings no new refresh token.
/// </summary>
public sealed class SalesforceAuthClient(HttpClient http, IOptions<CrmOptions> options) : ICrmAuthClient
{
    private SalesforceOptions Sf => options.Value.Salesforce;

    public CrmProvider Provider => CrmProvider.Salesforce;

    public bool IsConfigured => Sf.IsConfigured;

    public Uri AuthorizeUrl(string redirectUri, string state, string challenge) =>
        new(QueryHelpers.AddQueryString(Sf.AuthorizeUrl, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = Sf.ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = Sf.Scopes,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }));

    public Task<TokenGrant> ExchangeCodeAsync(string code, string redirectUri, string verifier, CancellationToken cancellationToken) =>
        TokenAsync(OAuthForms.AuthorizationCode(Sf.ClientId, Sf.ClientSecret, redirectUri, code, verifier), cancellationToken);

    public Task<TokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        TokenAsync(OAuthForms.Refresh(Sf.ClientId, Sf.ClientSecret, refreshToken), cancellationToken);

    /// <summary>The org of the new tokens: its id from the identity service, its name from the Organization record.</summary>
    public async Task<CrmAccountInfo> AccountOfAsync(TokenSet tokens, CancellationToken cancellationToken)
    {
        var identityUrl = tokens.IdentityUrl ?? throw new HttpRequestException("Salesforce named no identity for the new token.");
        var identity = await GetAsync(identityUrl, tokens.AccessToken, cancellationToken);
        var orgId = identity["organization_id"]?.GetValue<string>() ?? throw new HttpRequestException("Salesforce named no org for the new token.");
        var name = identity["username"]?.GetValue<string>() is { } username && username.Contains('@', StringComparison.Ordinal) ? username[(username.IndexOf('@') + 1)..] : orgId;
        if (tokens.InstanceUrl is { } instance)
        {
            var soql = Uri.EscapeDataString("SELECT Id, Name FROM Organization");
            var org = await GetAsync($"{instance.TrimEnd('/')}/services/data/{Sf.ApiVersion}/query?q={soql}", tokens.AccessToken, cancellationToken);
            name = org["records"]?.AsArray().FirstOrDefault()?["Name"]?.GetValue<string>() ?? name;
        }

        return new CrmAccountInfo(orgId, name);
    }

    /// <summary>Tells Salesforce to forget the refresh token (best effort: a token it no longer knows is fine).</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refreshToken });
        using var response = await http.PostAsync(Sf.RevokeUrl, content, cancellationToken);
    }

    private async Task<JsonNode> GetAsync(string url, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Salesforce answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}", null, response.StatusCode);
        }

        return JsonNode.Parse(body) ?? new JsonObject();
    }

    private async Task<TokenGrant> TokenAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(Sf.TokenUrl, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var token = JsonSerializer.Deserialize<TokenResponse>(body);
            return token?.AccessToken is { Length: > 0 } access
                ? TokenGrant.Ok(new TokenSet(access, token.RefreshToken, null, token.InstanceUrl, token.Id))
                : new TokenGrant(null, "the token endpoint sent no access token", false);
        }

        // Salesforce answers a bad, expired or revoked grant with 400 invalid_grant (e.g. "expired access/refresh token").
        var message = ErrorText(body) ?? $"HTTP {(int)response.StatusCode}";
        var refused = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized;
        return refused ? new TokenGrant(null, message, true) : throw new HttpRequestException($"Salesforce's token endpoint failed: {message}", null, response.StatusCode);
    }

    private static string? ErrorText(string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize<TokenError>(body);
            return error is null ? null : string.Join(": ", new[] { error.Error, error.Description }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("instance_url")] string? InstanceUrl,
        [property: JsonPropertyName("id")] string? Id);

    private sealed record TokenError(
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? Description);
}
