namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// The token endpoint's two forms of OAuth 2.0, the same for every CRM: the authorisation code with the PKCE verifier
/// (RFC 6749 §4.1.3, RFC 7636 §4.5) and the refresh (RFC 6749 §6), with the app's client id and secret in the body.
/// </summary>
internal static class OAuthForms
{
    public static Dictionary<string, string> AuthorizationCode(string? clientId, string? clientSecret, string redirectUri, string code, string verifier) => new()
    {
        ["grant_type"] = "authorization_code",
        ["client_id"] = clientId ?? string.Empty,
        ["client_secret"] = clientSecret ?? string.Empty,
        ["redirect_uri"] = redirectUri,
        ["code"] = code,
        ["code_verifier"] = verifier,
    };

    public static Dictionary<string, string> Refresh(string? clientId, string? clientSecret, string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token",
        ["client_id"] = clientId ?? string.Empty,
        ["client_secret"] = clientSecret ?? string.Empty,
        ["refresh_token"] = refreshToken,
    };
}
