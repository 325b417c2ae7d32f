using System.ComponentModel.DataAnnotations;

namespace PartnerForge.Infrastructure.Accounts.Import;

/// <summary>CSV import settings (section <c>Import</c>).</summary>
public sealed class ImportSettings
{
    public const string Section = "Import";

    /// <summary>Largest file a user may upload, in megabytes.</summary>
    [Range(1, 10_000)]
    public int MaxUploadMegabytes { get; set; } = 250;

    /// <summary>Rows written per transaction (progress is saved and published once per batch).</summary>
    [Range(100, 100_000)]
    public int BatchSize { get; set; } = 5000;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}
