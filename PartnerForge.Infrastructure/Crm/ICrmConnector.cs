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

    /// <summary>The ids of records the CRM merged into this one (HubSpot <c>hs_merged_object_ids</c>).</summary>
    public IReadOnlyList<string> MergedIds =>
        this["hs_merged_object_ids"] is { Length: > 0 } ids ? ids.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
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

    public void CountCall() => Interlocked.Increment(ref calls);

    public Task<string> AccessTokenAsync(CancellationToken cancellationToken) => tokens.AccessTokenAsync(ConnectionId, cancellationToken: cancellationToken);

    /// <summary>A new token after the CRM refused <paramref name="refused"/> (once per refusal).</summary>
    public Task<string> RenewAsync(string refused, CancellationToken cancellationToken) =>
        tokens.AccessTokenAsync(ConnectionId, force: true, refused: refused, cancellationToken: cancellationToken);

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
