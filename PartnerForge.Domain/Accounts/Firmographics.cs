using System.Globalization;

namespace PartnerForge.Domain.Accounts;

/// <summary>
/// The canonical values of an account's firmographic fields and how free text (a CSV cell, a form field)
/// maps onto them. Each Normalize method returns null for empty input and throws nothing: callers get a
/// (value, error) pair to show.
/// </summary>
public static class Firmographics
{
    public static IReadOnlyList<string> EmployeeBands { get; } =
        ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001-10000", "10001+"];

    public static IReadOnlyList<string> RevenueBands { get; } =
        ["<1M", "1M-10M", "10M-50M", "50M-100M", "100M-500M", "500M-1B", "1B+"];

    private static readonly int[] EmployeeBandUpper = [10, 50, 200, 500, 1000, 5000, 10000, int.MaxValue];

    private static readonly Lazy<Dictionary<string, string>> CountryNames = new(BuildCountryNames);

    public const int MaxNameLength = 300;
    public const int MaxIndustryLength = 100;
    public const int MaxTagLength = 50;

    /// <summary>ISO 3166-1 alpha-2 from a code ("de", "DEU") or an English or native name ("Germany").</summary>
    public static (string? Value, string? Error) NormalizeCountry(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        if (text.Length == 2 && text.All(char.IsAsciiLetter))
        {
            var code = text.ToUpperInvariant();
            return CountryNames.Value.ContainsValue(code) ? (code, null) : (null, $"'{text}' is not a country code.");
        }

        return CountryNames.Value.TryGetValue(text, out var iso) ? (iso, null) : (null, $"'{text}' is not a country we recognise; use a two-letter code such as DE.");
    }

    /// <summary>A band from a band label ("51-200"), a single head count ("120") or a range ("50 to 200").</summary>
    public static (string? Value, string? Error) NormalizeEmployeeBand(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        var match = EmployeeBands.FirstOrDefault(b => string.Equals(b, text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return (match, null);
        }

        var digits = text.Replace(",", string.Empty, StringComparison.Ordinal).Replace("+", string.Empty, StringComparison.Ordinal);
        var first = new string(digits.TakeWhile(char.IsAsciiDigit).ToArray());
        if (first.Length > 0 && long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            var index = Array.FindIndex(EmployeeBandUpper, upper => count <= upper);
            return (EmployeeBands[index], null);
        }

        return (null, $"'{text}' is not an employee count or band ({string.Join(", ", EmployeeBands)}).");
    }

    public static (string? Value, string? Error) NormalizeRevenueBand(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        var compact = text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("$", string.Empty, StringComparison.Ordinal);
        var match = RevenueBands.FirstOrDefault(b => string.Equals(b, compact, StringComparison.OrdinalIgnoreCase));
        return match is not null ? (match, null) : (null, $"'{text}' is not a revenue band ({string.Join(", ", RevenueBands)}).");
    }

    public static (string? Value, string? Error) NormalizeIndustry(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        return text.Length > MaxIndustryLength ? (null, $"Industry is longer than {MaxIndustryLength} characters.") : (text, null);
    }

    /// <summary>Tags from "a; b, c" (semicolons, commas or pipes), trimmed, distinct, case kept from first use.</summary>
    public static (IReadOnlyList<string> Tags, string? Error) NormalizeTags(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return ([], null);
        }

        var tags = input.Split([';', ',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var tooLong = tags.FirstOrDefault(t => t.Length > MaxTagLength);
        return tooLong is null ? (tags, null) : ([], $"Tag '{tooLong[..20]}…' is longer than {MaxTagLength} characters.");
    }

    public static (AccountTier? Value, string? Error) NormalizeTier(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        return Enum.TryParse<AccountTier>(text, ignoreCase: true, out var tier) && Enum.IsDefined(tier) && !char.IsAsciiDigit(text[0])
            ? (tier, null)
            : (null, $"'{text}' is not a tier (A, B, C or D).");
    }

    private static Dictionary<string, string> BuildCountryNames()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try
            {
                region = new RegionInfo(culture.Name);
            }
            catch (ArgumentException)
            {
                continue;
            }

            if (region.TwoLetterISORegionName.Length != 2 || !region.TwoLetterISORegionName.All(char.IsAsciiLetter))
            {
                continue;
            }

            names.TryAdd(region.EnglishName, region.TwoLetterISORegionName);
            names.TryAdd(region.NativeName, region.TwoLetterISORegionName);
            names.TryAdd(region.ThreeLetterISORegionName, region.TwoLetterISORegionName);
            names.TryAdd(region.TwoLetterISORegionName, region.TwoLetterISORegionName);
        }

        names.TryAdd("USA", "US");
        names.TryAdd("United States of America", "US");
        names.TryAdd("UK", "GB");
        names.TryAdd("England", "GB");
        return names;
    }
}
