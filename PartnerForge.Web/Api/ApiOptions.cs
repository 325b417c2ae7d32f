using System.ComponentModel.DataAnnotations;

namespace PartnerForge.Web.Api;

/// <summary>REST API settings (section "Api").</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests one API key may make per window.</summary>
    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 120;

    [Range(1, 3_600)]
    public int WindowSeconds { get; set; } = 60;
}
