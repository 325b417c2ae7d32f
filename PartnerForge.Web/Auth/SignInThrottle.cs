using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;

namespace PartnerForge.Web.Auth;

public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    /// <summary>Failed sign-ins one client may make, across all accounts, before it has to wait.</summary>
    [Range(1, 1000)]
    public int FreeFailuresPerClient { get; set; } = 10;

    /// <summary>A client's failures are forgotten this long after its last one.</summary>
    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 15;

    /// <summary>The first wait; it doubles with each further failure, up to <see cref="MaxBackoffMinutes"/>.</summary>
    [Range(1, 3600)]
    public int FirstBackoffSeconds { get; set; } = 30;

    [Range(1, 1440)]
    public int MaxBackoffMinutes { get; set; } = 15;
}

/// <summary>
/// Per-client throttle of the sign-in form, on top of the per-account lockout: a client (its IP address) that
/// fails more than a few sign-ins, whatever the accounts, must wait before its next try, and each failure after
/// that doubles the wait. A waiting client's password is not even checked, so guessing across many accounts from
/// one client is slowed down, and one client can lock out only a handful of accounts.
/// </summary>
public sealed class SignInThrottle(Microsoft.Extensions.Options.IOptions<SignInThrottleOptions> options, TimeProvider time)
{
    private const int MaxClients = 50_000;
    private readonly ConcurrentDictionary<string, Failures> _clients = new(StringComparer.Ordinal);

    private sealed record Failures(int Count, DateTimeOffset LastAt);

    /// <summary>How long the client must still wait before it may try again; null when it may try now.</summary>
    public TimeSpan? RetryAfter(string client)
    {
        if (!_clients.TryGetValue(client, out var failures) || Expired(failures))
        {
            return null;
        }

        var excess = failures.Count - options.Value.FreeFailuresPerClient;
        if (excess < 0)
        {
            return null;
        }

        var wait = Backoff(excess) - (time.GetUtcNow() - failures.LastAt);
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void RecordFailure(string client)
    {
        if (_clients.Count >= MaxClients)
        {
            foreach (var stale in _clients.Where(c => Expired(c.Value)).Select(c => c.Key).ToList())
            {
                _clients.TryRemove(stale, out _);
            }
        }

        var now = time.GetUtcNow();
        _clients.AddOrUpdate(client, _ => new Failures(1, now), (_, f) => Expired(f) ? new Failures(1, now) : new Failures(f.Count + 1, now));
    }

    /// <summary>The client a sign-in comes from: its remote address (behind a proxy, configure forwarded headers).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private TimeSpan Backoff(int excess)
    {
        var seconds = options.Value.FirstBackoffSeconds * Math.Pow(2, Math.Min(excess, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, options.Value.MaxBackoffMinutes * 60.0));
    }

    private bool Expired(Failures failures) => time.GetUtcNow() - failures.LastAt > TimeSpan.FromMinutes(options.Value.WindowMinutes);
}
