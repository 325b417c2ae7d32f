using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PartnerForge.Infrastructure.Persistence;

/// <summary>
/// Carries a database made by the hand-written migrations (before issue #14) over to the generated ones.
/// Those databases list the hand-written ids in <c>__EFMigrationsHistory</c>. A database at the last of them
/// (<see cref="LastHandWritten"/>) has exactly the schema each provider's generated baseline (<c>Initial</c>)
/// was generated from (the upgrade tests compare the two column by column), so the baseline's id is recorded
/// as applied and <c>Migrate()</c> goes on with whatever comes after it; every row stays as it is. A database
/// at an older hand-written id is refused: it must first be started once with a PartnerForge build from before
/// issue #14, which brings it to <see cref="LastHandWritten"/>.
/// </summary>
internal static class LegacyMigrationHistory
{
    public const string LastHandWritten = "20261204090000_UserTheme";

    /// <summary>Every id the hand-written migrations wrote, oldest first.</summary>
    public static readonly IReadOnlyList<string> HandWritten =
    [
        "20261122000000_Initial",
        "20261122010000_AuditEntries",
        "20261122020000_AccountsInFull",
        "20261122021000_CsvImports",
        "20261122030000_Enrichment",
        "20261122040000_Pipeline",
        "20261122050000_Administration",
        "20261122060000_ChangesAndAlerts",
        "20261122070000_Playbook",
        "20261122075000_ScoringAndRouting",
        "20261122080000_AlertSettingsAndRetention",
        "20261122090000_EnrichmentBudgetNotices",
        "20261204000000_OneActiveRunPerAccount",
        LastHandWritten,
    ];

    /// <summary>What <see cref="AdoptAsync"/> found and did.</summary>
    public enum Outcome
    {
        /// <summary>No history, or one written by the generated migrations: nothing to do.</summary>
        NotLegacy,

        /// <summary>The database was at <see cref="LastHandWritten"/>; the baseline is now recorded as applied.</summary>
        BaselineRecorded,
    }

    /// <summary>Run before <c>Migrate()</c>. Throws <see cref="DatabaseStartupException"/> for an older hand-written database.</summary>
    public static async Task<Outcome> AdoptAsync(DbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var history = context.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken))
        {
            return Outcome.NotLegacy;
        }

        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(r => r.MigrationId).ToList();
        var generated = context.Database.GetMigrations().ToList();
        if (applied.Count == 0 || applied.Exists(generated.Contains) || !applied.Exists(HandWritten.Contains))
        {
            return Outcome.NotLegacy;
        }

        var last = applied.Where(HandWritten.Contains).Max(StringComparer.Ordinal)!;
        if (!string.Equals(last, LastHandWritten, StringComparison.Ordinal))
        {
            throw new DatabaseStartupException(
                $"The database was last migrated to {last}, an older hand-written migration. This version upgrades only databases at " +
                $"{LastHandWritten}: start it once with a PartnerForge build from before issue #14 (the last with hand-written " +
                $"migrations, ending at {LastHandWritten}), which brings it there, then start this version again. Nothing was changed.");
        }

        var baseline = generated.Count > 0
            ? generated[0]
            : throw new DatabaseStartupException("No generated migrations found in the migrations assembly; cannot adopt the database.");
        try
        {
            await context.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Another node starting at the same moment may have recorded it first: the same outcome.
            if (!(await history.GetAppliedMigrationsAsync(cancellationToken)).Any(r => r.MigrationId == baseline))
            {
                throw;
            }
        }

        return Outcome.BaselineRecorded;
    }
}
