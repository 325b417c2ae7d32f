using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Enrichment.Modules;

namespace PartnerForge.Infrastructure.Enrichment;

public sealed record TopSitesRejection(int Line, string Reason, string Text);

/// <summary>What a top-sites import did: rows read, imported, rejected (counts per reason and the first rejected rows).</summary>
public sealed record TopSitesImportReport(
    string ListName, int RowsRead, int Imported, int Rejected, int Duplicates, IReadOnlyDictionary<string, int> RejectedByReason,
    IReadOnlyList<TopSitesRejection> Samples, TimeSpan Took);

/// <summary>The list M03 ranks from now.</summary>
public sealed record TopSitesList(string ListName, int Domains, DateTime ImportedAtUtc, int BestRank, int WorstRank);

/// <summary>Where an import is: checking rows, then writing them.</summary>
public sealed record TopSitesProgress(string Phase, int Rows, int RowsTotal);

/// <summary>
/// The platform admin's top-sites upload for M03: every line is checked (<see cref="TopSitesCsv"/>), duplicates of
/// a domain keep their first (best) rank, and the clean rows replace the list through
/// <see cref="TrafficRankImporter.ImportAsync"/>. Nothing is replaced when no row is valid.
/// </summary>
public sealed class TopSitesImport(TrafficRankImporter importer, IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    public const int MaxSamples = 100;

    /// <summary>The largest upload the admin page accepts (the full Tranco list is about 22 MB).</summary>
    public const long MaxUploadBytes = 100L * 1024 * 1024;

    public async Task<TopSitesList?> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var summary = await db.TrafficRanks.AsNoTracking().GroupBy(r => r.ListName)
            .Select(g => new { Name = g.Key, Count = g.Count(), At = g.Max(r => r.ImportedAtUtc), Best = g.Min(r => r.Rank), Worst = g.Max(r => r.Rank) })
            .OrderByDescending(g => g.Count).FirstOrDefaultAsync(cancellationToken);
        return summary is null ? null : new TopSitesList(summary.Name, summary.Count, summary.At, summary.Best, summary.Worst);
    }

    public async Task<TopSitesImportReport> ImportAsync(Stream csv, string listName, IProgress<TopSitesProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        listName = string.IsNullOrWhiteSpace(listName) ? "top-sites" : listName.Trim()[..Math.Min(listName.Trim().Length, 100)];
        var byReason = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = new List<TopSitesRejection>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var clean = new StringBuilder();
        int read = 0, duplicates = 0, lineNumber = 0;
        using (var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                lineNumber++;
                var parsed = TopSitesCsv.Parse(line, lineNumber == 1);
                if (parsed.Skipped)
                {
                    continue;
                }

                read++;
                var reason = parsed.Rejection;
                if (parsed.Accepted && firstLine.TryGetValue(parsed.Domain!, out var first))
                {
                    reason = $"duplicate domain (first on line {first.ToString(CultureInfo.InvariantCulture)})";
                    duplicates++;
                }

                if (reason is not null)
                {
                    var key = reason.StartsWith("duplicate", StringComparison.Ordinal) ? "duplicate domain" : reason;
                    byReason[key] = byReason.GetValueOrDefault(key) + 1;
                    if (samples.Count < MaxSamples)
                    {
                        samples.Add(new TopSitesRejection(lineNumber, reason, line.Length > 200 ? line[..200] : line));
                    }
                }
                else
                {
                    firstLine[parsed.Domain!] = lineNumber;
                    clean.Append(parsed.Rank.ToString(CultureInfo.InvariantCulture)).Append(',').Append(parsed.Domain).Append('\n');
                }

                if (read % 20_000 == 0)
                {
                    progress?.Report(new TopSitesProgress("Checking rows", read, 0));
                }
            }
        }

        var valid = firstLine.Count;
        var imported = 0;
        if (valid > 0)
        {
            progress?.Report(new TopSitesProgress("Writing ranks", 0, valid));
            await using var cleanStream = new MemoryStream(Encoding.UTF8.GetBytes(clean.ToString()));
            clean.Clear();
            imported = await importer.ImportAsync(cleanStream, listName,
                new Relay(written => progress?.Report(new TopSitesProgress("Writing ranks", written, valid))), cancellationToken);
        }

        return new TopSitesImportReport(listName, read, imported, read - imported, duplicates, byReason, samples, time.GetElapsedTime(started));
    }

    /// <summary>Passes progress on at once, on the importing thread (Progress&lt;T&gt; would post it later).</summary>
    private sealed class Relay(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
