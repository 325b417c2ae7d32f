using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Pipeline;

/// <summary>A tenant's pipeline settings: its qualification framework and the currency its reports are in.</summary>
public sealed class PipelineSettings : TenantOwnedEntity, IAudited
{
    private PipelineSettings()
    {
        ReportingCurrency = "USD";
    }

    public PipelineSettings(QualificationFramework framework, string reportingCurrency)
    {
        Framework = framework;
        ReportingCurrency = Money.NormalizeCurrency(reportingCurrency);
    }

    public QualificationFramework Framework { get; private set; }

    /// <summary>ISO 4217 code; dashboards sum deals in this currency.</summary>
    public string ReportingCurrency { get; private set; }

    public void Use(QualificationFramework framework) => Framework = framework;

    public void ReportIn(string currency) => ReportingCurrency = Money.NormalizeCurrency(currency);
}
