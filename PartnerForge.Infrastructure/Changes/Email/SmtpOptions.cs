using System.ComponentModel.DataAnnotations;

namespace PartnerForge.Infrastructure.Changes.Email;

/// <summary>SMTP settings (section <c>Smtp</c>), validated at start-up when e-mail is enabled.</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Smtp";

    public bool Enabled { get; set; }

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>STARTTLS (System.Net.Mail's EnableSsl).</summary>
    public bool EnableTls { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "alerts@partnerforge.local";

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            yield return new ValidationResult("Smtp:Host is required when Smtp:Enabled is true.", [nameof(Host)]);
        }

        if (!System.Net.Mail.MailAddress.TryCreate(From, out _))
        {
            yield return new ValidationResult($"Smtp:From '{From}' is not an e-mail address.", [nameof(From)]);
        }

        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Smtp:UserName and Smtp:Password go together.", [nameof(UserName)]);
        }
    }
}
