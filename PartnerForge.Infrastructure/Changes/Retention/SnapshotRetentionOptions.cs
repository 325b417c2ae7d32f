using System.ComponentModel.DataAnnotations;

namespace PartnerForge.Infrastructure.Changes.Retention;

/// <summary>Snapshot retention (section <c>Changes:Retention</c>), validated at start-up.</summary>
public sealed class SnapshotRetentionOptions : IValidatableObject
{
    public const string Section = "Changes:Retention";

    /// <summary>Off: snapshots are kept forever and the job records nothing.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Every snapshot younger than this is kept; older ones thin out to one per account, module and week.</summary>
    [Range(1, 3650)]
    public int KeepAllDays { get; set; } = 90;

    /// <summary>When the job runs (Quartz cron, UTC).</summary>
    [Required]
    public string Cron { get; set; } = "0 30 3 * * ?";

    /// <summary>Snapshots deleted per statement (keeps each transaction short).</summary>
    [Range(10, 10_000)]
    public int BatchSize { get; set; } = 500;

    public static bool IsValidCron(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }

        try
        {
            _ = new Quartz.CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsValidCron(Cron))
        {
            yield return new ValidationResult($"Changes:Retention:Cron '{Cron}' is not a valid Quartz cron expression (e.g. \"0 30 3 * * ?\").", [nameof(Cron)]);
        }
    }
}
