using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>Settings of outreach sending (section <c>Outreach</c>), validated at start-up.</summary>
public sealed class OutreachOptions : IValidatableObject
{
    public const string Section = "Outreach";

    /// <summary>How often the dispatcher looks for steps that came due.</summary>
    [Range(5, 3600)]
    public int DispatchIntervalSeconds { get; set; } = 60;

    /// <summary>Enrolments handled per database round (reserve, send, record).</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>SMTP connections a batch is sent over in parallel (each reused for many messages).</summary>
    [Range(1, 16)]
    public int SmtpConnections { get; set; } = 4;

    /// <summary>When sending a step failed (the SMTP server refused or was down), when it is tried again.</summary>
    [Range(1, 1440)]
    public int RetryAfterMinutes { get; set; } = 15;

    /// <summary>
    /// The address replies should go to: the mailbox PartnerForge reads over IMAP (<c>Outreach:Imap</c>). Without it,
    /// replies go to the sender's own address.
    /// </summary>
    public string? ReplyTo { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(ReplyTo) && (!MailboxAddress.TryParse(ReplyTo, out var address) || !address.Address.Contains('@', StringComparison.Ordinal)))
        {
            yield return new ValidationResult($"Outreach:ReplyTo '{ReplyTo}' is not an e-mail address.", [nameof(ReplyTo)]);
        }
    }
}
