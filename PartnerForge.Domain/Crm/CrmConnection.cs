using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Crm;

/// <summary>
/// A workspace's link to one CRM account (a HubSpot portal, a Salesforce org), made by a tenant admin through OAuth.
/// The tokens are stored only in protected (encrypted) form; the domain never sees them in clear. Audited: connecting,
/// reconnecting, disconnecting and the schedule are admin actions (the tokens and sync housekeeping are left out).
/// </summary>
public sealed class CrmConnection : TenantOwnedEntity, IAudited
{
    public const int MaxAccountNameLength = 200;
    public const int MaxErrorLength = 1000;
    public const int MaxTokenLength = 8000;
    public const int MaxInstanceUrlLength = 300;
    public const int DefaultSyncIntervalMinutes = 60;

    private CrmConnection()
    {
        AccountName = string.Empty;
        ExternalAccountId = string.Empty;
    }

    public CrmConnection(CrmProvider provider, string externalAccountId, string accountName, Guid connectedByUserId, DateTime nowUtc)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalAccountId);
        Provider = provider;
        ExternalAccountId = externalAccountId;
        AccountName = Truncate(string.IsNullOrWhiteSpace(accountName) ? externalAccountId : accountName.Trim(), MaxAccountNameLength)!;
        ConnectedByUserId = connectedByUserId;
        ConnectedAtUtc = nowUtc;
        SyncIntervalMinutes = DefaultSyncIntervalMinutes;
    }

    public CrmProvider Provider { get; private set; }

    /// <summary>The CRM's id of the account (HubSpot portal id, Salesforce org id).</summary>
    public string ExternalAccountId { get; private set; }

    /// <summary>The CRM account's name as people know it (the portal's domain, the org's name).</summary>
    public string AccountName { get; private set; }

    /// <summary>The access token, protected (encrypted); null once revoked.</summary>
    [AuditIgnore]
    public string? ProtectedAccessToken { get; private set; }

    /// <summary>The refresh token, protected (encrypted); null once revoked.</summary>
    [AuditIgnore]
    public string? ProtectedRefreshToken { get; private set; }

    /// <summary>When the access token expires; null when the CRM does not say (Salesforce: valid until refused).</summary>
    [AuditIgnore]
    public DateTime? AccessTokenExpiresAtUtc { get; private set; }

    /// <summary>The API address of the CRM account (Salesforce's <c>instance_url</c>); null for a CRM with one API address.</summary>
    public string? InstanceUrl { get; private set; }

    public Guid ConnectedByUserId { get; private set; }

    public DateTime ConnectedAtUtc { get; private set; }

    public CrmConnectionState State { get; private set; }

    [AuditIgnore]
    public string? LastError { get; private set; }

    /// <summary>When the last successful sync started: an incremental sync asks for what changed since then.</summary>
    [AuditIgnore]
    public DateTime? LastSyncAtUtc { get; private set; }

    /// <summary>How often the scheduled sync runs; 0 turns the schedule off ("Sync now" still works).</summary>
    public int SyncIntervalMinutes { get; private set; }

    public bool IsUsable => State == CrmConnectionState.Connected && ProtectedAccessToken is not null;

    /// <summary>New tokens from an authorisation (a first connect or a reconnect): the connection is usable again.</summary>
    public void Authorise(string protectedAccessToken, string protectedRefreshToken, DateTime? expiresAtUtc, Guid userId, DateTime nowUtc, string? instanceUrl = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(protectedAccessToken);
        ArgumentException.ThrowIfNullOrEmpty(protectedRefreshToken);
        ProtectedAccessToken = protectedAccessToken;
        ProtectedRefreshToken = protectedRefreshToken;
        AccessTokenExpiresAtUtc = expiresAtUtc;
        ConnectedByUserId = userId;
        ConnectedAtUtc = nowUtc;
        InstanceUrl = Truncate(instanceUrl, MaxInstanceUrlLength) ?? InstanceUrl;
        State = CrmConnectionState.Connected;
        LastError = null;
    }

    /// <summary>A refreshed access token (and the refresh token, when the CRM rotates it).</summary>
    public void Refreshed(string protectedAccessToken, string? protectedRefreshToken, DateTime? expiresAtUtc, string? instanceUrl = null)
    {
        if (State == CrmConnectionState.Revoked)
        {
            throw new InvalidOperationException("A revoked connection gets no new tokens; connect again.");
        }

        ProtectedAccessToken = protectedAccessToken;
        ProtectedRefreshToken = protectedRefreshToken ?? ProtectedRefreshToken;
        AccessTokenExpiresAtUtc = expiresAtUtc;
        InstanceUrl = Truncate(instanceUrl, MaxInstanceUrlLength) ?? InstanceUrl;
        State = CrmConnectionState.Connected;
        LastError = null;
    }

    /// <summary>The CRM refused the refresh token: syncs stop until an admin connects again.</summary>
    public void NeedsReconnect(string reason)
    {
        if (State == CrmConnectionState.Revoked)
        {
            return;
        }

        State = CrmConnectionState.NeedsReconnect;
        LastError = Truncate(reason, MaxErrorLength);
    }

    /// <summary>Disconnected by an admin: the tokens are forgotten; links and the sync log stay.</summary>
    public void Revoke()
    {
        State = CrmConnectionState.Revoked;
        ProtectedAccessToken = null;
        ProtectedRefreshToken = null;
        AccessTokenExpiresAtUtc = null;
        LastError = null;
    }

    public void RecordError(string? error) => LastError = Truncate(error, MaxErrorLength);

    /// <summary>A sync that started at <paramref name="startedAtUtc"/> finished: the next incremental one starts from there.</summary>
    public void SyncSucceeded(DateTime startedAtUtc)
    {
        LastSyncAtUtc = LastSyncAtUtc is { } last && last > startedAtUtc ? last : startedAtUtc;
        LastError = null;
    }

    public void SetSyncInterval(int minutes)
    {
        if (minutes is < 0 or > 7 * 24 * 60 || (minutes is > 0 and < 5))
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), "A sync interval is 0 (off) or 5 minutes to a week.");
        }

        SyncIntervalMinutes = minutes;
    }

    /// <summary>
    /// Whether the access token should be refreshed before use: it expires within <paramref name="margin"/>. A token
    /// without a known expiry (Salesforce's) is used until the CRM refuses it.
    /// </summary>
    public bool TokenDue(DateTime nowUtc, TimeSpan margin) =>
        ProtectedAccessToken is null || (AccessTokenExpiresAtUtc is { } expires && expires - margin <= nowUtc);

    internal static string? Truncate(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];
}
