namespace PartnerForge.Domain.Pipeline;

/// <summary>
/// What a user types into the deal form, before it becomes a <see cref="Deal"/>. <see cref="Validate"/>
/// returns one clear message per field in error (empty when the input is good).
/// </summary>
public sealed class DealInput
{
    public Guid CompanyId { get; set; }

    public string Title { get; set; } = string.Empty;

    public Guid OwnerId { get; set; }

    public Guid StageId { get; set; }

    public decimal? Amount { get; set; }

    public string Currency { get; set; } = string.Empty;

    public DateTime? ExpectedCloseDate { get; set; }

    /// <summary>Null: the stage's default.</summary>
    public int? ProbabilityOverride { get; set; }

    public string? NextStep { get; set; }

    public string? CloseReason { get; set; }

    public Dictionary<string, string?> Qualification { get; set; } = new(StringComparer.Ordinal);

    public const decimal MaxAmount = 1_000_000_000_000m;

    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (CompanyId == Guid.Empty)
        {
            errors[nameof(CompanyId)] = "Choose the account this deal is with.";
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            errors[nameof(Title)] = "Give the deal a title, e.g. \"Analytics platform, 200 seats\".";
        }
        else if (Title.Trim().Length > 200)
        {
            errors[nameof(Title)] = "A title has at most 200 characters.";
        }

        if (OwnerId == Guid.Empty)
        {
            errors[nameof(OwnerId)] = "Choose who owns the deal.";
        }

        if (StageId == Guid.Empty)
        {
            errors[nameof(StageId)] = "Choose a stage.";
        }

        if (Amount is null)
        {
            errors[nameof(Amount)] = "Enter the deal's amount (0 if not known yet).";
        }
        else if (Amount < 0 || Amount > MaxAmount)
        {
            errors[nameof(Amount)] = "The amount must be between 0 and 1,000,000,000,000.";
        }
        else if (decimal.Round(Amount.Value, 2) != Amount.Value)
        {
            errors[nameof(Amount)] = "Use at most two decimal places.";
        }

        if (!Money.IsCurrency(Currency))
        {
            errors[nameof(Currency)] = "Use a three-letter ISO currency code, e.g. EUR, GBP or USD.";
        }

        if (ExpectedCloseDate is null)
        {
            errors[nameof(ExpectedCloseDate)] = "Enter the date you expect the deal to close.";
        }

        if (ProbabilityOverride is < 0 or > 100)
        {
            errors[nameof(ProbabilityOverride)] = "A probability is between 0 and 100 per cent.";
        }

        if (NextStep is { Length: > 500 })
        {
            errors[nameof(NextStep)] = "The next step has at most 500 characters.";
        }

        if (CloseReason is { Length: > 500 })
        {
            errors[nameof(CloseReason)] = "The reason has at most 500 characters.";
        }

        return errors;
    }
}
