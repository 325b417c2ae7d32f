namespace PartnerForge.Domain.Pipeline;

/// <summary>
/// Amounts are decimals with an ISO 4217 currency. They are stored as whole minor units (cents) so that
/// sums and weighted sums are exact integer arithmetic in SQL on every provider.
/// </summary>
public static class Money
{
    public const int MinorPerMajor = 100;

    public static long ToMinor(decimal amount)
    {
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "An amount cannot be negative.");
        }

        return (long)decimal.Round(amount * MinorPerMajor, 0, MidpointRounding.AwayFromZero);
    }

    public static decimal FromMinor(long minor) => (decimal)minor / MinorPerMajor;

    /// <summary>Sum of amount × probability (whole per cent) in minor units ÷ 100, back to a decimal amount.</summary>
    public static decimal FromWeightedMinor(long minorTimesPercent) => (decimal)minorTimesPercent / MinorPerMajor / 100m;

    public static string NormalizeCurrency(string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        var code = currency.Trim().ToUpperInvariant();
        if (code.Length != 3 || !code.All(c => c is >= 'A' and <= 'Z'))
        {
            throw new ArgumentException($"'{currency}' is not an ISO 4217 currency code (three letters, e.g. EUR).", nameof(currency));
        }

        return code;
    }

    public static bool IsCurrency(string? currency) =>
        currency is not null && currency.Trim().Length == 3 && currency.Trim().All(char.IsAsciiLetter);
}
