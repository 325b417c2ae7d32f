using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Crm;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// Tokens from a token endpoint. <see cref="ExpiresInSeconds"/> is null when the CRM does not say (Salesforce);
/// <see cref="InstanceUrl"/> and <see cref="IdentityUrl"/> are Salesforce's org API address and identity service.
/// </summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken, int? ExpiresInSeconds, string? InstanceUrl = null, string? IdentityUrl = null);

/// <summary>A token endpoint's answer: tokens, or why not (<see cref="Refused"/>: the grant is gone and only a reconnect helps).</summary>
public sealed record TokenGrant(TokenSet? Tokens, string? Error, bool Refused)
{
    public static TokenGrant Ok(TokenSet tokens) => new(tokens, null, false);
}

/// <summary>The CRM account a token belongs to.</summary>
public sealed record CrmAccountInfo(string Id, string Name);

/// <summary>
/// HubSpot's OAuth endpoints: <c>POST /oauth/v1/token</c> (authorization_code with the PKCE verifier, refresh_token),
/// <c>GET /oauth/v1/access-tokens/{token}</c> (the portal a token is for) and <c>DELETE /oauth/v1/refresh-tokens/{token}</c>.
/// </summary>
public sealed class HubSpotAuthClient(HttpClient http, IOptions<CrmOptions> options) : ICrmAuthClient
{
    private HubSpotOptions Hub => options.Value.HubSpot;

    public CrmProvider Provider => CrmProvider.HubSpot;

    public bool IsConfigured => Hub.IsConfigured;

    public Uri AuthorizeUrl(string redirectUri, string state, string challenge) =>
        new(QueryHelpers.AddQueryString(Hub.AuthorizeUrl, new Dictionary<string, string?>
        {
            ["client_id"] = Hub.ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = Hub.Scopes,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }));

    Task<CrmAccountInfo> ICrmAuthClient.AccountOfAsync(TokenSet tokens, CancellationToken cancellationToken) => AccountOfAsync(tokens.AccessToken, cancellationToken);

    public Task<TokenGrant> ExchangeCodeAsync(string code, string redirectUri, string verifier, CancellationToken cancellationToken) =>
        TokenAsync(OAuthForms.AuthorizationCode(Hub.ClientId, Hub.ClientSecret, redirectUri, code, verifier), cancellationToken);

    public Task<TokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        TokenAsync(OAuthForms.Refresh(Hub.ClientId, Hub.ClientSecret, refreshToken), cancellationToken);

    public async Task<CrmAccountInfo> AccountOfAsync(string accessToken, CancellationToken cancellationToken)
    {
        var url = Combine(Hub.ApiBaseUrl, "/oauth/v1/access-tokens/" + Uri.EscapeDataString(accessToken));
        var info = await http.GetFromJsonAsync<AccessTokenInfo>(url, cancellationToken)
                   ?? throw new HttpRequestException("HubSpot said nothing about the new token.");
        var id = info.HubId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? throw new HttpRequestException("HubSpot named no portal for the new token.");
        return new CrmAccountInfo(id, info.HubDomain ?? id);
    }

    /// <summary>Tells HubSpot to forget the refresh token (best effort: a token it no longer knows is fine).</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(Combine(Hub.ApiBaseUrl, "/oauth/v1/refresh-tokens/" + Uri.EscapeDataString(refreshToken)), cancellationToken);
    }

    private async Task<TokenGrant> TokenAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(Hub.TokenUrl, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var token = JsonSerializer.Deserialize<TokenResponse>(body);
            return token?.AccessToken is { Length: > 0 } access
                ? TokenGrant.Ok(new TokenSet(access, token.RefreshToken, token.ExpiresIn ?? 1800))
                : new TokenGrant(null, "the token endpoint sent no access token", false);
        }

        // HubSpot answers a bad or revoked grant with 400 (status BAD_REFRESH_TOKEN / BAD_AUTH_CODE, or OAuth's invalid_grant).
        var message = ErrorText(body) ?? $"HTTP {(int)response.StatusCode}";
        var refused = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized;
        return refused ? new TokenGrant(null, message, true) : throw new HttpRequestException($"The CRM's token endpoint failed: {message}", null, response.StatusCode);
    }

    private static string? ErrorText(string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize<TokenError>(body);
            return error is null ? null : string.Join(": ", new[] { error.Error ?? error.Status, error.Description ?? error.Message }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string Combine(string baseUrl, string path) => baseUrl.TrimEnd('/') + path;

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);

    private sealed record TokenError(
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? Description,
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("message")] string? Message);

    private sealed record AccessTokenInfo(
        [property: JsonPropertyName("hub_id")] long? HubId,
        [property: JsonPropertyName("hub_domain")] string? HubDomain);
}
