namespace PartnerForge.Domain.Billing;

/// <summary>
/// What a tenant pays for: a monthly price for a number of seats, enrichment credits and API calls, the
/// modules included, and the prices of usage above the allowance. Plans are system-wide (not tenant-owned).
/// </summary>
public sealed class Plan
{
    private Plan()
    {
        Code = string.Empty;
        Name = string.Empty;
        Currency = "USD";
        IncludedModules = [];
    }

    public Plan(string code, string name, decimal monthlyPrice, string currency, int seats, int monthlyEnrichmentCredits, int monthlyApiCalls,
        decimal overagePricePerCredit, decimal overagePricePerThousandApiCalls, IEnumerable<string>? includedModules = null)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(monthlyPrice);
        ArgumentOutOfRangeException.ThrowIfNegative(seats);
        ArgumentOutOfRangeException.ThrowIfNegative(monthlyEnrichmentCredits);
        ArgumentOutOfRangeException.ThrowIfNegative(monthlyApiCalls);
        ArgumentOutOfRangeException.ThrowIfNegative(overagePricePerCredit);
        ArgumentOutOfRangeException.ThrowIfNegative(overagePricePerThousandApiCalls);
        if (currency is not { Length: 3 })
        {
            throw new ArgumentException("A currency is a three-letter ISO 4217 code.", nameof(currency));
        }

        Id = Guid.NewGuid();
        Code = code.Trim().ToLowerInvariant();
        Name = name.Trim();
        MonthlyPrice = monthlyPrice;
        Currency = currency.ToUpperInvariant();
        Seats = seats;
        MonthlyEnrichmentCredits = monthlyEnrichmentCredits;
        MonthlyApiCalls = monthlyApiCalls;
        OveragePricePerCredit = overagePricePerCredit;
        OveragePricePerThousandApiCalls = overagePricePerThousandApiCalls;
        IncludedModules = (includedModules ?? []).ToList();
    }

    public Guid Id { get; private set; }

    /// <summary>Short unique key, e.g. "starter".</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    public decimal MonthlyPrice { get; private set; }

    public string Currency { get; private set; }

    public int Seats { get; private set; }

    public int MonthlyEnrichmentCredits { get; private set; }

    public int MonthlyApiCalls { get; private set; }

    public decimal OveragePricePerCredit { get; private set; }

    public decimal OveragePricePerThousandApiCalls { get; private set; }

    /// <summary>Module codes (M01..M15) the plan includes.</summary>
    public List<string> IncludedModules { get; private set; }

    public PlanTerms Terms => new(Name, new Money(MonthlyPrice, Currency), MonthlyEnrichmentCredits, MonthlyApiCalls,
        new Money(OveragePricePerCredit, Currency), new Money(OveragePricePerThousandApiCalls, Currency));
}

/// <summary>The priced part of a plan, as the invoice arithmetic needs it.</summary>
public sealed record PlanTerms(string Name, Money MonthlyPrice, int MonthlyEnrichmentCredits, int MonthlyApiCalls, Money OveragePerCredit, Money OveragePerThousandApiCalls);
