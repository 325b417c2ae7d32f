using PartnerForge.Domain.Billing;
using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Infrastructure.Enrichment;

/// <summary>
/// Metering of enrichment: one credit per module that actually ran for an account (ok, no data, failed or
/// blocked), counted when the run finishes (once, however many attempts a restart or a killed node made it take).
/// A module skipped because a dependency failed or refused by the budget costs nothing. Recorded as <see cref="UsageRecord"/>s (kind EnrichmentCredit, source
/// "enrichment:M0x"), which the usage page and the monthly invoice count.
/// </summary>
public static class EnrichmentCredits
{
    public const string SourcePrefix = "enrichment:";

    public static bool Counts(ModuleOutcome outcome) =>
        outcome.IsFinal() && outcome is not (ModuleOutcome.SkippedDependency or ModuleOutcome.BudgetExceeded);

    public static IEnumerable<UsageRecord> Records(Guid tenantId, IEnumerable<string> modules, DateTime atUtc) =>
        modules.GroupBy(m => m, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new UsageRecord(tenantId, UsageKind.EnrichmentCredit, g.Count(), SourcePrefix + g.Key, atUtc));
}
