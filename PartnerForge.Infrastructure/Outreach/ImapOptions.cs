using System.ComponentModel.DataAnnotations;
using System.Net;
using MailKit.Security;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>
/// The mailbox replies and bounces of outreach arrive in (section <c>Outreach:Imap</c>), read over IMAP every
/// <see cref="PollIntervalSeconds"/>. Off while <see cref="Host"/> is empty; validated at start-up.
/// </summary>
public sealed class ImapOptions : IValidatableObject
{
    public const string Section = OutreachOptions.Section + ":Imap";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 993;

    /// <summary>
    /// How the connection is secured, one of MailKit's <see cref="SecureSocketOptions"/>: <c>SslOnConnect</c> (TLS from the
    /// first byte, usually port 993), <c>StartTls</c> (usually port 143), <c>StartTlsWhenAvailable</c>, <c>Auto</c> or
    /// <c>None</c> (only for a server on this machine: the password would otherwise cross the network in clear text).
    /// </summary>
    public string Security { get; set; } = nameof(SecureSocketOptions.Auto);

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The folder replies and bounces are delivered to.</summary>
    public string Folder { get; set; } = "INBOX";

    [Range(15, 86400)]
    public int PollIntervalSeconds { get; set; } = 120;

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Unread messages looked at per poll; the rest wait for the next one.</summary>
    [Range(1, 10000)]
    public int MaxMessagesPerPoll { get; set; } = 500;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary>The parsed <see cref="Security"/> (valid once the options passed validation).</summary>
    public SecureSocketOptions SocketOptions =>
        Enum.TryParse<SecureSocketOptions>(Security, ignoreCase: true, out var value) ? value : SecureSocketOptions.Auto;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (Uri.CheckHostName(Host!.Trim()) == UriHostNameType.Unknown)
        {
            yield return new ValidationResult($"{Section}:Host must be a host name or IP address (got '{Host}').", [nameof(Host)]);
        }

        if (string.IsNullOrEmpty(UserName) || string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult($"{Section}:UserName and {Section}:Password are needed to read the mailbox.", [nameof(UserName)]);
        }

        if (string.IsNullOrWhiteSpace(Folder))
        {
            yield return new ValidationResult($"{Section}:Folder names the folder to read (INBOX unless replies are filed elsewhere).", [nameof(Folder)]);
        }

        if (!Enum.TryParse<SecureSocketOptions>(Security, ignoreCase: true, out var security) || int.TryParse(Security, out _))
        {
            yield return new ValidationResult(
                $"{Section}:Security '{Security}' is not one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}.", [nameof(Security)]);
        }
        else if (security == SecureSocketOptions.None && !IsLoopback(Host!.Trim()))
        {
            yield return new ValidationResult(
                $"{Section}:Security is None, so the mailbox password would cross the network in clear text: use SslOnConnect (port 993) or StartTls (port 143).",
                [nameof(Security)]);
        }
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
