using System.Text;
using System.Text.RegularExpressions;

namespace PartnerForge.Infrastructure.Enrichment.Fetching;

/// <summary>Decodes a body: BOM, then the Content-Type charset, then a &lt;meta charset&gt; in the first 1 KB, then UTF-8.</summary>
public static partial class CharsetDetector
{
    static CharsetDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string Text, string Charset) Decode(ReadOnlySpan<byte> bytes, string? headerCharset)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Encoding.UTF8.GetString(bytes[3..]), "utf-8");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");
        }

        var encoding = Find(headerCharset);
        if (encoding is null)
        {
            var head = Encoding.ASCII.GetString(bytes[..Math.Min(1024, bytes.Length)]);
            var meta = MetaCharset().Match(head);
            encoding = meta.Success ? Find(meta.Groups[1].Value) : null;
        }

        encoding ??= Encoding.UTF8;
        return (encoding.GetString(bytes), encoding.WebName);
    }

    private static Encoding? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            // Browsers read ISO-8859-1 and ASCII labels as Windows-1252 (WHATWG Encoding).
            var label = name.Trim().Trim('"', '\'').ToLowerInvariant();
            return label is "iso-8859-1" or "latin1" or "us-ascii" or "ascii" ? Encoding.GetEncoding(1252) : Encoding.GetEncoding(label);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?([\w-]+)", RegexOptions.IgnoreCase, 100)]
    private static partial Regex MetaCharset();
}
