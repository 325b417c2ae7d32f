using System.Globalization;
using System.Text;
using CsvHelper;
using PartnerForge.Domain.Accounts.Import;

namespace PartnerForge.Infrastructure.Accounts.Import;

/// <summary>What an uploaded CSV file looks like: its encoding, delimiter, header and first rows.</summary>
public sealed record CsvFileShape(Encoding Encoding, char Delimiter, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Preview)
{
    public string EncodingName => EncodingNames.Of(Encoding);
}

/// <summary>One record of a CSV file: its row number (the header is row 1) and cells.</summary>
public sealed record CsvRow(long RowNumber, string[] Cells, bool Malformed);

public static class EncodingNames
{
    public static string Of(Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return encoding.CodePage switch
        {
            65001 => "utf-8",
            1200 => "utf-16le",
            1201 => "utf-16be",
            1252 => "windows-1252",
            _ => encoding.WebName,
        };
    }

    public static Encoding Get(string name) => name switch
    {
        "utf-8" => new UTF8Encoding(false),
        "utf-16le" => new UnicodeEncoding(false, false),
        "utf-16be" => new UnicodeEncoding(true, false),
        _ => CsvSource.Windows1252,
    };
}

/// <summary>
/// Reads CSV files as uploaded: detects the encoding (UTF-8 with or without BOM, UTF-16 LE/BE by BOM or by
/// its zero bytes, Windows-1252 when the bytes are not valid UTF-8), sniffs the delimiter, and streams
/// records with CsvHelper (quoted fields may hold delimiters, quotes and newlines). Never loads the file.
/// </summary>
public static class CsvSource
{
    static CsvSource() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 { get; } = CreateWindows1252();

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    public static Encoding DetectEncoding(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4096];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(false);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new UnicodeEncoding(false, false);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new UnicodeEncoding(true, false);
        }

        // UTF-16 without a BOM: text in Latin script has a zero in every other byte.
        if (n >= 4)
        {
            int evenZeros = 0, oddZeros = 0;
            for (var i = 0; i + 1 < n; i += 2)
            {
                evenZeros += head[i] == 0 ? 1 : 0;
                oddZeros += head[i + 1] == 0 ? 1 : 0;
            }

            var pairs = n / 2;
            if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05)
            {
                return new UnicodeEncoding(false, false);
            }

            if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05)
            {
                return new UnicodeEncoding(true, false);
            }
        }

        stream.Position = 0;
        return IsValidUtf8(stream) ? new UTF8Encoding(false) : Windows1252;
    }

    /// <summary>Checks the whole stream in chunks (a character split across chunks is carried over).</summary>
    private static bool IsValidUtf8(Stream stream)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[1 << 16];
        var chars = new char[buffer.Length + 4];
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            }

            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    public static CsvFileShape Inspect(string path, int previewRows = 10)
    {
        var encoding = DetectEncoding(path);
        string sample;
        using (var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true))
        {
            var buffer = new char[64 * 1024];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            sample = new string(buffer, 0, read);
        }

        var delimiter = DelimiterSniffer.Sniff(sample);
        var headers = new List<string>();
        var preview = new List<IReadOnlyList<string>>();
        using var stream = File.OpenRead(path);
        foreach (var row in Read(stream, encoding, delimiter))
        {
            if (row.RowNumber == 1)
            {
                headers.AddRange(row.Cells.Select(h => h.Trim()));
                continue;
            }

            preview.Add(row.Cells);
            if (preview.Count >= previewRows)
            {
                break;
            }
        }

        return new CsvFileShape(encoding, delimiter, headers, preview);
    }

    /// <summary>
    /// Streams every record, header first (row 1). A record with broken quoting is recovered by CsvHelper and
    /// flagged, never dropped silently; the caller reports it.
    /// </summary>
    public static IEnumerable<CsvRow> Read(Stream stream, Encoding encoding, char delimiter)
    {
        var malformed = new HashSet<long>();
        var options = CsvReaderOptions.Default with
        {
            Separator = delimiter,
            HasHeader = false,
            Encoding = encoding,
            TrimWhitespace = false,
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            OnMalformedRecord = record => malformed.Add(record.RecordNumber),
        };
        using var reader = CsvReader.Create(stream, options, leaveOpen: true);
        long row = 0;
        while (reader.Read())
        {
            row++;
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetString(i);
            }

            yield return new CsvRow(row, cells, malformed.Remove(row));
        }
    }
}
