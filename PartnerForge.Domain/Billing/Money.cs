using System.Globalization;

namespace PartnerForge.Domain.Billing;

/// <summary>An amount in one currency (ISO 4217 code). Arithmetic across currencies is refused.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    /// <summary>Rounded to cents, half away from zero (how invoice lines are rounded).</summary>
    public Money Rounded() => this with { Amount = decimal.Round(Amount, 2, MidpointRounding.AwayFromZero) };

    public static Money operator +(Money a, Money b)
    {
        SameCurrency(a, b);
        return new Money(a.Amount + b.Amount, a.Currency);
    }

    public static Money operator -(Money a, Money b)
    {
        SameCurrency(a, b);
        return new Money(a.Amount - b.Amount, a.Currency);
    }

    public static Money operator *(Money a, decimal factor) => new(a.Amount * factor, a.Currency);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount:0.00} {Currency}");

    private static void SameCurrency(Money a, Money b)
    {
        if (!string.Equals(a.Currency, b.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency}.");
        }
    }
}
