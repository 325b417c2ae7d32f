using PartnerForge.Domain.Crm;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>One CRM record as read: its id, the asked-for properties, when it last changed, and its links.</summary>
public sealed record CrmRecord(
    string Id,
    IReadOnlyDictionary<string, string?> Properties,
    DateTime? UpdatedAtUtc,
    bool Archived,
    IReadOnlyList<string> CompanyIds)
{
    public string? this[string property] => Properties.TryGetValue(property, out var v) ? v : null;

    private readonly string? ownerId;
    private readonly string? companyId;

    /// <summary>The ids of records the CRM merged into this one (HubSpot <c>hs_merged_object_ids</c>: the survivor names them).</summary>
    public IReadOnlyList<string> MergedIds =>
        this["hs_merged_object_ids"] is { Length: > 0 } ids ? ids.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    /// <summary>
    /// For a deleted record: the record it was merged into (Salesforce <c>MasterRecordId</c>: the merged-away record names
    /// the survivor). Null for a plain delete.
    /// </summary>
    public string? MergedIntoId { get; init; }

    /// <summary>The CRM user who owns the record (HubSpot <c>hubspot_owner_id</c>, Salesforce <c>OwnerId</c>).</summary>
    public string? OwnerId
    {
        get => ownerId ?? this["hubspot_owner_id"];
        init => ownerId = value;
    }

    /// <summary>A contact's company (HubSpot <c>associatedcompanyid</c>, Salesforce <c>AccountId</c>).</summary>
    public string? CompanyId
    {
        get => companyId ?? this["associatedcompanyid"];
        init => companyId = value;
    }
}

/// <summary>A page of records and the cursor of the next page (null on the last).</summary>
public sealed record CrmPage(IReadOnlyList<CrmRecord> Records, string? Next);

/// <summary>A CRM user who owns records.</summary>
public sealed record CrmOwner(string Id, string? Email, string? Name);

/// <summary>Values to write into one CRM record (<see cref="CrmId"/> null: a new record; <see cref="Key"/> matches the answer).</summary>
public sealed record CrmWrite(string Key, string? CrmId, IReadOnlyDictionary<string, string?> Properties);

/// <summary>What became of one write: the CRM id it has, or the CRM's message why it was refused.</summary>
public sealed record CrmWriteResult(string Key, string? CrmId, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// One sync's way to a connection's CRM: its access token (refreshed on the way), the API calls it made, and how it waits.
/// </summary>
public sealed class CrmSession(Guid connectionId, CrmTokens tokens, TimeProvider time)
{
    private int calls;

    public Guid ConnectionId { get; } = connectionId;

    public int ApiCalls => Volatile.Read(ref calls);

    /// <summary>How many times a 429 made the session wait.</summary>
    public int RateLimited { get; private set; }

    /// <summary>The CRM account's API address (Salesforce's instance URL), known once a token was fetched.</summary>
    public string? InstanceUrl { get; private set; }

    /// <summary>The CRM's own count of API calls used today, from its last answer (Salesforce's <c>Sforce-Limit-Info</c>).</summary>
    public int? ApiUsage { get; private set; }

    /// <summary>The CRM's daily API call allowance, from its last answer.</summary>
    public int? ApiLimit { get; private set; }

    public void CountCall() => Interlocked.Increment(ref calls);

    /// <summary>The CRM said how much of its daily API allowance is used.</summary>
    public void ApiLimitSeen(int used, int limit)
    {
        ApiUsage = used;
        ApiLimit = limit;
    }

    public async Task<string> AccessTokenAsync(CancellationToken cancellationToken)
    {
        var (token, instance) = await tokens.AccessAsync(ConnectionId, cancellationToken: cancellationToken);
        InstanceUrl = instance;
        return token;
    }

    /// <summary>A new token after the CRM refused <paramref name="refused"/> (once per refusal).</summary>
    public async Task<string> RenewAsync(string refused, CancellationToken cancellationToken)
    {
        var (token, instance) = await tokens.AccessAsync(ConnectionId, force: true, refused: refused, cancellationToken: cancellationToken);
        InstanceUrl = instance;
        return token;
    }

    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        RateLimited++;
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
    }
}

/// <summary>
/// A CRM's REST API as the sync engine needs it, one implementation per provider. Rate limits are handled inside (a
/// 429 waits and tries again; nothing is dropped) and an expired token is renewed once per refusal.
/// </summary>
public interface ICrmConnector
{
    CrmProvider Provider { get; }

    /// <summary>A page of all (or all archived, i.e. deleted) records of a kind, from <paramref name="cursor"/> (null: the first page).</summary>
    Task<CrmPage> ReadAsync(CrmSession session, CrmObjectKind kind, IReadOnlyCollection<string> properties, string? cursor, bool archived, CancellationToken cancellationToken);

    /// <summary>A page of the records of a kind changed at or after <paramref name="sinceUtc"/>, oldest change first.</summary>
    Task<CrmPage> ChangedSinceAsync(CrmSession session, CrmObjectKind kind, IReadOnlyCollection<string> properties, DateTime sinceUtc, string? cursor, CancellationToken cancellationToken);

    /// <summary>The records with these ids (those the CRM still has), for a retry of failed ones.</summary>
    Task<IReadOnlyList<CrmRecord>> ReadByIdsAsync(CrmSession session, CrmObjectKind kind, IReadOnlyCollection<string> properties, IReadOnlyList<string> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<CrmOwner>> OwnersAsync(CrmSession session, CancellationToken cancellationToken);

    /// <summary>Updates existing records in batches; one record's refusal does not stop the others.</summary>
    Task<IReadOnlyList<CrmWriteResult>> UpdateAsync(CrmSession session, CrmObjectKind kind, IReadOnlyList<CrmWrite> writes, CancellationToken cancellationToken);

    /// <summary>Creates records in batches; one record's refusal does not stop the others.</summary>
    Task<IReadOnlyList<CrmWriteResult>> CreateAsync(CrmSession session, CrmObjectKind kind, IReadOnlyList<CrmWrite> writes, CancellationToken cancellationToken);
}
