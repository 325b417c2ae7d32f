namespace PartnerForge.Domain.Accounts.Import;

/// <summary>Guesses a CSV file's delimiter (comma, semicolon or tab) from its first lines.</summary>
public static class DelimiterSniffer
{
    public static IReadOnlyList<char> Candidates { get; } = [',', ';', '\t'];

    /// <summary>
    /// The candidate that splits the sample's lines (outside quotes) into the same number of fields, more
    /// than one, most consistently; comma when nothing is conclusive.
    /// </summary>
    public static char Sniff(string sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var lines = Records(sample).Take(20).ToList();
        if (lines.Count > 1 && !sample.EndsWith('\n'))
        {
            lines.RemoveAt(lines.Count - 1); // the last line of a sample may be cut short
        }

        var best = ',';
        var bestScore = 0.0;
        foreach (var candidate in Candidates)
        {
            var counts = lines.Select(l => Count(l, candidate)).ToList();
            if (counts.Count == 0 || counts[0] == 0)
            {
                continue;
            }

            var header = counts[0];
            var consistent = counts.Count(c => c == header);
            var score = consistent * 1000.0 / counts.Count + header;
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }

        return best;
    }

    private static int Count(string line, char delimiter)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Splits on line ends outside quotes, so a quoted newline does not start a record.</summary>
    private static IEnumerable<string> Records(string text)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\n' && !quoted)
            {
                var line = text[start..i].TrimEnd('\r');
                if (line.Length > 0)
                {
                    yield return line;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
