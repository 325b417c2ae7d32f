using System.Globalization;
using PartnerForge.Domain.Accounts;

namespace PartnerForge.Domain.Enrichment;

/// <summary>One line of a top-sites list: accepted (rank and normalized domain), a header, blank, or rejected with a reason.</summary>
public readonly record struct TopSitesLine(int Rank, string? Domain, string? Rejection, bool Skipped)
{
    public bool Accepted => Domain is not null;
}

/// <summary>
/// The top-sites CSV format M03 reads (the Tranco list's): one <c>rank,domain</c> per line, rank a positive whole
/// number, an optional <c>rank,domain</c> header. Domains are normalized like account domains (lower case, no
/// <c>www.</c>), so they match the accounts they rank.
/// </summary>
public static class TopSitesCsv
{
    public const int MaxRank = 100_000_000;

    public static TopSitesLine Parse(string line, bool firstLine)
    {
        var text = line.Trim().TrimStart('\uFEFF');
        if (text.Length == 0)
        {
            return new TopSitesLine(0, null, null, Skipped: true);
        }

        var parts = text.Split(',');
        if (firstLine && parts.Length == 2 && !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && parts[1].Trim().Equals("domain", StringComparison.OrdinalIgnoreCase))
        {
            return new TopSitesLine(0, null, null, Skipped: true); // header
        }

        if (parts.Length != 2)
        {
            return Reject($"expected 2 fields (rank,domain), found {parts.Length}");
        }

        if (!int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var rank) || rank is < 1 or > MaxRank)
        {
            return Reject("the rank is not a whole number from 1 to 100,000,000");
        }

        var raw = parts[1].Trim().Trim('"');
        if (raw.Length == 0)
        {
            return Reject("the domain is empty");
        }

        if (!DomainName.TryParse(raw, out var domain, out _))
        {
            return Reject("the domain is not a valid domain name");
        }

        return new TopSitesLine(rank, domain.Value, null, Skipped: false);
    }

    private static TopSitesLine Reject(string reason) => new(0, null, reason, Skipped: false);
}
