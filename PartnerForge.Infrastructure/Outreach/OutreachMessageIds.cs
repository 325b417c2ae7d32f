namespace PartnerForge.Infrastructure.Outreach;

/// <summary>
/// The Message-IDs outreach e-mails go out with (<c>{touch id}@partnerforge</c>, without angle brackets): a reply names one
/// in In-Reply-To or References, a bounce quotes one in the returned headers.
/// </summary>
public static class OutreachMessageIds
{
    public const string Domain = "partnerforge";

    public static string For(Guid touchId) => $"{touchId:N}@{Domain}";

    /// <summary>Whether <paramref name="messageId"/> (with or without angle brackets) has the form of one of ours.</summary>
    public static bool IsOurs(string? messageId)
    {
        var id = messageId?.Trim().TrimStart('<').TrimEnd('>');
        if (id is null || id.Length != 32 + 1 + Domain.Length || id[32] != '@')
        {
            return false;
        }

        return id.AsSpan(33).Equals(Domain, StringComparison.OrdinalIgnoreCase) && Guid.TryParseExact(id.AsSpan(0, 32), "N", out _);
    }

    /// <summary>The bare, lower-case form (the one stored on the touch).</summary>
    public static string Normalize(string messageId) => messageId.Trim().TrimStart('<').TrimEnd('>').ToLowerInvariant();
}
