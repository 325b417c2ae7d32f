using System.Globalization;

namespace PartnerForge.Domain.Accounts;

/// <summary>
/// A company's web domain in its one canonical form: lower case, no scheme, no <c>www.</c>, no port, path,
/// query or trailing dot, internationalized names as punycode. The natural key of an account in a tenant.
/// </summary>
public readonly record struct DomainName
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    private DomainName(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>Normalizes <paramref name="input"/>; returns false with a reason a user can act on.</summary>
    public static bool TryParse(string? input, out DomainName domain, out string error)
    {
        domain = default;
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            error = "A domain is required.";
            return false;
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            text = text[(schemeEnd + 3)..];
        }

        var cut = text.IndexOfAny(['/', '?', '#']);
        if (cut >= 0)
        {
            text = text[..cut];
        }

        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            text = text[(at + 1)..];
        }

        if (text.StartsWith('['))
        {
            error = AddressError(input);
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            text = text[..colon];
        }

        text = text.TrimEnd('.').ToLowerInvariant();
        if (text.StartsWith("www.", StringComparison.Ordinal))
        {
            text = text[4..];
        }

        if (text.Length == 0 || !text.Contains('.', StringComparison.Ordinal))
        {
            error = $"'{input}' is not a domain like example.com.";
            return false;
        }

        if (IsAddressLiteral(text))
        {
            error = AddressError(input);
            return false;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(text);
        }
        catch (ArgumentException)
        {
            error = $"'{input}' is not a valid domain name.";
            return false;
        }

        if (ascii.Length > 253 || ascii.Split('.').Any(label => label.Length is 0 or > 63))
        {
            error = $"'{input}' is not a valid domain name.";
            return false;
        }

        domain = new DomainName(ascii);
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// An IP address in any spelling a resolver accepts (<c>127.1</c>, <c>0x7f.0.0.1</c>, <c>169.254.169.254</c>):
    /// no top-level domain is numeric or hexadecimal, so a last label made only of digits, or of <c>0x</c> and hex
    /// digits, marks an address literal rather than a name.
    /// </summary>
    private static bool IsAddressLiteral(string host)
    {
        var last = host[(host.LastIndexOf('.') + 1)..];
        if (last.Length > 0 && last.All(char.IsAsciiDigit))
        {
            return true;
        }

        return last.Length > 2 && last.StartsWith("0x", StringComparison.Ordinal) && last[2..].All(char.IsAsciiHexDigit);
    }

    private static string AddressError(string? input) =>
        $"'{input}' is an IP address, not a domain: enter the company's web domain, like example.com.";

    public static DomainName Parse(string input) =>
        TryParse(input, out var domain, out var error) ? domain : throw new FormatException(error);
}
