using System.Globalization;
using PartnerForge.Domain.Accounts.Import;

namespace PartnerForge.Infrastructure.Accounts.Import;

/// <summary>
/// The error file: Row, Reason, then the row's original cells (formula-like cells neutralized). A batch's
/// lines are written in row order when the batch is committed.
/// </summary>
internal sealed class ImportErrorWriter(StreamWriter writer)
{
    private readonly List<(long Row, string Line)> _pending = [];

    public void Header(string[] headers) => writer.Write(CsvText.Record(["Row", "Reason", .. headers]));

    public void Write(ImportCounts counts, CsvRow row, string reason)
    {
        counts.Errors++;
        _pending.Add((row.RowNumber, CsvText.Record([row.RowNumber.ToString(CultureInfo.InvariantCulture), reason, .. row.Cells])));
    }

    public void Duplicate(ImportCounts counts, CsvRow row, string reason)
    {
        counts.Duplicates++;
        Write(counts, row, reason);
    }

    public async Task FlushAsync()
    {
        foreach (var (_, line) in _pending.OrderBy(p => p.Row))
        {
            await writer.WriteAsync(line);
        }

        _pending.Clear();
        await writer.FlushAsync();
    }
}

/// <summary>What every batch of one import shares: the job's settings, the running counts and the error file.</summary>
internal sealed record ImportBatch(
    Guid ImportId,
    ImportKind Kind,
    ImportMode Mode,
    Guid TenantId,
    Guid? UserId,
    int HeaderCount,
    IReadOnlyList<ImportField?> Mapping,
    IReadOnlyList<MatchField> MatchFields,
    IReadOnlyDictionary<string, Guid> Owners,
    ImportCounts Counts,
    ImportErrorWriter Errors);
