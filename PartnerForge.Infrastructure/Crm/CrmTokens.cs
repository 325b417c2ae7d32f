using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>The connection can no longer be used: the CRM refused its refresh token, or it was revoked.</summary>
public sealed class CrmReconnectRequiredException(string message) : Exception(message);

/// <summary>
/// A connection's tokens: encrypted at rest with Data Protection (purpose <c>PartnerForge.Crm.Tokens.v1</c>, the key ring
/// every node shares), refreshed before they expire, and on a refused refresh the connection is marked as needing a
/// reconnect. One refresh at a time per connection in this process.
/// </summary>
public sealed class CrmTokens(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    IDataProtectionProvider protection,
    IEnumerable<ICrmAuthClient> clients,
    IOptions<CrmOptions> options,
    TimeProvider time)
{
    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> Refreshing = new();

    private readonly IDataProtector protector = protection.CreateProtector("PartnerForge.Crm.Tokens.v1");

    internal string Protect(string token) => protector.Protect(token);

    internal string Unprotect(string protectedToken) => protector.Unprotect(protectedToken);

    /// <summary>
    /// A usable access token for the connection: the stored one, or a fresh one when it expires within the margin (or
    /// <paramref name="force"/>: the CRM just refused it). Throws <see cref="CrmReconnectRequiredException"/> when only a
    /// reconnect helps.
    /// </summary>
    public async Task<string> AccessTokenAsync(Guid connectionId, bool force = false, string? refused = null, CancellationToken cancellationToken = default) =>
        (await AccessAsync(connectionId, force, refused, cancellationToken)).Token;

    /// <summary>As <see cref="AccessTokenAsync"/>, with the connection's API address (Salesforce's instance URL).</summary>
    public async Task<(string Token, string? InstanceUrl)> AccessAsync(Guid connectionId, bool force = false, string? refused = null, CancellationToken cancellationToken = default)
    {
        var gate = Refreshing.GetOrAdd(connectionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connection = await db.CrmConnections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
                             ?? throw new CrmReconnectRequiredException("There is no such CRM connection in this workspace.");
            if (!connection.IsUsable)
            {
                throw new CrmReconnectRequiredException(connection.LastError ?? "The CRM connection needs to be connected again.");
            }

            var stored = Unprotect(connection.ProtectedAccessToken!);
            var margin = TimeSpan.FromSeconds(options.Value.RefreshMarginSeconds);
            // Another caller may have refreshed already while this one waited: then the stored token is new.
            if (!connection.TokenDue(time.GetUtcNow().UtcDateTime, margin) && (!force || stored != refused))
            {
                return (stored, connection.InstanceUrl);
            }

            return (await RefreshAsync(db, connection, cancellationToken), connection.InstanceUrl);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<string> RefreshAsync(PartnerForgeDbContext db, CrmConnection connection, CancellationToken cancellationToken)
    {
        var grant = await clients.For(connection.Provider).RefreshAsync(Unprotect(connection.ProtectedRefreshToken!), cancellationToken);
        if (grant.Tokens is not { } tokens)
        {
            var reason = $"The CRM refused to renew access ({grant.Error}); connect it again.";
            connection.NeedsReconnect(reason);
            await db.SaveChangesAsync(cancellationToken);
            throw new CrmReconnectRequiredException(reason);
        }

        connection.Refreshed(Protect(tokens.AccessToken), tokens.RefreshToken is null ? null : Protect(tokens.RefreshToken),
            tokens.ExpiresInSeconds is { } seconds ? time.GetUtcNow().UtcDateTime.AddSeconds(seconds) : null, tokens.InstanceUrl);
        await db.SaveChangesAsync(cancellationToken);
        return tokens.AccessToken;
    }
}
