using System.Text;

namespace PartnerForge.Domain.Accounts.Import;

/// <summary>
/// RFC 4180 CSV writing (CRLF line ends, fields quoted when they hold a delimiter, quote, CR or LF; quotes
/// doubled) with formula neutralization: a cell starting with = + - @ tab or CR gets a leading single quote,
/// so a spreadsheet shows it as text instead of running it. <see cref="Restore"/> undoes that on import.
/// </summary>
public static class CsvText
{
    public const string LineEnd = "\r\n";

    public static bool IsFormulaLike(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static string Neutralize(string? value)
    {
        var text = value ?? string.Empty;
        return IsFormulaLike(text) ? "'" + text : text;
    }

    /// <summary>A cell neutralized by <see cref="Neutralize"/> gets its value back.</summary>
    public static string Restore(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 1 && value[0] == '\'' && IsFormulaLike(value[1..]) ? value[1..] : value;
    }

    /// <summary>One field as it goes in the file: neutralized, then quoted when needed.</summary>
    public static string Field(string? value, char delimiter = ',')
    {
        var text = Neutralize(value);
        var needsQuotes = text.Contains('"', StringComparison.Ordinal) || text.Contains(delimiter, StringComparison.Ordinal)
            || text.Contains('\r', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal);
        return needsQuotes ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>One record with its CRLF line end.</summary>
    public static string Record(IEnumerable<string?> values, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder();
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                builder.Append(delimiter);
            }

            builder.Append(Field(value, delimiter));
            first = false;
        }

        return builder.Append(LineEnd).ToString();
    }
}
