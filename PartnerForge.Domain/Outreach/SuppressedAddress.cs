using System.Security.Cryptography;
using System.Text;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Outreach;

public enum SuppressionReason
{
    Unsubscribed = 0,
    Bounced = 1,

    /// <summary>The person's data was erased; only this entry remains, so they are never written to again.</summary>
    Erased = 2,

    /// <summary>Added by an admin.</summary>
    Manual = 3,
}

/// <summary>
/// An address no sequence of the workspace may write to. Only a hash of the address is kept (keyed by the workspace), so
/// the list honours an erasure: it can answer "is this address suppressed?" but cannot give the address back.
/// </summary>
public sealed class SuppressedAddress : TenantOwnedEntity
{
    public const int HashLength = 64;

    private SuppressedAddress()
    {
        AddressHash = string.Empty;
    }

    public SuppressedAddress(string addressHash, SuppressionReason reason, DateTime nowUtc)
    {
        AddressHash = addressHash;
        Reason = reason;
        AddedAtUtc = nowUtc;
    }

    public string AddressHash { get; private set; }

    public SuppressionReason Reason { get; private set; }

    public DateTime AddedAtUtc { get; private set; }

    /// <summary>HMAC-SHA256 of the trimmed, lower-case address, keyed by the workspace id (hex, 64 characters).</summary>
    public static string Hash(Guid tenantId, string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var key = tenantId.ToByteArray();
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant()));
        return Convert.ToHexStringLower(mac);
    }
}
