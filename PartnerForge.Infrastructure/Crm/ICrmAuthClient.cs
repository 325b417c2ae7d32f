using PartnerForge.Domain.Crm;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// A CRM's OAuth endpoints as connecting and token refresh need them, one implementation per provider (picked by the
/// connection's provider).
/// </summary>
public interface ICrmAuthClient
{
    CrmProvider Provider { get; }

    /// <summary>Whether the provider's app is configured (client id and secret).</summary>
    bool IsConfigured { get; }

    /// <summary>The consent page's address with the state and the PKCE S256 challenge.</summary>
    Uri AuthorizeUrl(string redirectUri, string state, string challenge);

    Task<TokenGrant> ExchangeCodeAsync(string code, string redirectUri, string verifier, CancellationToken cancellationToken);

    Task<TokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>The CRM account (portal, org) the new tokens are for.</summary>
    Task<CrmAccountInfo> AccountOfAsync(TokenSet tokens, CancellationToken cancellationToken);

    /// <summary>Tells the CRM to forget the refresh token (best effort).</summary>
    Task RevokeAsync(string refreshToken, CancellationToken cancellationToken);
}

internal static class CrmAuthClients
{
    public static ICrmAuthClient For(this IEnumerable<ICrmAuthClient> clients, CrmProvider provider) =>
        clients.FirstOrDefault(c => c.Provider == provider) ?? throw new InvalidOperationException($"There is no sign-in client for {provider}.");
}
