using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Crm;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// What the connect page sends the admin's browser to: the CRM's consent page. <see cref="State"/> comes back on the
/// callback and is checked by <see cref="CrmOAuth.CompleteAsync"/>.
/// </summary>
public sealed record CrmAuthorisation(Uri Url, string State);

/// <summary>What travels (protected) in the OAuth state: who asked, where the CRM sends them back, the PKCE verifier.</summary>
internal sealed record CrmAuthState(Guid TenantId, Guid UserId, CrmProvider Provider, string RedirectUri, string Verifier, DateTime ExpiresAtUtc);

/// <summary>
/// Connecting a workspace to a CRM with OAuth 2.0's authorisation-code flow and PKCE (S256): <see cref="BeginAsync"/>
/// builds the consent URL with a state bound to the workspace and admin (protected by Data Protection, short-lived),
/// <see cref="CompleteAsync"/> checks the state, exchanges the code and stores the tokens encrypted. Connecting again to
/// the same CRM account updates its connection (a reconnect after a revoked grant).
/// </summary>
public sealed class CrmOAuth(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    ICurrentTenant current,
    IDataProtectionProvider protection,
    CrmTokens tokens,
    IEnumerable<ICrmAuthClient> clients,
    IOptions<CrmOptions> options,
    Quartz.ISchedulerFactory schedulers,
    TimeProvider time)
{
    private readonly IDataProtector stateProtector = protection.CreateProtector("PartnerForge.Crm.OAuthState.v1");

    /// <summary>Whether the provider's app is configured (client id and secret), so that it can be connected.</summary>
    public bool CanConnect(CrmProvider provider) => clients.Any(c => c.Provider == provider && c.IsConfigured);

    /// <summary>
    /// The consent URL for the current admin. <paramref name="redirectUri"/> is the callback page's absolute address, as
    /// registered with the CRM app; the CRM sends the browser back there with <c>code</c> and <c>state</c>.
    /// </summary>
    public Result<CrmAuthorisation> Begin(CrmProvider provider, string redirectUri)
    {
        if (current.TenantId is not { } tenantId || current.UserId is not { } userId)
        {
            return Result.Forbidden<CrmAuthorisation>("Sign in as an admin of the workspace to connect a CRM.");
        }

        if (!CanConnect(provider))
        {
            return Result.Invalid<CrmAuthorisation>("Provider", $"{provider} is not set up on this server (its app's client id and secret are missing).");
        }

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out _))
        {
            return Result.Invalid<CrmAuthorisation>("RedirectUri", "The callback address must be absolute.");
        }

        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(48));
        var state = new CrmAuthState(tenantId, userId, provider, redirectUri, verifier,
            time.GetUtcNow().UtcDateTime.AddMinutes(options.Value.AuthorisationMinutes));
        var protectedState = WebEncoders.Base64UrlEncode(stateProtector.Protect(JsonSerializer.SerializeToUtf8Bytes(state)));
        return Result.Ok(new CrmAuthorisation(clients.For(provider).AuthorizeUrl(redirectUri, protectedState, Challenge(verifier)), protectedState));
    }

    /// <summary>
    /// The callback: checks the state (this workspace, this admin, not expired, not altered), exchanges the code with the
    /// PKCE verifier and saves the connection with its tokens encrypted. The connection's id, or why it was refused.
    /// </summary>
    public async Task<Result<Guid>> CompleteAsync(string? state, string? code, string? error = null, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(error))
        {
            return Result.Invalid<Guid>("Code", error == "access_denied" ? "The CRM was not connected: access was declined." : $"The CRM refused the connection ({error}).");
        }

        var auth = ReadState(state);
        if (auth is null || auth.TenantId != current.TenantId || auth.UserId != current.UserId)
        {
            return Result.Forbidden<Guid>("This connection request is not valid for you; start connecting again.");
        }

        if (auth.ExpiresAtUtc <= time.GetUtcNow().UtcDateTime)
        {
            return Result.Invalid<Guid>("State", "This connection request expired; start connecting again.");
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return Result.Invalid<Guid>("Code", "The CRM sent no authorisation code back.");
        }

        var client = clients.For(auth.Provider);
        var grant = await client.ExchangeCodeAsync(code, auth.RedirectUri, auth.Verifier, cancellationToken);
        if (grant.Tokens is not { } tokenSet)
        {
            return Result.Invalid<Guid>("Code", $"The CRM did not accept the authorisation: {grant.Error}");
        }

        var account = await client.AccountOfAsync(tokenSet, cancellationToken);
        return Result.Ok(await SaveAsync(auth, account, tokenSet, cancellationToken));
    }

    private async Task<Guid> SaveAsync(CrmAuthState auth, CrmAccountInfo account, TokenSet set, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var connection = await db.CrmConnections.SingleOrDefaultAsync(
            c => c.Provider == auth.Provider && c.ExternalAccountId == account.Id, cancellationToken);
        if (connection is null)
        {
            connection = new CrmConnection(auth.Provider, account.Id, account.Name, auth.UserId, now);
            db.CrmConnections.Add(connection);
            db.CrmFieldMappings.AddRange(CrmFields.DefaultsFor(auth.Provider)
                .Select(d => new CrmFieldMapping(connection.Id, d.Kind, d.Direction, d.OurField, d.CrmProperty, d.Policy)));
        }

        connection.Authorise(tokens.Protect(set.AccessToken), tokens.Protect(set.RefreshToken ?? string.Empty),
            set.ExpiresInSeconds is { } seconds ? now.AddSeconds(seconds) : null, auth.UserId, now, set.InstanceUrl);
        await db.SaveChangesAsync(cancellationToken);
        await CrmSyncJob.ScheduleAsync(schedulers, connection, cancellationToken);
        return connection.Id;
    }

    private CrmAuthState? ReadState(string? state)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 8192)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CrmAuthState>(stateProtector.Unprotect(WebEncoders.Base64UrlDecode(state)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The PKCE S256 challenge of a verifier: base64url(SHA-256(verifier)).</summary>
    public static string Challenge(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
