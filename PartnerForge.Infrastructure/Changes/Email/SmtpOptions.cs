using System.ComponentModel.DataAnnotations;
using MailKit.Security;
using MimeKit;

namespace PartnerForge.Infrastructure.Changes.Email;

/// <summary>SMTP settings (section <c>Smtp</c>), validated at start-up when e-mail is enabled.</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Smtp";

    public bool Enabled { get; set; }

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>
    /// How the connection is secured, one of MailKit's <see cref="SecureSocketOptions"/>: <c>StartTls</c> (required
    /// STARTTLS, usually port 587), <c>SslOnConnect</c> (TLS from the first byte, usually port 465),
    /// <c>StartTlsWhenAvailable</c>, <c>Auto</c> (SslOnConnect on 465, else STARTTLS when offered) or <c>None</c>.
    /// </summary>
    public string Security { get; set; } = nameof(SecureSocketOptions.Auto);

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "alerts@partnerforge.local";

    public string FromName { get; set; } = "PartnerForge";

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The address people open PartnerForge at (e.g. <c>https://forge.example.com/</c>), for links in e-mails that must
    /// not come from a request's Host header (password reset). Without it, password reset by e-mail is off.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The parsed <see cref="Security"/> (valid once the options passed validation).</summary>
    public SecureSocketOptions SocketOptions =>
        Enum.TryParse<SecureSocketOptions>(Security, ignoreCase: true, out var value) ? value : SecureSocketOptions.Auto;

    public bool HasCredentials => !string.IsNullOrEmpty(UserName);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Host) || Uri.CheckHostName(Host.Trim()) == UriHostNameType.Unknown)
        {
            yield return new ValidationResult($"Smtp:Host is required when Smtp:Enabled is true and must be a host name or IP address (got '{Host}').", [nameof(Host)]);
        }

        if (!MailboxAddress.TryParse(From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return new ValidationResult($"Smtp:From '{From}' is not an e-mail address.", [nameof(From)]);
        }

        if (PublicBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
        {
            yield return new ValidationResult($"Smtp:PublicBaseUrl '{url}' must be an absolute http or https address.", [nameof(PublicBaseUrl)]);
        }

        foreach (var result in ValidateSecurity())
        {
            yield return result;
        }
    }

    private IEnumerable<ValidationResult> ValidateSecurity()
    {
        if (!Enum.TryParse<SecureSocketOptions>(Security, ignoreCase: true, out var security) || int.TryParse(Security, out _))
        {
            yield return new ValidationResult(
                $"Smtp:Security '{Security}' is not one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}.", [nameof(Security)]);
            yield break;
        }

        if (Port == 465 && security is SecureSocketOptions.StartTls or SecureSocketOptions.StartTlsWhenAvailable)
        {
            yield return new ValidationResult("Smtp:Port 465 expects TLS from the first byte: set Smtp:Security to SslOnConnect (or use port 587 for STARTTLS).", [nameof(Security)]);
        }

        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Smtp:UserName and Smtp:Password go together.", [nameof(UserName)]);
        }
        else if (HasCredentials && security == SecureSocketOptions.None)
        {
            yield return new ValidationResult("Smtp:Security is None, so Smtp:Password would cross the network in clear text: use StartTls or SslOnConnect.", [nameof(Security)]);
        }
    }
}
