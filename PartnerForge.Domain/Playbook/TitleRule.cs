using System.Text.RegularExpressions;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Playbook;

/// <summary>
/// One of a tenant's title rules: a job title containing any of the keywords (whole words, case-insensitive)
/// puts the person in <see cref="Role"/>. Rules are tried in <see cref="Position"/> order; the first match wins.
/// </summary>
public sealed class TitleRule : TenantOwnedEntity, IAudited
{
    public const int MaxKeywordsLength = 500;

    private TitleRule()
    {
        Keywords = string.Empty;
    }

    public TitleRule(int position, CommitteeRole role, string keywords)
    {
        Position = position;
        Role = role;
        Keywords = TitleRules.NormalizeKeywords(keywords).Value ?? throw new ArgumentException("A title rule needs at least one keyword.", nameof(keywords));
    }

    public int Position { get; private set; }

    public CommitteeRole Role { get; private set; }

    /// <summary>Comma-separated keywords or phrases ("Chief Executive Officer, CEO, Founder").</summary>
    public string Keywords { get; private set; }

    public void Update(int position, CommitteeRole role, string keywords)
    {
        Position = position;
        Role = role;
        Keywords = TitleRules.NormalizeKeywords(keywords).Value ?? throw new ArgumentException("A title rule needs at least one keyword.", nameof(keywords));
    }
}

/// <summary>A title rule as the matcher sees it (entity or default).</summary>
public sealed record TitleRuleSpec(int Position, CommitteeRole Role, string Keywords);

/// <summary>The outcome of mapping one title: the role and why.</summary>
public sealed record TitleMatch(CommitteeRole Role, string? Keyword, int? RulePosition)
{
    public string Reason => Keyword is null ? "no title rule matched; everyone else is a user" : $"title contains \"{Keyword}\" (rule {RulePosition})";
}

/// <summary>Maps job titles to buying-committee roles by a tenant's ordered keyword rules (pure).</summary>
public static class TitleRules
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(50);

    /// <summary>The rule set every tenant starts with (editable by its admins).</summary>
    public static IReadOnlyList<TitleRuleSpec> Defaults { get; } =
    [
        new(1, CommitteeRole.EconomicBuyer, "Chief Executive Officer, CEO, Chief Financial Officer, CFO, Chief Operating Officer, COO, President, Founder, Managing Director, General Manager"),
        new(2, CommitteeRole.TechnicalBuyer, "Chief Technology Officer, CTO, Chief Information Officer, CIO, Chief Digital Officer, CDO, Chief Information Security Officer, CISO, VP of Engineering, VP Engineering, Head of Engineering, Head of IT, Architect"),
        new(3, CommitteeRole.Champion, "E-commerce, Ecommerce, Digital, Product, Marketing, Growth, Customer Experience, Search, Merchandising"),
        new(4, CommitteeRole.User, "Manager, Lead, Analyst, Specialist, Engineer, Coordinator"),
    ];

    /// <summary>Trims, drops empty and duplicate keywords; (null, error) when none is left or it is too long.</summary>
    public static (string? Value, string? Error) NormalizeKeywords(string? input)
    {
        var words = (input ?? string.Empty).Split([',', '|', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(w => Regex.Replace(w, @"\s+", " "))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (words.Count == 0)
        {
            return (null, "Enter at least one keyword, e.g. \"Chief Technology Officer, CTO\".");
        }

        var joined = string.Join(", ", words);
        return joined.Length > TitleRule.MaxKeywordsLength
            ? (null, $"Keywords are limited to {TitleRule.MaxKeywordsLength} characters.")
            : (joined, null);
    }

    public static IReadOnlyList<string> KeywordsOf(string keywords) =>
        keywords.Split([',', '|', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The role of a title under the rules: first rule (by position) with a keyword found as whole words wins; otherwise user.</summary>
    public static TitleMatch Map(string title, IEnumerable<TitleRuleSpec> rules)
    {
        var text = title ?? string.Empty;
        foreach (var rule in rules.OrderBy(r => r.Position))
        {
            foreach (var keyword in KeywordsOf(rule.Keywords))
            {
                if (ContainsWords(text, keyword))
                {
                    return new TitleMatch(rule.Role, keyword, rule.Position);
                }
            }
        }

        return new TitleMatch(CommitteeRole.User, null, null);
    }

    private static bool ContainsWords(string text, string keyword)
    {
        var pattern = @"(?<![\p{L}\p{N}])" + Regex.Escape(keyword).Replace(@"\ ", @"\s+", StringComparison.Ordinal) + @"(?![\p{L}\p{N}])";
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}

/// <summary>A user's decision about one person's role on one account; kept across re-runs of M10.</summary>
public sealed class CommitteeOverride : TenantOwnedEntity, IAudited
{
    public const int MaxPersonLength = 200;

    private CommitteeOverride()
    {
        PersonName = string.Empty;
    }

    public CommitteeOverride(Guid companyId, string personName, CommitteeRole role, Guid? setBy, DateTime setAtUtc)
    {
        CompanyId = companyId;
        PersonName = personName.Trim();
        Set(role, setBy, setAtUtc);
    }

    public Guid CompanyId { get; private set; }

    public string PersonName { get; private set; }

    public CommitteeRole Role { get; private set; }

    public Guid? SetBy { get; private set; }

    public DateTime SetAtUtc { get; private set; }

    public void Set(CommitteeRole role, Guid? setBy, DateTime setAtUtc)
    {
        Role = role;
        SetBy = setBy;
        SetAtUtc = DateTime.SpecifyKind(setAtUtc, DateTimeKind.Utc);
    }
}
