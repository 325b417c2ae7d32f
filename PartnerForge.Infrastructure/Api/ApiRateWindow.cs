namespace PartnerForge.Infrastructure.Api;

/// <summary>
/// How many requests one API key has made in one fixed window. Kept in the database so every node counts against
/// the same limit; a row per key and window, old windows deleted as new ones start.
/// </summary>
public sealed class ApiRateWindow
{
    public required string KeyId { get; init; }

    public DateTime WindowStartUtc { get; init; }

    public int Count { get; set; }
}
