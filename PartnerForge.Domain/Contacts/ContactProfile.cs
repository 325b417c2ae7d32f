using System.Net.Mail;
using PartnerForge.Domain.Playbook;

namespace PartnerForge.Domain.Contacts;

/// <summary>What a person types for a contact (a form, a CSV row, an API body); <see cref="ContactProfile.Validate"/> checks it.</summary>
public sealed record ContactInput(
    string? FullName, string? Title, string? Email, string? Phone, string? TimeZone, CommitteeRole? Role, LawfulBasis LawfulBasis, DateTime? ConsentAtUtc);

/// <summary>Canonical, validated contact fields.</summary>
public sealed record ContactProfile(
    string FullName, string? Title, string? Email, string? Phone, string? TimeZone, CommitteeRole? Role, LawfulBasis LawfulBasis, DateTime? ConsentAtUtc)
{
    public const int MaxNameLength = 200;
    public const int MaxTitleLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxPhoneLength = 40;
    public const int MaxTimeZoneLength = 64;

    /// <summary>Field name → message, for every field that is not acceptable; empty when all are.</summary>
    public static (ContactProfile? Profile, IReadOnlyDictionary<string, string> Errors) Validate(ContactInput input, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = Clean(input.FullName);
        if (name is null)
        {
            errors[nameof(input.FullName)] = "A name is required.";
        }
        else if (name.Length > MaxNameLength)
        {
            errors[nameof(input.FullName)] = $"A name has at most {MaxNameLength} characters.";
        }

        var title = Clean(input.Title);
        if (title?.Length > MaxTitleLength)
        {
            errors[nameof(input.Title)] = $"A title has at most {MaxTitleLength} characters.";
        }

        var email = NormalizeEmail(input.Email, out var emailError);
        Add(errors, nameof(input.Email), emailError);
        var phone = Clean(input.Phone);
        if (phone is not null && (phone.Length > MaxPhoneLength || phone.Any(c => !(char.IsDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.')) || phone.Count(char.IsDigit) < 5))
        {
            errors[nameof(input.Phone)] = "Enter a phone number of digits, spaces and + - ( ) . like +44 20 7946 0000.";
        }

        var zone = Clean(input.TimeZone);
        if (zone is not null && (zone.Length > MaxTimeZoneLength || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)))
        {
            errors[nameof(input.TimeZone)] = "Choose a time zone like Europe/London or America/New_York.";
        }

        if (input.Role is { } role && !Enum.IsDefined(role))
        {
            errors[nameof(input.Role)] = "Choose a buying-committee role or none.";
        }

        if (!Enum.IsDefined(input.LawfulBasis))
        {
            errors[nameof(input.LawfulBasis)] = "Choose a lawful basis: consent, legitimate interest, contract, or not recorded.";
        }
        else if (input.LawfulBasis == LawfulBasis.Consent && input.ConsentAtUtc is null)
        {
            errors[nameof(input.ConsentAtUtc)] = "Consent needs the date the person gave it.";
        }
        else if (input.ConsentAtUtc > nowUtc)
        {
            errors[nameof(input.ConsentAtUtc)] = "Consent cannot be given in the future.";
        }

        var consentAt = input.LawfulBasis == LawfulBasis.Consent ? input.ConsentAtUtc : null;
        return errors.Count > 0
            ? (null, errors)
            : (new ContactProfile(name!, title, email, phone, zone, input.Role, input.LawfulBasis, consentAt), errors);
    }

    /// <summary>The address as stored and matched (trimmed, lower case), or null when none was given.</summary>
    public static string? NormalizeEmail(string? email, out string? error)
    {
        error = null;
        var text = Clean(email);
        if (text is null)
        {
            return null;
        }

        if (text.Length > MaxEmailLength || !MailAddress.TryCreate(text, out var address) || address.Address != text || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            error = "Enter an e-mail address like name@company.com.";
            return null;
        }

        return text.ToLowerInvariant();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Add(Dictionary<string, string> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = error;
        }
    }
}
