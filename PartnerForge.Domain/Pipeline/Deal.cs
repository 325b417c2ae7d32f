using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Pipeline;

/// <summary>
/// A sales opportunity on an account. Its probability follows the stage unless someone overrode it; every
/// stage move is returned as a <see cref="StageChange"/> for the history. <see cref="Version"/> changes on
/// every write and is the optimistic-concurrency token: two people moving the same card, the second loses.
/// </summary>
public sealed class Deal : TenantOwnedEntity, IAudited
{
    private Deal()
    {
        Title = string.Empty;
        Currency = "USD";
        Qualification = new Dictionary<string, string>();
    }

    private Deal(Guid companyId, string title, Guid ownerId, Stage stage, decimal amount, string currency, DateTime expectedCloseDate, DateTime createdAtUtc)
        : this()
    {
        CompanyId = companyId;
        OwnerId = ownerId;
        CreatedAtUtc = createdAtUtc;
        SetTitle(title);
        SetAmount(amount, currency);
        ExpectedCloseDate = DateTime.SpecifyKind(expectedCloseDate.Date, DateTimeKind.Utc);
        StageId = stage.Id;
        StageEnteredAtUtc = createdAtUtc;
        FurthestPosition = stage.Kind == StageKind.Lost ? 0 : stage.Position;
        Probability = stage.DefaultProbability;
        Version = Guid.NewGuid();
        if (stage.IsClosed)
        {
            Close(stage, createdAtUtc, null);
        }
    }

    public Guid CompanyId { get; private set; }

    public string Title { get; private set; }

    public Guid OwnerId { get; private set; }

    public Guid StageId { get; private set; }

    public DateTime StageEnteredAtUtc { get; private set; }

    /// <summary>
    /// Board position of the furthest stage (Lost aside) the deal ever reached: kept on every move, so
    /// stage-to-stage conversion is one indexed GROUP BY instead of a scan of the whole stage history.
    /// </summary>
    public int FurthestPosition { get; private set; }

    /// <summary>Position within its column on the board (ascending).</summary>
    public double BoardRank { get; private set; }

    /// <summary>The amount in whole minor units (what is stored and summed).</summary>
    public long AmountMinor { get; private set; }

    public decimal Amount => Money.FromMinor(AmountMinor);

    public string Currency { get; private set; }

    /// <summary>A date (midnight UTC): the day the deal is expected to close.</summary>
    public DateTime ExpectedCloseDate { get; private set; }

    /// <summary>Whole per cent, 0–100: the stage's default unless <see cref="ProbabilityOverridden"/>.</summary>
    public int Probability { get; private set; }

    public bool ProbabilityOverridden { get; private set; }

    /// <summary>Answers to the tenant's framework (BANT or MEDDIC), field name → answer.</summary>
    public Dictionary<string, string> Qualification { get; private set; }

    public string? NextStep { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public bool? Won { get; private set; }

    public string? CloseReason { get; private set; }

    /// <summary>Whole days from creation to close, fixed when the deal closes (sales-cycle length).</summary>
    public int? CycleDays { get; private set; }

    public Guid Version { get; private set; }

    public bool IsClosed => ClosedAtUtc is not null;

    /// <summary>A new deal, with the first entry of its stage history.</summary>
    public static (Deal Deal, StageChange Change) Open(
        Guid companyId, string title, Guid ownerId, Stage stage, decimal amount, string currency, DateTime expectedCloseDate, DateTime nowUtc, Guid? byUserId)
    {
        var deal = new Deal(companyId, title, ownerId, stage, amount, currency, expectedCloseDate, nowUtc);
        return (deal, new StageChange(deal.Id, null, stage.Id, nowUtc, byUserId));
    }

    /// <summary>
    /// Moves the deal to <paramref name="stage"/>. Returns the history entry, or null when the stage is the
    /// same (a reorder within the column). Entering Won or Lost closes the deal; leaving them reopens it.
    /// </summary>
    public StageChange? MoveTo(Stage stage, DateTime nowUtc, Guid? byUserId, string? closeReason = null)
    {
        if (stage.TenantId != Guid.Empty && TenantId != Guid.Empty && stage.TenantId != TenantId)
        {
            throw new TenantMismatchException(nameof(Stage), stage.TenantId, TenantId);
        }

        Touch();
        if (stage.Id == StageId)
        {
            return null;
        }

        var change = new StageChange(Id, StageId, stage.Id, nowUtc, byUserId);
        StageId = stage.Id;
        if (stage.Kind != StageKind.Lost && stage.Position > FurthestPosition)
        {
            FurthestPosition = stage.Position;
        }

        StageEnteredAtUtc = nowUtc;
        if (!ProbabilityOverridden || stage.IsClosed)
        {
            Probability = stage.DefaultProbability;
        }

        if (stage.IsClosed)
        {
            Close(stage, nowUtc, closeReason);
        }
        else
        {
            ClosedAtUtc = null;
            Won = null;
            CloseReason = null;
            CycleDays = null;
        }

        return change;
    }

    public void PlaceAt(double rank)
    {
        BoardRank = rank;
        Touch();
    }

    public void SetTitle(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (title.Trim().Length > 200)
        {
            throw new ArgumentException("A deal title has at most 200 characters.", nameof(title));
        }

        Title = title.Trim();
        Touch();
    }

    public void SetAmount(decimal amount, string currency)
    {
        AmountMinor = Money.ToMinor(amount);
        Currency = Money.NormalizeCurrency(currency);
        Touch();
    }

    public void SetExpectedClose(DateTime date)
    {
        ExpectedCloseDate = DateTime.SpecifyKind(date.Date, DateTimeKind.Utc);
        Touch();
    }

    public void AssignTo(Guid ownerId)
    {
        OwnerId = ownerId;
        Touch();
    }

    /// <summary>Overrides the stage's probability; null goes back to the stage's default.</summary>
    public void OverrideProbability(int? percent, Stage currentStage)
    {
        if (percent is { } p)
        {
            Probabilities.Check(p);
            Probability = p;
            ProbabilityOverridden = true;
        }
        else
        {
            Probability = currentStage.DefaultProbability;
            ProbabilityOverridden = false;
        }

        Touch();
    }

    public void SetNextStep(string? nextStep)
    {
        NextStep = string.IsNullOrWhiteSpace(nextStep) ? null : nextStep.Trim();
        Touch();
    }

    public void SetCloseReason(string? reason)
    {
        CloseReason = IsClosed && !string.IsNullOrWhiteSpace(reason) ? reason.Trim() : CloseReason;
        Touch();
    }

    public void Qualify(IReadOnlyDictionary<string, string?> answers)
    {
        Qualification = answers
            .Where(a => !string.IsNullOrWhiteSpace(a.Value))
            .ToDictionary(a => a.Key, a => a.Value!.Trim(), StringComparer.Ordinal);
        Touch();
    }

    private void Close(Stage stage, DateTime nowUtc, string? reason)
    {
        ClosedAtUtc = nowUtc;
        Won = stage.Kind == StageKind.Won;
        CloseReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        CycleDays = Math.Max(0, (int)(nowUtc - CreatedAtUtc).TotalDays);
    }

    private void Touch() => Version = Guid.NewGuid();
}
